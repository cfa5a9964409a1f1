-- Per tenant, connection, tenant-local day and failure type: how many sync runs failed
-- (a run without a failure type counts under 'unknown').
select
    {{ surrogate_key(['tenant', 'connection_name', 'day', "coalesce(failure_type, 'unknown')"]) }} as failure_day_key,
    tenant,
    connection_name,
    day,
    coalesce(failure_type, 'unknown') as failure_type,
    count(*) as failures,
    min(ended_at) as first_failed_at,
    max(ended_at) as last_failed_at
from {{ ref('int_ops__sync_runs') }}
where not succeeded
group by tenant, connection_name, day, coalesce(failure_type, 'unknown')
