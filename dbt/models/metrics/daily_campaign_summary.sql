-- Dashboard metrics (seed 003: tag `dashboard`, incremental). Each run rebuilds the
-- (tenant, platform, day) groups of which fct_campaign_performance rewrote a row since this
-- model's last refresh: the days late conversions restated, and a new tenant's whole history.
{{ config(
    materialized='incremental',
    unique_key='summary_key',
    incremental_strategy='delete+insert',
    tags=['dashboard'],
) }}

with performance as (
    select performance.* from {{ ref('fct_campaign_performance') }} as performance
    {% if is_incremental() %}
    inner join (
        select distinct tenant_slug, platform, date_day
        from {{ ref('fct_campaign_performance') }}
        where refreshed_at > (select coalesce(max(refreshed_at), cast('1900-01-01' as timestamp with time zone)) from {{ this }})
    ) as touched
        on performance.tenant_slug = touched.tenant_slug
        and performance.platform = touched.platform
        and performance.date_day = touched.date_day
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
