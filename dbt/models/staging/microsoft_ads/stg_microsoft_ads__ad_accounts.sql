with source as (
    {{ union_tenant_sources('microsoft_ads', 'accounts', {
        'Id': 'bigint',
        'Name': 'varchar',
        'CurrencyCode': 'varchar',
        'TimeZone': 'varchar',
        'BusinessAddress': 'json',
        'AccountLifeCycleStatus': 'varchar',
    }) }}
),

renamed as (
    select
        -- ids
        _airbyte_raw_id as raw_record_id,
        tenant_slug,
        'microsoft_ads' as platform,
        cast(Id as varchar) as ad_account_id,
        Name as ad_account_name,
        upper(CurrencyCode) as currency_code,
        TimeZone as time_zone,
        upper(BusinessAddress ->> 'CountryCode') as country_code,
        case AccountLifeCycleStatus when 'Active' then 'active' when 'Pause' then 'disabled' else 'closed' end as account_status,
        -- timestamps
        _airbyte_extracted_at as extracted_at
    from source
),

latest as (
    -- dimension streams are re-read daily: keep each object's latest extraction
    {{ latest_extraction('renamed', ['tenant_slug', 'ad_account_id']) }}
)

select
    {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
    *
from latest
