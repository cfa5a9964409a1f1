-- The google_metrics connection syncs only its GAQL stream, which selects
-- customer.id and customer.currency_code: the accounts and their currencies come from it.
with source as (
    {{ union_tenant_sources('google_ads', 'campaign_performance', {
        'customer_id': 'bigint',
        'customer_currency_code': 'varchar',
    }) }}
),

accounts as (
    select
        -- ids
        tenant_slug,
        'google_ads' as platform,
        cast(customer_id as varchar) as ad_account_id,
        cast(null as varchar) as ad_account_name,
        upper(max(customer_currency_code)) as currency_code,
        cast(null as varchar) as time_zone,
        cast(null as varchar) as country_code,
        'active' as account_status,
        -- timestamps
        max(_airbyte_extracted_at) as extracted_at
    from source
    group by tenant_slug, customer_id
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
    *
from accounts
