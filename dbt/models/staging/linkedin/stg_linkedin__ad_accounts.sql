with source as (
    {{ union_tenant_sources('linkedin', 'accounts', {
        'id': 'bigint',
        'name': 'varchar',
        'currency': 'varchar',
        'status': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'linkedin' as platform,
        cast(id as varchar) as ad_account_id,
        name as ad_account_name,
        upper(currency) as currency_code,
        cast(null as varchar) as time_zone,
        cast(null as varchar) as country_code,
        case status when 'ACTIVE' then 'active' when 'CANCELED' then 'closed' else 'disabled' end as account_status,
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
