-- The ops table sync_outcomes as the loader wrote it, every column cast to its type (the list is
-- in _ops__sources.yml); empty until the first `adops ops load`.
{{ ops_source('sync_outcomes') }}
