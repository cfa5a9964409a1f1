{#- Seconds from `earlier` to `later` (timestamps with time zone), as double precision:
    DuckDB counts microseconds with date_diff, PostgreSQL extracts the epoch of the interval. -#}
{% macro epoch_seconds_between(later, earlier) -%}
    {{ return(adapter.dispatch('epoch_seconds_between', 'adops')(later, earlier)) }}
{%- endmacro %}

{% macro duckdb__epoch_seconds_between(later, earlier) -%}
    (cast(date_diff('microsecond', {{ earlier }}, {{ later }}) as double precision) / 1000000.0)
{%- endmacro %}

{% macro default__epoch_seconds_between(later, earlier) -%}
    cast(extract(epoch from ({{ later }}) - ({{ earlier }})) as double precision)
{%- endmacro %}
