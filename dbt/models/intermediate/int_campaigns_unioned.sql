-- Campaigns come from the platforms' campaign streams when synced (Meta's daily
-- dimensions connection) and otherwise from the names the stats streams carry.
with from_streams as (
    {{ union_platform_models('campaigns', [
        'tenant_slug', 'platform', 'campaign_id', 'ad_account_id',
        'campaign_name', 'campaign_status', 'objective', 'extracted_at',
    ]) }}
),

from_stats as (
    select
        tenant_slug,
        platform,
        campaign_id,
        max(ad_account_id) as ad_account_id,
        max(campaign_name) as campaign_name,
        max(extracted_at) as extracted_at
    from {{ ref('int_campaign_stats_unioned') }}
    group by tenant_slug, platform, campaign_id
),

all_campaigns as (
    select tenant_slug, platform, campaign_id from from_streams
    union
    select tenant_slug, platform, campaign_id from from_stats
)

select
    {{ surrogate_key(['all_campaigns.tenant_slug', 'all_campaigns.platform', 'all_campaigns.campaign_id']) }} as campaign_key,
    all_campaigns.tenant_slug,
    all_campaigns.platform,
    all_campaigns.campaign_id,
    coalesce(from_streams.ad_account_id, from_stats.ad_account_id) as ad_account_id,
    coalesce(from_streams.campaign_name, from_stats.campaign_name, all_campaigns.campaign_id) as campaign_name,
    coalesce(from_streams.campaign_status, 'active') as campaign_status,
    from_streams.objective,
    greatest(from_streams.extracted_at, from_stats.extracted_at) as extracted_at
from all_campaigns
left join from_streams
    on all_campaigns.tenant_slug = from_streams.tenant_slug
    and all_campaigns.platform = from_streams.platform
    and all_campaigns.campaign_id = from_streams.campaign_id
left join from_stats
    on all_campaigns.tenant_slug = from_stats.tenant_slug
    and all_campaigns.platform = from_stats.platform
    and all_campaigns.campaign_id = from_stats.campaign_id
