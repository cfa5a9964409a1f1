with source as (
    {{ union_tenant_sources('microsoft_ads', 'campaigns', {
        'Id': 'decimal(38, 9)',
        'AccountId': 'bigint',
        'Name': 'varchar',
        'Status': 'varchar',
        'CampaignType': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'microsoft_ads' as platform,
        cast(cast(Id as bigint) as varchar) as campaign_id,
        cast(AccountId as varchar) as ad_account_id,
        Name as campaign_name,
        case Status when 'Active' then 'active' when 'Paused' then 'paused' when 'BudgetPaused' then 'paused' else 'removed' end as campaign_status,
        lower(CampaignType) as objective,
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
