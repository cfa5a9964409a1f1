-- Attribution: platforms keep restating a day's conversions for var('attribution_window_days')
-- days (28). For each campaign-day keep the latest snapshot extracted inside that window;
-- a snapshot extracted after the window closed (a late backfill or a restatement the
-- platform should no longer make) is used only when the day has no snapshot inside it.
with snapshots as (
    select
        *,
        cast(extracted_at as date) <= stat_date + {{ var('attribution_window_days') }} as is_in_window
    from {{ ref('int_campaign_stats_unioned') }}
),

chosen as (
    select *
    from snapshots
    qualify row_number() over (
        partition by tenant_slug, platform, campaign_id, stat_date
        order by
            case when is_in_window then 0 else 1 end,
            case when is_in_window then extracted_at end desc nulls last,
            extracted_at asc,
            raw_record_id
    ) = 1
),

final as (
    select
        -- ids
        {{ surrogate_key(['tenant_slug', 'platform', 'campaign_id', 'stat_date']) }} as campaign_day_key,
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
        is_in_window as is_restated_in_window,
        current_date > stat_date + {{ var('attribution_window_days') }} as is_attribution_window_closed
    from chosen
)

select * from final
