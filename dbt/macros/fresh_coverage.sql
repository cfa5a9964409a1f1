{#-
  THE definition of "fresh" for every ops SLA model (Airbyte syncs and dbt builds), the
  same rule health judges by (scripts/health/evaluate-sync.ts, evaluate-dbt-run.ts):

    at instant t a subject is fresh iff the newest success that ended at or before t
    ended less than its limit before t (age < limit: exactly the limit is stale).

  So success i covers [ended_at_i, least(ended_at_{i+1}, expires_at_i)): from its end until
  the next success takes over or it expires. `expires_at` is the caller's: ended_at + the
  limit (age rule), or the end of the cycle the success belongs to (cycle rule, daily
  groups). Failures never enter: they neither reset nor extend freshness. Two successes
  that overlap are not counted twice (the earlier one stops where the later one starts).

  `successes`: a relation or CTE name with the `keys` columns, `ended_at`, `expires_at`.
  `windows`: one with the `keys` columns, `window_start`, `window_end` (half-open).
  Returns one row per window: the `keys`, `window_start`, `fresh_seconds` (the covered
  part of [window_start, window_end)).
-#}
{% macro fresh_coverage(successes, windows, keys) -%}
    select
        {%- for k in keys %}
        w.{{ k }},
        {%- endfor %}
        w.window_start,
        coalesce(sum(case when c.covered_from is not null then
            {{ epoch_seconds_between(
                'case when c.covered_until < w.window_end then c.covered_until else w.window_end end',
                'case when c.covered_from > w.window_start then c.covered_from else w.window_start end') }}
        end), 0) as fresh_seconds
    from {{ windows }} as w
    left join (
        select
            {%- for k in keys %}
            s.{{ k }},
            {%- endfor %}
            s.ended_at as covered_from,
            case
                when lead(s.ended_at) over (partition by {{ keys | join(', ') }} order by s.ended_at) < s.expires_at
                    then lead(s.ended_at) over (partition by {{ keys | join(', ') }} order by s.ended_at)
                else s.expires_at
            end as covered_until
        from {{ successes }} as s
    ) as c
        on {% for k in keys %}c.{{ k }} = w.{{ k }} and {% endfor %}c.covered_from < w.window_end
        and c.covered_until > w.window_start
        and c.covered_until > c.covered_from
    group by {% for k in keys %}w.{{ k }}, {% endfor %}w.window_start
{%- endmacro %}
