{#
    Keeps each object's latest extraction from a CTE of a dimension stream: one row per
    `keys`, the newest `extracted_at`, `raw_record_id` breaking ties. Under overwrite and
    append_dedup the raw table already holds one row per key, so this only guards an
    `append` connection. Portable SQL (no `qualify`).
#}
{% macro latest_extraction(relation, keys) %}
    select *
    from {{ relation }} as current_row
    where not exists (
        select 1
        from {{ relation }} as newer
        where {% for key in keys %}newer.{{ key }} = current_row.{{ key }} and {% endfor %}(
            newer.extracted_at > current_row.extracted_at
            or (newer.extracted_at = current_row.extracted_at and newer.raw_record_id > current_row.raw_record_id)
        )
    )
{% endmacro %}
