"""Loads JSONL files into DuckDB tables the way an Airbyte destination writes its final tables.

Usage: python load_jsonl.py <database.duckdb> <plan.json>
plan.json: {"tables": [{"schema", "table", "columns": {name: duckdb_type}, "file",
            "mode": "replace"|"overwrite"|"append"|"append_dedup", "primary_key": [col], "cursor": [col]}]}
- replace / overwrite: the table is dropped and holds only these rows;
- append: rows accumulate;
- append_dedup: one row per primary key is kept, the greatest cursor, ties to the latest
  _airbyte_extracted_at (destination-postgres 3.x "Append + Deduped").
A table whose columns differ from the plan's (an older layout) is recreated.
Prints {"tables": [{"schema", "table", "rows"}]} on stdout. DuckDB allows one writer per
file, so the connection is retried (0.25 s doubling, about 30 s in all) while another
process holds the lock.
"""
import json
import sys
import time

import duckdb


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def connect(path):
    delay = 0.25
    for attempt in range(8):
        try:
            return duckdb.connect(path)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or attempt == 7:
                raise
            time.sleep(delay)
            delay *= 2
    raise RuntimeError("unreachable")


def existing_columns(con, schemas):
    """Every table's columns in `schemas`, from ONE catalog query: DuckDB's information_schema
    scans every table, so a query per table made a 200-tenant load quadratic."""
    found = {}
    if not schemas:
        return found
    marks = ", ".join("?" for _ in schemas)
    rows = con.execute(
        f"select table_schema, table_name, column_name from information_schema.columns where table_schema in ({marks}) "
        "order by table_schema, table_name, ordinal_position",
        list(schemas),
    ).fetchall()
    for schema, table, column in rows:
        found.setdefault((schema, table), []).append(column)
    return found


def load_table(con, t, catalog):
    schema, table, columns = quote(t["schema"]), quote(t["table"]), t["columns"]
    target = f"{schema}.{table}"
    mode = t.get("mode", "append")
    con.execute(f"create schema if not exists {schema}")
    found = catalog.get((t["schema"], t["table"]), [])
    if mode in ("replace", "overwrite") or (found and found != list(columns)):
        con.execute(f"drop table if exists {target}")
    ddl = ", ".join(f"{quote(c)} {ty}" for c, ty in columns.items())
    con.execute(f"create table if not exists {target} ({ddl})")
    catalog[(t["schema"], t["table"])] = list(columns)
    as_text = ", ".join(f"{json.dumps(c)}: 'VARCHAR'" for c in columns)
    casts = ", ".join(f"cast({quote(c)} as {ty})" for c, ty in columns.items())
    names = ", ".join(quote(c) for c in columns)
    con.execute(
        f"insert into {target} ({names}) select {casts} "
        f"from read_json(?, format = 'newline_delimited', columns = {{{as_text}}})",
        [t["file"]],
    )
    key = t.get("primary_key") or []
    if mode == "append_dedup" and key:
        order = ", ".join([f"{quote(c)} desc nulls last" for c in t.get("cursor") or []] + ['"_airbyte_extracted_at" desc'])
        con.execute(
            f"delete from {target} where rowid in (select rowid from (select rowid, row_number() over "
            f"(partition by {', '.join(quote(c) for c in key)} order by {order}) as rn from {target}) as ranked where rn > 1)"
        )
    return con.execute(f"select count(*) from {target}").fetchone()[0]


def main():
    database, plan_path = sys.argv[1], sys.argv[2]
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    con = connect(database)
    out = []
    try:
        con.execute("begin")
        catalog = existing_columns(con, sorted({t["schema"] for t in plan["tables"]}))
        for t in plan["tables"]:
            out.append({"schema": t["schema"], "table": t["table"], "rows": load_table(con, t, catalog)})
        con.execute("commit")
    finally:
        con.close()
    print(json.dumps({"tables": out}))


if __name__ == "__main__":
    main()
