{#- The Monday (a date) of the ISO week of the date `day`: PostgreSQL's date_trunc of a date
    goes through timestamptz (the session's zone), so it truncates a timestamp there. -#}
{% macro iso_week_start(day) -%}
    {{ return(adapter.dispatch('iso_week_start', 'adops')(day)) }}
{%- endmacro %}

{% macro duckdb__iso_week_start(day) -%}
    cast(date_trunc('week', cast({{ day }} as date)) as date)
{%- endmacro %}

{% macro default__iso_week_start(day) -%}
    cast(date_trunc('week', cast({{ day }} as timestamp)) as date)
{%- endmacro %}
