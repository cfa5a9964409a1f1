{#- The platforms this run transforms: Meta, Google Ads and Microsoft Ads always;
    LinkedIn and TikTok when var('enable_linkedin') / var('enable_tiktok') are true (seed 001). -#}
{% macro enabled_platforms() -%}
    {%- set platforms = ['meta', 'google_ads', 'microsoft_ads'] -%}
    {%- if var('enable_linkedin', false) -%}{%- do platforms.append('linkedin') -%}{%- endif -%}
    {%- if var('enable_tiktok', false) -%}{%- do platforms.append('tiktok') -%}{%- endif -%}
    {{- return(platforms) -}}
{%- endmacro %}

{#- `select <columns> from stg_<platform>__<entity>` for every enabled platform, unioned. -#}
{% macro union_platform_models(entity, columns) -%}
    {%- for platform in enabled_platforms() %}
    select {{ columns | join(', ') }}
    from {{ ref('stg_' ~ platform ~ '__' ~ entity) }}
    {%- if not loop.last %}
    union all
    {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
