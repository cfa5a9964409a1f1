-- The daily SLA models rolled up per ISO week (Monday start): Airbyte syncs per tenant and
-- connection (check_name 'airbyte_sync', weeks of tenant-local days) and dbt builds platform-wide
-- (check_name 'dbt_run', tenant '', weeks of UTC days). Attainment is the week's fresh seconds
-- over its window seconds (not an average of daily ratios); counts are summed; p50/p95 are
-- recomputed from the week's runs (not the max of daily percentiles).
with sync_days as (
    select
        'airbyte_sync' as check_name,
        tenant,
        connection_name as subject,
        {{ iso_week_start('day') }} as week_start,
        window_seconds,
        fresh_seconds,
        syncs as runs,
        successes,
        failures,
        records_committed
    from {{ ref('ops_sync_sla_daily') }}
),

dbt_days as (
    select
        'dbt_run' as check_name,
        '' as tenant,
        'dbt' as subject,
        {{ iso_week_start('day') }} as week_start,
        window_seconds,
        fresh_seconds,
        dbt_runs as runs,
        successes,
        failures,
        cast(null as bigint) as records_committed
    from {{ ref('ops_dbt_sla_daily') }}
),

days as (
    select * from sync_days
    union all
    select * from dbt_days
),

runs as (
    select
        'airbyte_sync' as check_name,
        tenant,
        connection_name as subject,
        {{ iso_week_start('day') }} as week_start,
        duration_seconds,
        case when succeeded then cast(records_committed as double precision) end as success_records
    from {{ ref('int_ops__sync_runs') }}
    union all
    select
        'dbt_run' as check_name,
        '' as tenant,
        subject,
        {{ iso_week_start('day') }} as week_start,
        duration_seconds,
        cast(null as double precision) as success_records
    from {{ ref('int_ops__dbt_runs') }}
),

run_weeks as (
    select
        check_name,
        tenant,
        subject,
        week_start,
        {{ percentile_cont('duration_seconds', 0.5) }} as p50_duration_seconds,
        {{ percentile_cont('duration_seconds', 0.95) }} as p95_duration_seconds,
        avg(success_records) as records_per_run
    from runs
    group by check_name, tenant, subject, week_start
),

day_weeks as (
    select
        check_name,
        tenant,
        subject,
        week_start,
        count(*) as days,
        sum(window_seconds) as window_seconds,
        sum(fresh_seconds) as fresh_seconds,
        sum(runs) as runs,
        sum(successes) as successes,
        sum(failures) as failures,
        sum(records_committed) as records_committed
    from days
    group by check_name, tenant, subject, week_start
)

select
    {{ surrogate_key(['d.check_name', 'd.tenant', 'd.subject', 'd.week_start']) }} as sla_week_key,
    d.check_name,
    d.tenant,
    d.subject,
    d.week_start,
    d.days,
    d.window_seconds,
    d.fresh_seconds,
    d.fresh_seconds / nullif(d.window_seconds, 0) as sla_attainment,
    d.runs,
    d.successes,
    d.failures,
    r.p50_duration_seconds,
    r.p95_duration_seconds,
    r.records_per_run,
    d.records_committed
from day_weeks as d
left join run_weeks as r
    on r.check_name = d.check_name and r.tenant = d.tenant and r.subject = d.subject and r.week_start = d.week_start
