{#-
  Multi-tenant raw tables. Airbyte writes each tenant's streams into the tenant's
  namespace schema with the connection's stream prefix: <namespace>.<prefix><stream>.
  var('tenants') lists the tenants: slug, namespace, prefix, and platforms {name: {account_id,
  currency, namespace?, prefix?, streams?: [synced stream names],
  stream_targets?: {stream: {namespace?, prefix?}}}}. When `streams` is given, only those
  streams are read for the tenant: two platforms may both have a `campaigns` stream, and
  with one tenant-wide prefix only the synced one owns <prefix>campaigns.
-#}

{#- The (slug, schema, identifier) of every tenant that has `platform`. -#}
{% macro tenant_tables(platform, stream) -%}
    {%- set tables = [] -%}
    {%- for tenant in var('tenants', []) -%}
        {%- set platforms = tenant.get('platforms') -%}
        {%- if platforms is none or platform in platforms -%}
            {%- set override = (platforms or {}).get(platform) or {} -%}
            {%- set synced = override.get('streams') -%}
            {%- if synced is none or stream in synced -%}
                {%- set per_stream = (override.get('stream_targets') or {}).get(stream) or {} -%}
                {%- do tables.append({
                    'slug': tenant['slug'],
                    'schema': per_stream.get('namespace', override.get('namespace', tenant['namespace'])),
                    'identifier': per_stream.get('prefix', override.get('prefix', tenant.get('prefix', ''))) ~ stream,
                }) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(tables) -}}
{%- endmacro %}

{#-
  Which of `tables` ({schema, identifier}) exist, as {"schema.identifier" lower-cased: relation},
  from ONE information_schema query. adapter.get_relation lists a schema per call when the
  schema is not in dbt's cache (raw namespaces never are): one query per tenant and stream,
  which made a 200-tenant build spend most of its time listing schemas. Names match
  case-insensitively (as get_relation does with quoting off), and the relation keeps the
  catalog's spelling, quoted, so a namespace or prefix with capitals resolves on Postgres too.
  Empty at parse time (execute is false).
-#}
{% macro existing_relations(tables) -%}
    {%- set found = {} -%}
    {%- if execute and tables | length > 0 -%}
        {%- set schemas = tables | map(attribute='schema') | map('lower') | unique | list -%}
        {%- set wanted = {} -%}
        {%- for t in tables -%}{%- do wanted.update({(t.schema ~ '.' ~ t.identifier) | lower: true}) -%}{%- endfor -%}
        {%- set listing -%}
            select table_schema, table_name from information_schema.tables
            where lower(table_schema) in ({% for s in schemas %}'{{ s | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %})
            {%- if target.type == 'duckdb' %} and table_catalog = '{{ target.database }}'{% endif %}
        {%- endset -%}
        {%- for row in run_query(listing).rows -%}
            {%- set key = (row[0] ~ '.' ~ row[1]) | lower -%}
            {%- if key in wanted -%}
                {%- do found.update({key: api.Relation.create(database=target.database, schema=row[0], identifier=row[1], type='table')}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(found) -}}
{%- endmacro %}

{#-
  Unions one stream across tenants, adding `tenant_slug` and casting every typed column
  so tenants whose Airbyte schema drifted still line up. `columns` maps each raw column
  read, named as the destination names it (case preserved, e.g. `sponsoredCampaign`,
  `campaign_id` for Google's `campaign.id`), to its type: the column is read quoted and
  aliased unquoted, so downstream SQL folds it the same way on every warehouse. A tenant whose table does not
  exist yet (first sync pending) is skipped with a log line; when no tenant has it, the
  result is an empty, typed relation so downstream models still build.
  `source(platform, stream)` is called so dbt records the lineage (source:meta+ works).
-#}
{% macro union_tenant_sources(platform, stream, columns) -%}
    {%- set _lineage = source(platform, stream) -%}
    {%- set selects = [] -%}
    {%- set tables = tenant_tables(platform, stream) -%}
    {%- set existing = existing_relations(tables) -%}
    {%- for t in tables -%}
        {%- set relation = existing.get((t.schema ~ '.' ~ t.identifier) | lower) -%}
        {%- if relation is none -%}
            {%- if execute -%}
                {{ log("adops: no raw table " ~ t.schema ~ "." ~ t.identifier ~ " for tenant '" ~ t.slug ~ "', skipped", info=true) }}
            {%- endif -%}
        {%- else -%}
            {%- set sql -%}
    select
        cast(_airbyte_raw_id as varchar) as _airbyte_raw_id,
        cast(_airbyte_extracted_at as timestamp with time zone) as _airbyte_extracted_at,
        cast(_airbyte_meta as varchar) as _airbyte_meta,
        '{{ t.slug }}' as tenant_slug,
        {%- for name, type in columns.items() %}
        cast({{ adapter.quote(name) }} as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
            {%- endset -%}
            {%- do selects.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if selects | length > 0 -%}
        {{ selects | join("\n    union all\n") }}
    {%- else %}
    select
        cast(null as varchar) as _airbyte_raw_id,
        cast(null as timestamp with time zone) as _airbyte_extracted_at,
        cast(null as varchar) as _airbyte_meta,
        cast(null as varchar) as tenant_slug,
        {%- for name, type in columns.items() %}
        cast(null as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    where false
    {%- endif -%}
{%- endmacro %}

{#-
  Freshness across tenants for one stream: the oldest of the tenants' latest loads, so a
  single stale tenant makes the source stale (used as each source table's loaded_at_query).
-#}
{% macro tenant_freshness_query(platform, stream) -%}
    {%- set tables = [] -%}
    {%- set candidates = tenant_tables(platform, stream) -%}
    {%- set existing = existing_relations(candidates) -%}
    {%- for t in candidates -%}
        {#- A tenant whose first sync of the stream has not landed yet (a paused connection) is left out, as in union_tenant_sources. -#}
        {%- set relation = existing.get((t.schema ~ '.' ~ t.identifier) | lower) -%}
        {%- if not execute or relation is not none -%}
            {#- The relation renders quoted, so a namespace or prefix with capitals resolves on Postgres too. -#}
            {%- do tables.append(relation if relation is not none else t.schema ~ '.' ~ t.identifier) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if tables | length == 0 -%}
    select cast(null as timestamp with time zone)
    {%- else -%}
    select min(latest_load) from (
        {%- for t in tables %}
        select max(_airbyte_extracted_at) as latest_load from {{ t }}{{ " union all" if not loop.last }}
        {%- endfor %}
    ) as tenants
    {%- endif -%}
{%- endmacro %}

{#- The ad accounts config declares (var('tenants')), as a relation: tenant_slug, platform,
    ad_account_id (Meta's `act_` prefix stripped, as the streams report it), currency_code. -#}
{% macro configured_ad_accounts() -%}
    {%- set rows = [] -%}
    {%- set platforms_on = enabled_platforms() -%}
    {%- for tenant in var('tenants', []) -%}
        {%- for platform, spec in (tenant.get('platforms') or {}).items() -%}
            {%- if platform in platforms_on and spec and spec.get('account_id') -%}
                {%- set account = (spec['account_id'] ~ '') | replace('act_', '') -%}
                {%- do rows.append("('" ~ (tenant['slug'] | replace("'", "''")) ~ "', '" ~ platform ~ "', '"
                    ~ (account | replace("'", "''")) ~ "', "
                    ~ ("'" ~ (spec.get('currency') | upper) ~ "'" if spec.get('currency') else "cast(null as varchar)") ~ ")") -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if rows | length > 0 -%}
    select * from (values
        {{ rows | join(",\n        ") }}
    ) as configured (tenant_slug, platform, ad_account_id, currency_code)
    {%- else -%}
    select
        cast(null as varchar) as tenant_slug,
        cast(null as varchar) as platform,
        cast(null as varchar) as ad_account_id,
        cast(null as varchar) as currency_code
    where false
    {%- endif -%}
{%- endmacro %}
