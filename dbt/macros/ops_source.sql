{#-
  One table of the `ops` schema that `adops ops load` fills (var `ops_schema`, default `ops`;
  the contract is in dbt/README.md "ops models"). Every column is read with the type the
  source yml (models/ops/_ops__sources.yml) gives it as `data_type`: that yml is the ONE
  list of the ops columns dbt reads. `columns` (a mapping name -> type) overrides it for a
  caller that reads fewer. When the table does not exist yet (a fresh warehouse, before
  the first load) the result is an empty relation of the same columns and types, so the
  ops models and everything downstream still build. `source('ops', table)` is called so
  dbt records the lineage (`source:ops+` works).
-#}
{% macro ops_source(table, columns=none) -%}
    {%- set _lineage = source('ops', table) -%}
    {%- set columns = columns if columns is not none else ops_source_columns(table) -%}
    {%- set relation = adapter.get_relation(database=target.database, schema=var('ops_schema', 'ops'), identifier=table) if execute else none -%}
    {%- if relation is not none %}
    select
        {%- for name, type in columns.items() %}
        cast({{ name }} as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- else -%}
        {%- if execute -%}
            {{ log("adops: no table " ~ var('ops_schema', 'ops') ~ "." ~ table ~ " yet (adops ops load fills it), read as empty", info=false) }}
        {%- endif %}
    select
        {%- for name, type in columns.items() %}
        cast(null as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    {%- if columns | length == 0 %}
        cast(null as varchar) as no_columns
    {%- endif %}
    where false
    {%- endif -%}
{%- endmacro %}

{#- The columns (name -> data_type, in yml order) the source yml declares for ops `table`;
    empty while parsing (the graph is not there yet). -#}
{% macro ops_source_columns(table) -%}
    {%- set columns = {} -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() if node.source_name == 'ops' and node.name == table -%}
            {%- for column in node.columns.values() -%}
                {%- do columns.update({column.name: column.data_type}) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if columns | length == 0 -%}
            {{ exceptions.raise_compiler_error("ops_source: source ops." ~ table ~ " declares no columns with data_type in models/ops/_ops__sources.yml; add them there") }}
        {%- endif -%}
    {%- endif -%}
    {{- return(columns) -}}
{%- endmacro %}
