with source as (
    {{ union_tenant_sources('google_ads', 'customer', {
        'customer_id': 'bigint',
        'customer_descriptive_name': 'varchar',
        'customer_currency_code': 'varchar',
        'customer_time_zone': 'varchar',
        'customer_country_code': 'varchar',
        'customer_status': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'google_ads' as platform,
        cast(customer_id as varchar) as ad_account_id,
        customer_descriptive_name as ad_account_name,
        upper(customer_currency_code) as currency_code,
        customer_time_zone as time_zone,
        upper(customer_country_code) as country_code,
        case upper(customer_status) when 'ENABLED' then 'active' when 'SUSPENDED' then 'disabled' else 'closed' end as account_status,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
),

latest as (
    -- dimension streams are re-read daily: keep each object's latest extraction
    {{ latest_extraction('renamed', ['tenant_slug', 'ad_account_id']) }}
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
    *
from latest
