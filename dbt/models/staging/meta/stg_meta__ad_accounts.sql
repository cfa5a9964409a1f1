with source as (
    {{ union_tenant_sources('meta', 'ad_account', {
        'id': 'varchar',
        'account_id': 'varchar',
        'name': 'varchar',
        'currency': 'varchar',
        'timezone_name': 'varchar',
        'business_country_code': 'varchar',
        'account_status': 'bigint',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'meta' as platform,
        coalesce(account_id, replace(id, 'act_', '')) as ad_account_id,
        name as ad_account_name,
        upper(currency) as currency_code,
        timezone_name as time_zone,
        upper(business_country_code) as country_code,
        case account_status when 1 then 'active' when 2 then 'disabled' else 'closed' end as account_status,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
),

latest as (
    -- overwrite keeps one row per account; this guards an append connection
    {{ latest_extraction('renamed', ['tenant_slug', 'ad_account_id']) }}
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
    *
from latest
