-- campaign_performance is the google_metrics template's GAQL query (customer.id,
-- customer.currency_code, campaign.id, campaign.name, segments.date, metrics.*): flat
-- dotted keys, which the destination names with `_` (`campaign.id` -> campaign_id). It
-- selects no hour or network segment, so rows are already campaign-days; the group by
-- keeps the declared grain if the query gains a segment. Money is in micros.
with source as (
    {{ union_tenant_sources('google_ads', 'campaign_performance', {
        'customer_id': 'bigint',
        'campaign_id': 'bigint',
        'campaign_name': 'varchar',
        'segments_date': 'date',
        'metrics_cost_micros': 'bigint',
        'metrics_impressions': 'bigint',
        'metrics_clicks': 'bigint',
        'metrics_conversions': 'decimal(38, 9)',
        'metrics_conversions_value': 'decimal(38, 9)',
    }) }}
),

campaign_days as (
    select
        -- ids
        tenant_slug,
        'google_ads' as platform,
        cast(customer_id as varchar) as ad_account_id,
        cast(campaign_id as varchar) as campaign_id,
        max(campaign_name) as campaign_name,
        segments_date as stat_date,
        -- numerics, in the ad account's currency
        {{ micros_to_units('sum(metrics_cost_micros)') }} as spend,
        sum(metrics_impressions) as impressions,
        sum(metrics_clicks) as clicks,
        cast(sum(metrics_conversions) as decimal(18, 4)) as conversions,
        cast(sum(metrics_conversions_value) as decimal(18, 4)) as revenue,
        count(*) as source_rows,
        -- timestamps
        max(_airbyte_extracted_at) as extracted_at
    from source
    group by tenant_slug, customer_id, campaign_id, segments_date
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
    *
from campaign_days
