with source as (
    {{ union_tenant_sources('tiktok', 'campaigns_reports_daily', {
        'advertiser_id': 'bigint',
        'campaign_id': 'bigint',
        'campaign_name': 'varchar',
        'stat_time_day': 'timestamp',
        'spend': 'decimal(18, 4)',
        'impressions': 'bigint',
        'clicks': 'bigint',
        'conversion': 'bigint',
        'total_purchase_value': 'decimal(18, 4)',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'tiktok' as platform,
        cast(advertiser_id as varchar) as ad_account_id,
        cast(campaign_id as varchar) as campaign_id,
        campaign_name,
        cast(stat_time_day as date) as stat_date,
        spend,
        impressions,
        clicks,
        cast(conversion as decimal(18, 4)) as conversions,
        total_purchase_value as revenue,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
)

select * from renamed
