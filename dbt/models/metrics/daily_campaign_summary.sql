-- Dashboard metrics (seed 003: tag `dashboard`, incremental). Each run re-processes the
-- last var('attribution_window_days') days, because late conversions restate them.
{{ config(
    materialized='incremental',
    unique_key='summary_key',
    incremental_strategy='delete+insert',
    tags=['dashboard'],
) }}

with performance as (
    select * from {{ ref('fct_campaign_performance') }}
    {% if is_incremental() %}
    where date_day >= (select max(date_day) from {{ this }}) - {{ var('attribution_window_days') }}
    {% endif %}
),

daily as (
    select
        tenant_slug,
        platform,
        date_day,
        reporting_currency,
        count(distinct campaign_id) as active_campaigns,
        sum(spend_reporting_currency) as spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(conversions) as conversions,
        sum(revenue_reporting_currency) as revenue
    from performance
    group by tenant_slug, platform, date_day, reporting_currency
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'date_day']) }} as summary_key,
    *,
    cast(clicks as double precision) / nullif(impressions, 0) as ctr,
    spend / nullif(clicks, 0) as cpc,
    spend / nullif(conversions, 0) as cpa,
    revenue / nullif(spend, 0) as roas,
    current_timestamp as refreshed_at
from daily
