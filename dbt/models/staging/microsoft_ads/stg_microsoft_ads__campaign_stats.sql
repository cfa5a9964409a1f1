-- campaign_performance_report_daily has one row per campaign-day for each combination of
-- its source-defined key (CurrencyCode, AdDistribution, DeviceType, Network,
-- DeliveredMatchType, DeviceOS, TopVsOther, BidMatchType): every row is real, so they are
-- summed to campaign-day.
with source as (
    {{ union_tenant_sources('microsoft_ads', 'campaign_performance_report_daily', {
        'AccountId': 'bigint',
        'CampaignId': 'bigint',
        'CampaignName': 'varchar',
        'TimePeriod': 'date',
        'Spend': 'decimal(38, 9)',
        'Impressions': 'bigint',
        'Clicks': 'bigint',
        'Conversions': 'decimal(38, 9)',
        'Revenue': 'decimal(38, 9)',
    }) }}
),

campaign_days as (
    select
        -- ids
        tenant_slug,
        'microsoft_ads' as platform,
        cast(AccountId as varchar) as ad_account_id,
        cast(CampaignId as varchar) as campaign_id,
        max(CampaignName) as campaign_name,
        TimePeriod as stat_date,
        -- numerics, in the ad account's currency
        cast(sum(Spend) as decimal(18, 4)) as spend,
        sum(Impressions) as impressions,
        sum(Clicks) as clicks,
        cast(sum(Conversions) as decimal(18, 4)) as conversions,
        cast(sum(Revenue) as decimal(18, 4)) as revenue,
        count(*) as source_rows,
        -- timestamps
        max(_airbyte_extracted_at) as extracted_at
    from source
    group by tenant_slug, AccountId, CampaignId, TimePeriod
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
    *
from campaign_days
