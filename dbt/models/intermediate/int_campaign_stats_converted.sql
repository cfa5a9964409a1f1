-- Currency: every amount is kept in the ad account's currency and converted to
-- var('reporting_currency') with the rate valid on the stat date (seed currency_rates holds
-- USD per unit, each valid from `valid_from` until the next row of the same currency).
with stats as (
    select * from {{ ref('int_campaign_stats_attributed') }}
),

accounts as (
    select tenant_slug, platform, ad_account_id, currency_code
    from {{ ref('int_ad_accounts_unioned') }}
),

rates as (
    select
        currency_code,
        rate_to_usd,
        valid_from,
        coalesce(
            lead(valid_from) over (partition by currency_code order by valid_from),
            cast('9999-12-31' as date)
        ) as valid_to
    from {{ ref('currency_rates') }}
),

converted as (
    select
        stats.*,
        accounts.currency_code as account_currency,
        '{{ var("reporting_currency") }}' as reporting_currency,
        account_rate.rate_to_usd / reporting_rate.rate_to_usd as fx_rate
    from stats
    left join accounts
        on stats.tenant_slug = accounts.tenant_slug
        and stats.platform = accounts.platform
        and stats.ad_account_id = accounts.ad_account_id
    left join rates as account_rate
        on account_rate.currency_code = accounts.currency_code
        and stats.stat_date >= account_rate.valid_from
        and stats.stat_date < account_rate.valid_to
    left join rates as reporting_rate
        on reporting_rate.currency_code = '{{ var("reporting_currency") }}'
        and stats.stat_date >= reporting_rate.valid_from
        and stats.stat_date < reporting_rate.valid_to
)

select
    *,
    cast(round(spend * fx_rate, 4) as decimal(18, 4)) as spend_reporting_currency,
    cast(round(revenue * fx_rate, 4) as decimal(18, 4)) as revenue_reporting_currency
from converted
