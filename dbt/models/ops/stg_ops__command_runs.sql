-- The ops table command_runs as the loader wrote it, every column cast to its type (the list is
-- in _ops__sources.yml); empty until the first `adops ops load`.
{{ ops_source('command_runs') }}
