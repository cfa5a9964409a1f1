{#- The calendar date of the timestamptz `ts` in the IANA time zone `time_zone` (an SQL
    expression: a quoted literal or a column). -#}
{% macro local_date(ts, time_zone) -%}
    {{ return(adapter.dispatch('local_date', 'adops')(ts, time_zone)) }}
{%- endmacro %}

{% macro duckdb__local_date(ts, time_zone) -%}
    cast(timezone({{ time_zone }}, {{ ts }}) as date)
{%- endmacro %}

{% macro default__local_date(ts, time_zone) -%}
    cast(({{ ts }}) at time zone {{ time_zone }} as date)
{%- endmacro %}

{#- The IANA time zone of the tenant in column `tenant`: var `ops_time_zones`
    ({slug: zone}, `adops dbt` passes each tenant's), else var `ops_time_zone`. -#}
{% macro ops_tenant_time_zone(tenant) -%}
    {%- set zones = var('ops_time_zones', {}) or {} -%}
    {%- set fallback = "'" ~ (var('ops_time_zone', 'UTC') | replace("'", "''")) ~ "'" -%}
    {%- if zones | length == 0 -%}
        {{ fallback }}
    {%- else -%}
    case {{ tenant }}
        {%- for slug, zone in zones.items() %}
        when '{{ slug | replace("'", "''") }}' then '{{ zone | replace("'", "''") }}'
        {%- endfor %}
        else {{ fallback }}
    end
    {%- endif -%}
{%- endmacro %}
