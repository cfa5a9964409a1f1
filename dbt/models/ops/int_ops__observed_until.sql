-- The newest instant the loaded ops data has seen: the end of the last adops run, Airbyte
-- job observation or sync. SLA windows are measured up to here, never into the future.
select max(observed) as observed_until
from (
    select max(ended_at) as observed from {{ ref('stg_ops__command_runs') }}
    union all
    select max(observed_at) as observed from {{ ref('stg_ops__airbyte_jobs') }}
    union all
    select max(ended_at) as observed from {{ ref('stg_ops__sync_outcomes') }}
) as observations
