with unioned as (
    {{ union_platform_models('campaign_stats', [
        'raw_record_id', 'tenant_slug', 'platform', 'ad_account_id', 'campaign_id', 'campaign_name',
        'stat_date', 'spend', 'impressions', 'clicks', 'conversions', 'revenue', 'extracted_at',
    ]) }}
)

select * from unioned
