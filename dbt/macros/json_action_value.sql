{#-
  The sum of `value` over the action objects of a Meta array column (`actions`,
  `action_values`, `conversions`, ...) whose `action_type` is `action_type`; 0 when the
  array is null or has none. Each object is {action_type, value, 1d_click, 7d_click,
  28d_click, 1d_view, ...}; `value` is the count (or amount) under the account's
  attribution setting.
-#}
{% macro json_action_value(column, action_type) -%}
    {{ return(adapter.dispatch('json_action_value', 'adops')(column, action_type)) }}
{%- endmacro %}

{% macro duckdb__json_action_value(column, action_type) -%}
    coalesce((
        select sum(cast(action ->> 'value' as decimal(38, 9)))
        from (select unnest(cast({{ column }} as json[])) as action) as actions
        where action ->> 'action_type' = '{{ action_type }}'
    ), 0)
{%- endmacro %}

{% macro default__json_action_value(column, action_type) -%}
    coalesce((
        select sum(cast(action ->> 'value' as decimal(38, 9)))
        from jsonb_array_elements(cast({{ column }} as jsonb)) as action
        where action ->> 'action_type' = '{{ action_type }}'
    ), 0)
{%- endmacro %}
