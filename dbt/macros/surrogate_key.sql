{#- A readable key from parts: 'acme|meta|123'. No package needed (dbt deps runs offline). -#}
{% macro surrogate_key(columns) -%}
    {%- for column in columns -%}
        coalesce(cast({{ column }} as varchar), '')
        {%- if not loop.last %} || '|' || {% endif -%}
    {%- endfor -%}
{%- endmacro %}
