-- Ad accounts come from three places: the platforms' account streams (name, currency,
-- time zone, country) when a connection syncs them, the tenant config (account id and
-- currency, var('tenants')), and the accounts the stats mention. Streams win over config.
with from_streams as (
    {{ union_platform_models('ad_accounts', [
        'tenant_slug', 'platform', 'ad_account_id', 'ad_account_name',
        'currency_code', 'time_zone', 'country_code', 'account_status', 'extracted_at',
    ]) }}
),

from_config as (
    {{ configured_ad_accounts() }}
),

from_stats as (
    select distinct tenant_slug, platform, ad_account_id
    from {{ ref('int_campaign_stats_unioned') }}
),

all_accounts as (
    select tenant_slug, platform, ad_account_id from from_streams
    union
    select tenant_slug, platform, ad_account_id from from_config
    union
    select tenant_slug, platform, ad_account_id from from_stats
)

select
    {{ surrogate_key(['all_accounts.tenant_slug', 'all_accounts.platform', 'all_accounts.ad_account_id']) }} as ad_account_key,
    all_accounts.tenant_slug,
    all_accounts.platform,
    all_accounts.ad_account_id,
    coalesce(from_streams.ad_account_name, all_accounts.ad_account_id) as ad_account_name,
    coalesce(from_streams.currency_code, from_config.currency_code) as currency_code,
    from_streams.time_zone,
    from_streams.country_code,
    coalesce(from_streams.account_status, 'active') as account_status,
    from_streams.extracted_at,
    from_config.ad_account_id is not null as is_configured
from all_accounts
left join from_streams
    on all_accounts.tenant_slug = from_streams.tenant_slug
    and all_accounts.platform = from_streams.platform
    and all_accounts.ad_account_id = from_streams.ad_account_id
left join from_config
    on all_accounts.tenant_slug = from_config.tenant_slug
    and all_accounts.platform = from_config.platform
    and all_accounts.ad_account_id = from_config.ad_account_id
