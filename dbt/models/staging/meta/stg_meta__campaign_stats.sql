-- ads_insights is one row per ad per day (level=ad, time_increment=1), and under
-- append_dedup the raw table holds each ad-day's latest restatement. Conversions are the
-- pixel purchases: the `value` of the action_type var('meta_purchase_action_type')
-- (offsite_conversion.fb_pixel_purchase) in `actions`, revenue the same in `action_values`.
-- Summed to campaign-day.
with source as (
    {{ union_tenant_sources('meta', 'ads_insights', {
        'account_id': 'varchar',
        'campaign_id': 'varchar',
        'campaign_name': 'varchar',
        'ad_id': 'varchar',
        'date_start': 'date',
        'spend': 'decimal(38, 9)',
        'impressions': 'bigint',
        'clicks': 'bigint',
        'actions': 'json',
        'action_values': 'json',
    }) }}
),

ads as (
    select
        tenant_slug,
        replace(account_id, 'act_', '') as ad_account_id,
        campaign_id,
        campaign_name,
        ad_id,
        date_start,
        spend,
        impressions,
        clicks,
        {{ json_action_value('actions', var('meta_purchase_action_type')) }} as purchases,
        {{ json_action_value('action_values', var('meta_purchase_action_type')) }} as purchase_value,
        _airbyte_extracted_at
    from source
),

campaign_days as (
    select
        -- ids
        tenant_slug,
        'meta' as platform,
        ad_account_id,
        campaign_id,
        max(campaign_name) as campaign_name,
        date_start as stat_date,
        -- numerics, in the ad account's currency
        cast(sum(spend) as decimal(18, 4)) as spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        cast(sum(purchases) as decimal(18, 4)) as conversions,
        cast(sum(purchase_value) as decimal(18, 4)) as revenue,
        count(*) as source_rows,
        -- timestamps
        max(_airbyte_extracted_at) as extracted_at
    from ads
    group by tenant_slug, ad_account_id, campaign_id, date_start
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
    *
from campaign_days
