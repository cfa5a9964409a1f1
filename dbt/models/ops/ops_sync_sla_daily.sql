-- Per tenant, connection and tenant-local day: how much of the SLA window the newest
-- successful sync was fresh (fresh_coverage, the rule health judges by), and the day's runs.
with windows as (
    select * from {{ ref('int_ops__sla_windows') }}
),

runs as (
    select * from {{ ref('int_ops__sync_runs') }}
),

connection_fresh as (
    select tenant, connection_name, max(fresh_minutes) as fresh_minutes
    from windows
    group by tenant, connection_name
),

-- When each success stops counting: a cycle window's success holds until that cycle ends
-- (health: the newest success must be from the latest run whose SLA passed); otherwise it
-- expires threshold_minutes (the SLA, or the interval when longer) after it ended.
successes as (
    select
        r.tenant,
        r.connection_name,
        r.ended_at,
        case
            when w.freshness_rule = 'cycle' then w.scheduled_window_end
            else r.ended_at + coalesce(w.threshold_minutes, w.fresh_minutes, f.fresh_minutes) * interval '1 minute'
        end as expires_at
    from runs as r
    left join windows as w
        on w.tenant = r.tenant
        and w.connection_name = r.connection_name
        and r.ended_at + w.fresh_minutes * interval '1 minute' >= w.window_start
        and r.ended_at + w.fresh_minutes * interval '1 minute' < w.scheduled_window_end
    left join connection_fresh as f
        on f.tenant = r.tenant and f.connection_name = r.connection_name
    where r.succeeded
),

coverage as (
    {{ fresh_coverage('successes', 'windows', ['tenant', 'connection_name']) }}
),

window_days as (
    select
        w.tenant,
        w.connection_name,
        w.day,
        max(w.schedule_group) as schedule_group,
        max(w.freshness_rule) as freshness_rule,
        max(w.fresh_minutes) as fresh_minutes,
        sum({{ epoch_seconds_between('w.window_end', 'w.window_start') }}) as window_seconds,
        sum(c.fresh_seconds) as fresh_seconds
    from windows as w
    inner join coverage as c
        on c.tenant = w.tenant and c.connection_name = w.connection_name and c.window_start = w.window_start
    group by w.tenant, w.connection_name, w.day
),

run_days as (
    select
        tenant,
        connection_name,
        day,
        count(*) as syncs,
        sum(case when succeeded then 1 else 0 end) as successes,
        sum(case when succeeded then 0 else 1 end) as failures,
        {{ percentile_cont('duration_seconds', 0.5) }} as p50_duration_seconds,
        {{ percentile_cont('duration_seconds', 0.95) }} as p95_duration_seconds,
        avg(case when succeeded then cast(records_committed as double precision) end) as records_per_run,
        sum(records_committed) as records_committed,
        max(case when succeeded then ended_at end) as last_success_at
    from runs
    group by tenant, connection_name, day
)

select
    {{ surrogate_key(['coalesce(w.tenant, r.tenant)', 'coalesce(w.connection_name, r.connection_name)', 'coalesce(w.day, r.day)']) }} as sla_day_key,
    coalesce(w.tenant, r.tenant) as tenant,
    coalesce(w.connection_name, r.connection_name) as connection_name,
    coalesce(w.day, r.day) as day,
    w.schedule_group,
    w.freshness_rule,
    w.fresh_minutes,
    coalesce(w.window_seconds, 0) as window_seconds,
    coalesce(w.fresh_seconds, 0) as fresh_seconds,
    w.fresh_seconds / nullif(w.window_seconds, 0) as sla_attainment,
    coalesce(r.syncs, 0) as syncs,
    coalesce(r.successes, 0) as successes,
    coalesce(r.failures, 0) as failures,
    r.p50_duration_seconds,
    r.p95_duration_seconds,
    r.records_per_run,
    coalesce(r.records_committed, 0) as records_committed,
    r.last_success_at
from window_days as w
full outer join run_days as r
    on r.tenant = w.tenant and r.connection_name = w.connection_name and r.day = w.day
