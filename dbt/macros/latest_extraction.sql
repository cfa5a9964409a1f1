{#
    Keeps each object's latest extraction from a CTE of a dimension stream
    (Airbyte re-reads those daily): one row per `keys`, the newest
    `extracted_at` first, `raw_record_id` breaking ties.
#}
{% macro latest_extraction(relation, keys) %}
    select *
    from {{ relation }}
    qualify row_number() over (
        partition by {{ keys | join(', ') }}
        order by extracted_at desc, raw_record_id desc
    ) = 1
{% endmacro %}
