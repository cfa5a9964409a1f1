-- Every platform's campaign-days in one table, built once per run: the fct, both dimensions
-- and the ad accounts read it, and as a view each of them recomputed every tenant's staging
-- (on PostgreSQL at 200 tenants the full build no longer finished). Incremental like the fct:
-- a run rebuilds each (tenant, platform) from its newest day minus its connector's lookback,
-- and the whole history of a (tenant, platform) new here (macros/restatement_cutoff.sql).
{{ config(
    materialized='incremental',
    unique_key='campaign_day_key',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns',
) }}

with unioned as (
    {{ union_platform_models('campaign_stats', [
        'campaign_day_key', 'tenant_slug', 'platform', 'ad_account_id', 'campaign_id', 'campaign_name',
        'stat_date', 'spend', 'impressions', 'clicks', 'conversions', 'revenue', 'source_rows', 'extracted_at',
    ]) }}
)

select * from unioned
{% if is_incremental() %}
where {{ restatement_filter(this, 'stat_date', 'stat_date') }}
{% endif %}
