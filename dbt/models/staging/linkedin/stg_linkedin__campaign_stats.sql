-- ad_campaign_analytics is one row per campaign per day (pivot CAMPAIGN, DAILY), keyed by
-- string_of_pivot_values (the campaign URN), end_date and sponsoredCampaign (the bare
-- campaign id as a string). The rows carry no account and no currency: the account is
-- campaigns.account (a URN), the currency accounts.currency. Every metric is a JSON number.
with source as (
    {{ union_tenant_sources('linkedin', 'ad_campaign_analytics', {
        'sponsoredCampaign': 'varchar',
        'start_date': 'date',
        'costInLocalCurrency': 'decimal(38, 9)',
        'impressions': 'decimal(38, 9)',
        'clicks': 'decimal(38, 9)',
        'externalWebsiteConversions': 'decimal(38, 9)',
        'conversionValueInLocalCurrency': 'decimal(38, 9)',
    }) }}
),

campaigns as (
    select tenant_slug, campaign_id, ad_account_id, campaign_name
    from {{ ref('stg_linkedin__campaigns') }}
),

configured as (
    -- the tenant's one configured account on the platform, when the campaign is not synced yet
    select tenant_slug, max(ad_account_id) as ad_account_id
    from ({{ configured_ad_accounts() }}) as accounts
    where platform = 'linkedin'
    group by tenant_slug
),

campaign_days as (
    select
        -- ids
        source.tenant_slug,
        'linkedin' as platform,
        coalesce(max(campaigns.ad_account_id), max(configured.ad_account_id)) as ad_account_id,
        source.sponsoredCampaign as campaign_id,
        max(campaigns.campaign_name) as campaign_name,
        source.start_date as stat_date,
        -- numerics, in the ad account's currency
        cast(sum(source.costInLocalCurrency) as decimal(18, 4)) as spend,
        cast(sum(source.impressions) as bigint) as impressions,
        cast(sum(source.clicks) as bigint) as clicks,
        cast(sum(source.externalWebsiteConversions) as decimal(18, 4)) as conversions,
        cast(sum(source.conversionValueInLocalCurrency) as decimal(18, 4)) as revenue,
        count(*) as source_rows,
        -- timestamps
        max(source._airbyte_extracted_at) as extracted_at
    from source
    left join campaigns
        on source.tenant_slug = campaigns.tenant_slug
        and source.sponsoredCampaign = campaigns.campaign_id
    left join configured
        on source.tenant_slug = configured.tenant_slug
    group by source.tenant_slug, source.sponsoredCampaign, source.start_date
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
    *
from campaign_days
