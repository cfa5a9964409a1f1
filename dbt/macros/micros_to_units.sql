{#- Google Ads reports money in micros (1/1,000,000 of the account currency). -#}
{% macro micros_to_units(column_name, scale=4) -%}
    cast(round({{ column_name }} / 1000000.0, {{ scale }}) as decimal(18, {{ scale }}))
{%- endmacro %}
