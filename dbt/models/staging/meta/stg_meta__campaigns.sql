with source as (
    {{ union_tenant_sources('meta', 'campaigns', {
        'id': 'varchar',
        'account_id': 'varchar',
        'name': 'varchar',
        'objective': 'varchar',
        'effective_status': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'meta' as platform,
        id as campaign_id,
        replace(account_id, 'act_', '') as ad_account_id,
        name as campaign_name,
        case upper(effective_status) when 'ACTIVE' then 'active' when 'PAUSED' then 'paused' when 'ARCHIVED' then 'archived' else 'removed' end as campaign_status,
        lower(objective) as objective,
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
