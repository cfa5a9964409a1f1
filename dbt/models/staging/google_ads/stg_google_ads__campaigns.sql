-- Campaign names from the GAQL stream (campaign.id, campaign.name); it selects no status.
with source as (
    {{ union_tenant_sources('google_ads', 'campaign_performance', {
        'customer_id': 'bigint',
        'campaign_id': 'bigint',
        'campaign_name': 'varchar',
        'segments_date': 'date',
    }) }}
),

latest_name as (
    -- the name on the campaign's most recent day
    select tenant_slug, campaign_id, campaign_name, customer_id, _airbyte_extracted_at
    from source as day_row
    where not exists (
        select 1 from source as later
        where later.tenant_slug = day_row.tenant_slug
            and later.campaign_id = day_row.campaign_id
            and (later.segments_date > day_row.segments_date
                or (later.segments_date = day_row.segments_date and later._airbyte_raw_id > day_row._airbyte_raw_id))
    )
)

select
    {{ surrogate_key(['tenant_slug', "'google_ads'", 'campaign_id']) }} as campaign_key,
    tenant_slug,
    'google_ads' as platform,
    cast(campaign_id as varchar) as campaign_id,
    cast(customer_id as varchar) as ad_account_id,
    campaign_name,
    'active' as campaign_status,
    cast(null as varchar) as objective,
    _airbyte_extracted_at as extracted_at
from latest_name
