with campaigns as (
    select * from {{ ref('int_campaigns_unioned') }}
)

select
    campaign_key,
    {{ surrogate_key(['tenant_slug', 'platform', 'ad_account_id']) }} as ad_account_key,
    tenant_slug,
    platform,
    campaign_id,
    ad_account_id,
    campaign_name,
    campaign_status,
    objective,
    extracted_at as last_extracted_at
from campaigns
