with unioned as (
    {{ union_platform_models('campaign_stats', [
        'campaign_day_key', 'tenant_slug', 'platform', 'ad_account_id', 'campaign_id', 'campaign_name',
        'stat_date', 'spend', 'impressions', 'clicks', 'conversions', 'revenue', 'source_rows', 'extracted_at',
    ]) }}
)

select * from unioned
