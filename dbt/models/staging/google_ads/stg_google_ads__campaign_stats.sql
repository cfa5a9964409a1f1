with source as (
    {{ union_tenant_sources('google_ads', 'campaign_performance', {
        'customer_id': 'bigint',
        'campaign_id': 'bigint',
        'campaign_name': 'varchar',
        'segments_date': 'date',
        'metrics_cost_micros': 'bigint',
        'metrics_impressions': 'bigint',
        'metrics_clicks': 'bigint',
        'metrics_conversions': 'double',
        'metrics_conversions_value': 'double',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'google_ads' as platform,
        cast(customer_id as varchar) as ad_account_id,
        cast(campaign_id as varchar) as campaign_id,
        campaign_name,
        segments_date as stat_date,
        {{ micros_to_units('metrics_cost_micros') }} as spend,
        metrics_impressions as impressions,
        metrics_clicks as clicks,
        cast(metrics_conversions as decimal(18, 4)) as conversions,
        cast(metrics_conversions_value as decimal(18, 4)) as revenue,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
)

select * from renamed
