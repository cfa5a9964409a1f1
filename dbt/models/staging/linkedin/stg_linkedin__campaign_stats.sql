with source as (
    {{ union_tenant_sources('linkedin', 'ad_campaign_analytics', {
        'sponsoredAccount': 'varchar',
        'sponsoredCampaign': 'varchar',
        'start_date': 'date',
        'costInLocalCurrency': 'decimal(18, 4)',
        'impressions': 'bigint',
        'clicks': 'bigint',
        'externalWebsiteConversions': 'bigint',
        'conversionValueInLocalCurrency': 'decimal(18, 4)',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'linkedin' as platform,
        split_part(sponsoredAccount, ':', 4) as ad_account_id,
        split_part(sponsoredCampaign, ':', 4) as campaign_id,
        cast(null as varchar) as campaign_name,
        start_date as stat_date,
        costInLocalCurrency as spend,
        impressions,
        clicks,
        cast(externalWebsiteConversions as decimal(18, 4)) as conversions,
        conversionValueInLocalCurrency as revenue,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
)

select * from renamed
