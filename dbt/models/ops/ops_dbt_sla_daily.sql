-- Per UTC day: the share of the day in which the newest successful dbt build (command_runs:
-- command 'dbt', status 'ok') ended less than var('dbt_fresh_hours') before (fresh_coverage,
-- the rule health's dbt_run check judges by), from the day of the first dbt run up to the
-- observed horizon; and the day's dbt runs.
with dbt_runs as (
    select * from {{ ref('int_ops__dbt_runs') }}
),

horizon as (
    select observed_until from {{ ref('int_ops__observed_until') }}
),

successes as (
    select subject, ended_at, ended_at + {{ var('dbt_fresh_hours', 24) }} * interval '1 hour' as expires_at
    from dbt_runs
    where succeeded
),

days as (
    select cast(spine.day_start as date) as day
    from generate_series(
        cast((select min(day) from dbt_runs) as timestamp),
        cast((select {{ local_date('observed_until', "'UTC'") }} from horizon) as timestamp),
        interval '1 day'
    ) as spine (day_start)
),

windows as (
    select
        'dbt' as subject,
        d.day,
        cast(d.day as timestamp) at time zone 'UTC' as window_start,
        case
            when h.observed_until < (cast(d.day as timestamp) + interval '1 day') at time zone 'UTC' then h.observed_until
            else (cast(d.day as timestamp) + interval '1 day') at time zone 'UTC'
        end as window_end
    from days as d
    cross join horizon as h
),

coverage as (
    {{ fresh_coverage('successes', 'windows', ['subject']) }}
),

run_days as (
    select
        day,
        count(*) as dbt_runs,
        sum(case when succeeded then 1 else 0 end) as successes,
        sum(case when succeeded then 0 else 1 end) as failures,
        {{ percentile_cont('duration_seconds', 0.5) }} as p50_duration_seconds,
        {{ percentile_cont('duration_seconds', 0.95) }} as p95_duration_seconds,
        max(case when succeeded then ended_at end) as last_success_at
    from dbt_runs
    group by day
)

select
    w.day,
    {{ var('dbt_fresh_hours', 24) }} as fresh_hours,
    {{ epoch_seconds_between('w.window_end', 'w.window_start') }} as window_seconds,
    c.fresh_seconds,
    c.fresh_seconds / nullif({{ epoch_seconds_between('w.window_end', 'w.window_start') }}, 0) as sla_attainment,
    coalesce(r.dbt_runs, 0) as dbt_runs,
    coalesce(r.successes, 0) as successes,
    coalesce(r.failures, 0) as failures,
    r.p50_duration_seconds,
    r.p95_duration_seconds,
    r.last_success_at
from windows as w
inner join coverage as c on c.subject = w.subject and c.window_start = w.window_start
left join run_days as r on r.day = w.day
where w.window_end > w.window_start
