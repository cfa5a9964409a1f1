with source as (
    {{ union_tenant_sources('linkedin', 'campaigns', {
        'id': 'bigint',
        'account': 'varchar',
        'name': 'varchar',
        'status': 'varchar',
        'objectiveType': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'linkedin' as platform,
        cast(id as varchar) as campaign_id,
        split_part(account, ':', 4) as ad_account_id,
        name as campaign_name,
        case status when 'ACTIVE' then 'active' when 'PAUSED' then 'paused' when 'ARCHIVED' then 'archived' else 'removed' end as campaign_status,
        lower(objectiveType) as objective,
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
