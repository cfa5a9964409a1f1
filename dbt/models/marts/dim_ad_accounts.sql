with accounts as (
    select * from {{ ref('int_ad_accounts_unioned') }}
),

geo as (
    select * from {{ ref('geo_countries') }}
)

select
    accounts.ad_account_key,
    accounts.tenant_slug,
    accounts.platform,
    accounts.ad_account_id,
    accounts.ad_account_name,
    accounts.currency_code,
    accounts.time_zone,
    accounts.account_status,
    accounts.country_code,
    geo.country_name,
    geo.region,
    accounts.extracted_at as last_extracted_at
from accounts
left join geo
    on accounts.country_code = geo.country_code
