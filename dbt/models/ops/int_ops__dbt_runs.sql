-- One row per finished `adops dbt` run (command_runs, command 'dbt'), with its UTC day.
select
    'dbt' as subject,
    run_id,
    status,
    status = 'ok' as succeeded,
    started_at,
    ended_at,
    duration_seconds,
    {{ local_date('ended_at', "'UTC'") }} as day
from {{ ref('stg_ops__command_runs') }}
where command = 'dbt' and ended_at is not null
