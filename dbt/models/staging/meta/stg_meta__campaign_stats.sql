with source as (
    {{ union_tenant_sources('meta', 'ads_insights', {
        'account_id': 'varchar',
        'campaign_id': 'varchar',
        'campaign_name': 'varchar',
        'date_start': 'date',
        'spend': 'decimal(18, 4)',
        'impressions': 'bigint',
        'clicks': 'bigint',
        'conversions': 'decimal(18, 4)',
        'conversion_values': 'decimal(18, 4)',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'meta' as platform,
        replace(account_id, 'act_', '') as ad_account_id,
        campaign_id,
        campaign_name,
        date_start as stat_date,
        spend,
        impressions,
        clicks,
        conversions,
        conversion_values as revenue,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
)

select * from renamed
