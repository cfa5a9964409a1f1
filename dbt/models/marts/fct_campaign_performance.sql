-- Incremental: a run after a sync rebuilds only the days a connector can have restated (each
-- (tenant, platform) from its newest day minus its lookback, see macros/restatement_cutoff.sql)
-- and the whole history of a (tenant, platform) that is new here. The filter is on columns
-- the staging models group by, so both engines push it down to the raw tables.
{{ config(
    materialized='incremental',
    unique_key='performance_key',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns',
) }}

with performance as (
    select * from {{ ref('int_campaign_stats_converted') }}
    {% if is_incremental() %}
    where {{ restatement_filter(this, 'stat_date') }}
    {% endif %}
),

final as (
    select
        -- ids
        {{ surrogate_key(['tenant_slug', 'platform', 'stat_date', 'campaign_id']) }} as performance_key,
        {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id']) }} as campaign_key,
        {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
        tenant_slug,
        platform,
        stat_date as date_day,
        campaign_id,
        ad_account_id,
        -- currencies
        account_currency,
        reporting_currency,
        fx_rate,
        -- numerics
        spend as spend_account_currency,
        spend_reporting_currency,
        impressions,
        clicks,
        conversions,
        revenue as revenue_account_currency,
        revenue_reporting_currency,
        -- attribution
        is_attribution_window_closed,
        lookback_days,
        last_restated_at,
        -- when this run wrote the row: daily_campaign_summary rebuilds the days it touched
        current_timestamp as refreshed_at
    from performance
)

select * from final
