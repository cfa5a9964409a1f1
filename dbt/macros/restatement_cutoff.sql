{#-
  The incremental window of a campaign-day model (`this`, with tenant_slug, platform and
  `date_column`): what a run after a sync must rebuild. Each connector re-reads its lookback
  (var('lookback_days'), per platform) on every sync, so a (tenant, platform) whose newest day
  in `this` is D can only have changed from D - lookback on. A tenant paused for a while
  re-reads from its own old cursor, so the window starts at the EARLIEST of these marks, not
  at the newest day of the table. Returns {'since': 'YYYY-MM-DD' or none, 'known': ['tenant|platform', ...]}:
  rows on or after `since` are rebuilt, and so is every row of a (tenant, platform) that is
  not yet in `this` (a new tenant, or a platform switched on: its whole history backfills).
  One query at run time; at parse time, or when `this` is empty, since is none (rebuild all).
-#}
{% macro restatement_cutoff(relation, date_column='date_day') -%}
    {%- set result = {'since': none, 'known': []} -%}
    {%- if execute -%}
        {%- set marks -%}
            select tenant_slug, platform, max({{ date_column }}) as newest_day
            from {{ relation }}
            group by tenant_slug, platform
        {%- endset -%}
        {%- set lookback = var('lookback_days') -%}
        {%- set earliest = [] -%}
        {%- for row in run_query(marks).rows -%}
            {%- do result.known.append(row[0] ~ '|' ~ row[1]) -%}
            {%- set days = lookback.get(row[1], var('attribution_window_days')) -%}
            {%- set since = (modules.datetime.date.fromisoformat(row[2] | string) - modules.datetime.timedelta(days=days)).isoformat() -%}
            {%- if earliest | length == 0 or since < earliest[0] -%}
                {%- do earliest.clear() -%}{%- do earliest.append(since) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if earliest | length > 0 -%}{%- do result.update({'since': earliest[0]}) -%}{%- endif -%}
    {%- endif -%}
    {{- return(result) -}}
{%- endmacro %}

{#- The filter of an incremental run over rows with tenant_slug, platform and `date_column`,
    `relation`'s own day column being `relation_date_column` (see restatement_cutoff); `true`
    when everything must be rebuilt. -#}
{% macro restatement_filter(relation, date_column, relation_date_column='date_day') -%}
    {%- set cutoff = restatement_cutoff(relation, relation_date_column) -%}
    {%- if cutoff.since is none -%}
    true
    {%- else -%}
    ({{ date_column }} >= cast('{{ cutoff.since }}' as date)
        or tenant_slug || '|' || platform not in ({% for k in cutoff.known %}'{{ k | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}))
    {%- endif -%}
{%- endmacro %}
