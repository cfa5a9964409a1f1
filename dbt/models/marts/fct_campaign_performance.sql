with performance as (
    select * from {{ ref('int_campaign_stats_converted') }}
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
        last_restated_at
    from performance
)

select * from final
