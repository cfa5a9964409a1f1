with source as (
    {{ union_tenant_sources('google_ads', 'campaign', {
        'campaign_id': 'bigint',
        'customer_id': 'bigint',
        'campaign_name': 'varchar',
        'campaign_status': 'varchar',
        'campaign_advertising_channel_type': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'google_ads' as platform,
        cast(campaign_id as varchar) as campaign_id,
        cast(customer_id as varchar) as ad_account_id,
        campaign_name,
        case upper(campaign_status) when 'ENABLED' then 'active' when 'PAUSED' then 'paused' else 'removed' end as campaign_status,
        lower(campaign_advertising_channel_type) as objective,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
),

latest as (
    -- dimension streams are re-read daily: keep each object's latest extraction
    {{ latest_extraction('renamed', ['tenant_slug', 'campaign_id']) }}
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id']) }} as campaign_key,
    *
from latest
