with source as (
    {{ union_tenant_sources('tiktok', 'advertisers', {
        'advertiser_id': 'bigint',
        'name': 'varchar',
        'currency': 'varchar',
        'timezone': 'varchar',
        'country': 'varchar',
        'status': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'tiktok' as platform,
        cast(advertiser_id as varchar) as ad_account_id,
        name as ad_account_name,
        upper(currency) as currency_code,
        timezone as time_zone,
        upper(country) as country_code,
        case status when 'STATUS_ENABLE' then 'active' when 'STATUS_DISABLE' then 'disabled' else 'closed' end as account_status,
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
