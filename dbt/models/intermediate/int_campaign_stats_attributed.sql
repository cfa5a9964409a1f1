-- Attribution: each connector re-reads its lookback on every sync (Meta
-- insights_lookback_window, Google Ads conversion_window_days, Bing and LinkedIn
-- lookback_window, TikTok attribution_window; var('lookback_days')), and the stats streams
-- are append_dedup: the raw table keeps one row per source-defined key, the latest
-- restatement. Every row is real and already summed to campaign-day in staging, so
-- nothing is picked here: this model only says how settled each day is.
with stats as (
    select * from {{ ref('int_campaign_stats_unioned') }}
),

final as (
    select
        -- ids
        campaign_day_key,
        tenant_slug,
        platform,
        ad_account_id,
        campaign_id,
        stat_date,
        -- numerics, in the ad account's currency
        spend,
        impressions,
        clicks,
        conversions,
        revenue,
        -- attribution
        extracted_at as last_restated_at,
        cast(extracted_at as date) - stat_date as restated_after_days,
        {{ platform_lookback_days('platform') }} as lookback_days,
        cast(extracted_at as date) - stat_date >= {{ platform_lookback_days('platform') }} as is_attribution_window_closed
    from stats
)

select * from final
