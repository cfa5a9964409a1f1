{#- The days each platform's connector re-reads (var('lookback_days')), as a SQL expression over a platform column. -#}
{% macro platform_lookback_days(platform_column) -%}
    case {{ platform_column }}
    {%- for platform, days in var('lookback_days').items() %}
        when '{{ platform }}' then {{ days }}
    {%- endfor %}
        else {{ var('attribution_window_days') }}
    end
{%- endmacro %}
