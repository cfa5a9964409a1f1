with source as (
    {{ union_tenant_sources('tiktok', 'campaigns', {
        'campaign_id': 'bigint',
        'advertiser_id': 'bigint',
        'campaign_name': 'varchar',
        'operation_status': 'varchar',
        'objective_type': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'tiktok' as platform,
        cast(campaign_id as varchar) as campaign_id,
        cast(advertiser_id as varchar) as ad_account_id,
        campaign_name,
        case operation_status when 'ENABLE' then 'active' when 'DISABLE' then 'paused' else 'removed' end as campaign_status,
        lower(objective_type) as objective,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
),

latest as (
    -- append_dedup keeps one row per id; this guards an append connection
    {{ latest_extraction('renamed', ['tenant_slug', 'campaign_id']) }}
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id']) }} as campaign_key,
    *
from latest
