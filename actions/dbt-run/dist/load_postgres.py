"""Loads JSONL files into PostgreSQL the way destination-postgres 3.x (Direct Load) writes its
typed final tables.

Usage: python load_postgres.py <plan.json>   (connection from libpq's PGHOST, PGPORT, PGUSER,
PGPASSWORD, PGDATABASE; the password never on the command line)
plan.json: {"tables": [{"schema", "table", "columns": {name: postgres_type}, "file",
            "mode": "replace"|"overwrite"|"append"|"append_dedup", "primary_key": [col], "cursor": [col]}]}
- replace / overwrite: the table holds only these rows (truncated, so the views dbt builds on
  it survive; unlike DuckDB, Postgres binds a view to the table it reads);
- append: rows accumulate;
- append_dedup: one row per primary key is kept, the greatest cursor, ties to the latest
  _airbyte_extracted_at ("Append + Deduped").
Schema and column names are quoted, so they keep their case (`AccountId`). Each file is
copied into a temporary jsonb table and inserted with one cast per column: jsonb columns
take the value as JSON (a JSON null becomes SQL null), the others its text.
A table whose columns differ from the plan's (an older layout) is dropped and recreated. Everything
runs in one transaction. Prints {"tables": [{"schema", "table", "rows"}]} on stdout.
"""
import json
import sys

import psycopg2


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def existing_columns(cur, schema, table):
    cur.execute(
        "select column_name from information_schema.columns where table_schema = %s and table_name = %s order by ordinal_position",
        (schema, table),
    )
    return [r[0] for r in cur.fetchall()]


def column_value(name, ty):
    if ty == "jsonb":
        return f"nullif(doc -> {literal(name)}, 'null'::jsonb)"
    return f"cast(doc ->> {literal(name)} as {ty})"


def load_table(cur, t):
    schema, table, columns = quote(t["schema"]), quote(t["table"]), t["columns"]
    target = f"{schema}.{table}"
    mode = t.get("mode", "append")
    cur.execute(f"create schema if not exists {schema}")
    found = existing_columns(cur, t["schema"], t["table"])
    if found and found != list(columns):
        # A changed layout: recreated (without CASCADE, like destination-postgres' default
        # drop_cascade=false, so a view on it makes this fail with Postgres' message).
        cur.execute(f"drop table {target}")
        found = []
    if found and mode in ("replace", "overwrite"):
        # Emptied, not dropped: Postgres views (dbt's staging) depend on the table itself.
        cur.execute(f"truncate {target}")
    ddl = ", ".join(f"{quote(c)} {ty}" for c, ty in columns.items())
    cur.execute(f"create table if not exists {target} ({ddl})")
    cur.execute("create temporary table if not exists adops_raw_docs (doc jsonb) on commit drop")
    cur.execute("truncate adops_raw_docs")
    with open(t["file"], encoding="utf-8") as handle:
        # CSV with quote and delimiter bytes JSON text never holds: each line is one value.
        cur.copy_expert("copy adops_raw_docs (doc) from stdin with (format csv, quote e'\\x01', delimiter e'\\x02')", handle)
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(column_value(c, ty) for c, ty in columns.items())
    cur.execute(f"insert into {target} ({names}) select {values} from adops_raw_docs")
    key = t.get("primary_key") or []
    if mode == "append_dedup" and key:
        order = ", ".join([f"{quote(c)} desc nulls last" for c in t.get("cursor") or []] + ['"_airbyte_extracted_at" desc'])
        cur.execute(
            f"delete from {target} where ctid in (select ctid from (select ctid, row_number() over "
            f"(partition by {', '.join(quote(c) for c in key)} order by {order}) as rn from {target}) as ranked where rn > 1)"
        )
    cur.execute(f"select count(*) from {target}")
    return cur.fetchone()[0]


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        plan = json.load(handle)
    con = psycopg2.connect("")
    out = []
    try:
        with con:
            with con.cursor() as cur:
                for t in plan["tables"]:
                    out.append({"schema": t["schema"], "table": t["table"], "rows": load_table(cur, t)})
    finally:
        con.close()
    print(json.dumps({"tables": out}))


if __name__ == "__main__":
    main()
