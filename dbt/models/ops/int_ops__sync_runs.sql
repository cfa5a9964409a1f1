-- One row per finished sync run of a connection: Airbyte's job history (airbyte_jobs, the
-- newest observation) and adops' own outcomes (sync_outcomes) unioned by job id, so a job
-- seen in both counts once (Airbyte's record wins). An outcome without a job (the trigger
-- itself failed) is a failed run of its own. Runs still going are left out.
with jobs as (
    select
        'job:' || cast(job_id as varchar) as run_key,
        job_id,
        tenant,
        connection_name,
        status,
        created_at as started_at,
        ended_at,
        duration_seconds,
        records_committed,
        failure_origin,
        failure_type,
        'airbyte_jobs' as seen_in
    from {{ ref('stg_ops__airbyte_jobs') }}
    where status in ('succeeded', 'failed', 'cancelled') and ended_at is not null
),

outcomes as (
    select
        case when job_id is null then 'run:' || run_id || ':' || tenant || ':' || connection_name
            else 'job:' || cast(job_id as varchar) end as run_key,
        job_id,
        tenant,
        connection_name,
        status,
        started_at,
        ended_at,
        duration_seconds,
        records_committed,
        failure_origin,
        failure_type,
        'sync_outcomes' as seen_in,
        row_number() over (partition by job_id, tenant, connection_name order by ended_at desc, run_id desc) as newest
    from {{ ref('stg_ops__sync_outcomes') }} as o
    where status in ('succeeded', 'failed', 'cancelled', 'timed_out_cancelled', 'timed_out_orphaned', 'stuck', 'error')
        and ended_at is not null
        and (job_id is null or not exists (select 1 from jobs as j where j.job_id = o.job_id))
),

runs as (
    select run_key, job_id, tenant, connection_name, status, started_at, ended_at, duration_seconds,
        records_committed, failure_origin, failure_type, seen_in
    from jobs
    union all
    select run_key, job_id, tenant, connection_name, status, started_at, ended_at, duration_seconds,
        records_committed, failure_origin, failure_type, seen_in
    from outcomes
    where job_id is null or newest = 1
)

select
    run_key,
    job_id,
    tenant,
    connection_name,
    {{ local_date('ended_at', ops_tenant_time_zone('tenant')) }} as day,
    status,
    status = 'succeeded' as succeeded,
    started_at,
    ended_at,
    duration_seconds,
    records_committed,
    failure_origin,
    failure_type,
    seen_in
from runs
