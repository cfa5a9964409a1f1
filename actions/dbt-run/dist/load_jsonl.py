"""Loads JSONL files into DuckDB tables (the raw schemas Airbyte would write).

Usage: python load_jsonl.py <database.duckdb> <plan.json>
plan.json: {"tables": [{"schema", "table", "columns": {name: duckdb_type}, "file", "mode": "append"|"replace"}]}
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


def main():
    database, plan_path = sys.argv[1], sys.argv[2]
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    con = connect(database)
    out = []
    try:
        con.execute("begin")
        for t in plan["tables"]:
            schema, table, columns = quote(t["schema"]), quote(t["table"]), t["columns"]
            target = f"{schema}.{table}"
            con.execute(f"create schema if not exists {schema}")
            if t.get("mode") == "replace":
                con.execute(f"drop table if exists {target}")
            ddl = ", ".join(f"{quote(c)} {ty}" for c, ty in columns.items())
            con.execute(f"create table if not exists {target} ({ddl})")
            as_text = ", ".join(f"{json.dumps(c)}: 'VARCHAR'" for c in columns)
            casts = ", ".join(f"cast({quote(c)} as {ty})" for c, ty in columns.items())
            names = ", ".join(quote(c) for c in columns)
            con.execute(
                f"insert into {target} ({names}) select {casts} "
                f"from read_json(?, format = 'newline_delimited', columns = {{{as_text}}})",
                [t["file"]],
            )
            count = con.execute(f"select count(*) from {target}").fetchone()[0]
            out.append({"schema": t["schema"], "table": t["table"], "rows": count})
        con.execute("commit")
    finally:
        con.close()
    print(json.dumps({"tables": out}))


if __name__ == "__main__":
    main()
