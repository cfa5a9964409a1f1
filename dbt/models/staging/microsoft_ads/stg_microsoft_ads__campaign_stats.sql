with source as (
    {{ union_tenant_sources('microsoft_ads', 'campaign_performance_report_daily', {
        'AccountId': 'bigint',
        'CampaignId': 'bigint',
        'CampaignName': 'varchar',
        'TimePeriod': 'date',
        'Spend': 'decimal(18, 4)',
        'Impressions': 'bigint',
        'Clicks': 'bigint',
        'Conversions': 'decimal(18, 4)',
        'Revenue': 'decimal(18, 4)',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'microsoft_ads' as platform,
        cast(AccountId as varchar) as ad_account_id,
        cast(CampaignId as varchar) as campaign_id,
        CampaignName as campaign_name,
        TimePeriod as stat_date,
        Spend as spend,
        Impressions as impressions,
        Clicks as clicks,
        Conversions as conversions,
        Revenue as revenue,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
)

select * from renamed
