-- Singular test: a currency has at most one rate per valid_from (else conversions fan out).
select currency_code, valid_from, count(*) as n
from {{ ref('currency_rates') }}
group by currency_code, valid_from
having count(*) > 1
