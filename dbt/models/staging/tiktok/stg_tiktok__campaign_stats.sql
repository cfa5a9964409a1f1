-- ads_reports_daily is one row per ad per day: {dimensions: {ad_id, stat_time_day},
-- metrics: {...}, stat_time_day, ad_id}. Every number is under `metrics`, most as strings
-- ('-' is null), and metrics.campaign_id ties the ad to its campaign (campaigns_reports_daily
-- never carries conversions). The advertiser comes from the campaigns stream.
with source as (
    {{ union_tenant_sources('tiktok', 'ads_reports_daily', {
        'ad_id': 'bigint',
        'stat_time_day': 'timestamp',
        'metrics': 'json',
    }) }}
),

ads as (
    select
        tenant_slug,
        cast(metrics ->> 'campaign_id' as varchar) as campaign_id,
        metrics ->> 'campaign_name' as campaign_name,
        cast(stat_time_day as date) as stat_date,
        cast(nullif(metrics ->> 'spend', '-') as decimal(38, 9)) as spend,
        cast(nullif(metrics ->> 'impressions', '-') as bigint) as impressions,
        cast(nullif(metrics ->> 'clicks', '-') as bigint) as clicks,
        cast(nullif(metrics ->> 'conversion', '-') as decimal(38, 9)) as conversions,
        cast(nullif(metrics ->> 'total_purchase_value', '-') as decimal(38, 9)) as revenue,
        _airbyte_extracted_at
    from source
),

campaigns as (
    select tenant_slug, campaign_id, ad_account_id
    from {{ ref('stg_tiktok__campaigns') }}
),

configured as (
    -- the tenant's one configured account on the platform, when the campaign is not synced yet
    select tenant_slug, max(ad_account_id) as ad_account_id
    from ({{ configured_ad_accounts() }}) as accounts
    where platform = 'tiktok'
    group by tenant_slug
),

campaign_days as (
    select
        -- ids
        ads.tenant_slug,
        'tiktok' as platform,
        coalesce(max(campaigns.ad_account_id), max(configured.ad_account_id)) as ad_account_id,
        ads.campaign_id,
        max(ads.campaign_name) as campaign_name,
        ads.stat_date,
        -- numerics, in the ad account's currency
        cast(sum(ads.spend) as decimal(18, 4)) as spend,
        sum(ads.impressions) as impressions,
        sum(ads.clicks) as clicks,
        cast(sum(ads.conversions) as decimal(18, 4)) as conversions,
        cast(sum(ads.revenue) as decimal(18, 4)) as revenue,
        count(*) as source_rows,
        -- timestamps
        max(ads._airbyte_extracted_at) as extracted_at
    from ads
    left join campaigns
        on ads.tenant_slug = campaigns.tenant_slug
        and ads.campaign_id = campaigns.campaign_id
    left join configured
        on ads.tenant_slug = configured.tenant_slug
    group by ads.tenant_slug, ads.campaign_id, ads.stat_date
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
    *
from campaign_days
