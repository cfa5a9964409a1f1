-- Each SLA window of sla_windows up to the observed horizon, with the rule health judges it
-- by, as the loader recorded it (freshnessWindows' mode): `cycle` (daily groups, [run + fresh,
-- next run + fresh)) or `age`. Rows of loads from before the rule was recorded infer it from
-- the layout: consecutive windows that touch are a cycle, a gap between a day's window and
-- the next is age, and a lone window of 23 hours or more is a cycle.
with windows as (
    select
        tenant,
        connection_name,
        schedule_group,
        day,
        window_start,
        window_end,
        fresh_minutes,
        freshness_rule as recorded_rule,
        threshold_minutes,
        lag(window_end) over by_connection as previous_end,
        lead(window_start) over by_connection as next_start
    from {{ ref('stg_ops__sla_windows') }}
    window by_connection as (partition by tenant, connection_name order by window_start)
),

horizon as (
    select observed_until from {{ ref('int_ops__observed_until') }}
)

select
    w.tenant,
    w.connection_name,
    w.schedule_group,
    w.day,
    w.window_start,
    case when w.window_end < h.observed_until then w.window_end else h.observed_until end as window_end,
    w.window_end as scheduled_window_end,
    w.fresh_minutes,
    coalesce(w.threshold_minutes, w.fresh_minutes) as threshold_minutes,
    coalesce(w.recorded_rule, case
        when w.previous_end = w.window_start or w.next_start = w.window_end then 'cycle'
        when w.previous_end is null and w.next_start is null
            and {{ epoch_seconds_between('w.window_end', 'w.window_start') }} >= 23 * 3600 then 'cycle'
        else 'age'
    end) as freshness_rule
from windows as w
cross join horizon as h
where w.window_start < h.observed_until
