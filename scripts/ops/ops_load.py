"""Writes `adops ops load` rows into the `ops` schema of DuckDB or PostgreSQL.

Usage: python ops_load.py duckdb <database.duckdb> manifest <schema>
       python ops_load.py duckdb <database.duckdb> load <plan.json>
       python ops_load.py postgres - manifest <schema>    (libpq's PGHOST, PGPORT, PGUSER,
       python ops_load.py postgres - load <plan.json>      PGPASSWORD, PGDATABASE; no secret in argv)
manifest prints {"files": [[path, sha256], ...]} from <schema>.loaded_files ([] when absent).
plan.json: {"schema", "loaded_at", "tables": [{"table", "columns": {name: type}, "key": [col],
            "file": JSONL path or null, "keep_existing": bool, "ignore": [col]}]}
Every table of the plan is created when missing (the DDL comes from scripts/ops/ops-tables.ts).
Each file's rows are staged, then, per table, in ONE transaction:
- a staged row equal to the stored row of its key (every column but `ignore`, NULLs equal) is
  unchanged and left alone (its loaded_at too);
- keep_existing: a staged row whose key is stored already is left out (a monthly summary never
  replaces a run report's facts);
- the rest replace the rows of their key (delete by key + insert), stamped `loaded_at`.
Prints {"tables": [{"table", "inserted", "updated", "unchanged", "rows"}]}.
Concurrency: PostgreSQL loads take pg_advisory_xact_lock first, so they run one after the
other; DuckDB allows one writer per file, so the connection is retried (0.25 s doubling,
about a minute in all) while another process holds the lock.
"""
import json
import os
import sys
import time

LOCK_KEY = 7_346_185_001  # pg_advisory_xact_lock key of `adops ops load`


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def duckdb_connect(path, read_only=False):
    import duckdb

    delay = 0.25
    for attempt in range(10):
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or attempt == 9:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 8)
    raise RuntimeError("unreachable")


def stage_select_duckdb(columns, file):
    as_text = ", ".join(f"{json.dumps(c)}: 'VARCHAR'" for c in columns)
    casts = ", ".join(f"cast({quote(c)} as {ty}) as {quote(c)}" for c, ty in columns.items())
    return f"select {casts} from read_json({literal(file)}, format = 'newline_delimited', columns = {{{as_text}}})"


def stage_postgres(cur, columns, file):
    cur.execute("create temporary table if not exists adops_ops_docs (doc jsonb) on commit drop")
    cur.execute("truncate adops_ops_docs")
    with open(file, encoding="utf-8") as handle:
        # CSV with quote and delimiter bytes JSON text never holds: each line is one value.
        cur.copy_expert("copy adops_ops_docs (doc) from stdin with (format csv, quote e'\\x01', delimiter e'\\x02')", handle)
    casts = ", ".join(f"cast(doc ->> {literal(c)} as {ty}) as {quote(c)}" for c, ty in columns.items())
    return f"select {casts} from adops_ops_docs"


def load_table(run, one, schema, t, loaded_at, stage_select):
    target = f"{quote(schema)}.{quote(t['table'])}"
    columns = t["columns"]
    ddl = ", ".join(f"{quote(c)} {ty}" for c, ty in columns.items())
    run(f"create table if not exists {target} ({ddl})")
    # A table made by an older adops lacks the columns added since: add them (NULL in old rows).
    # One catalog query tells; only a table that is short of columns is altered.
    have = one(f"select count(*) from information_schema.columns where table_schema = {literal(schema)} and table_name = {literal(t['table'])}")
    if have < len(columns):
        for c, ty in columns.items():
            run(f"alter table {target} add column if not exists {quote(c)} {ty}")
    if not t.get("file"):
        return {"table": t["table"], "inserted": 0, "updated": 0, "unchanged": 0, "rows": one(f"select count(*) from {target}")}
    staged = {c: ty for c, ty in columns.items() if c != "loaded_at"}
    run("drop table if exists adops_ops_stage")
    run(f"create temporary table adops_ops_stage as {stage_select(staged, t['file'])}")
    total = one("select count(*) from adops_ops_stage")
    key = t["key"]
    on_key = " and ".join(f"t.{quote(c)} = s.{quote(c)}" for c in key)
    same = " and ".join([on_key] + [f"t.{quote(c)} is not distinct from s.{quote(c)}" for c in staged if c not in key and c not in t.get("ignore", [])])
    keep = on_key if t.get("keep_existing") else same
    run(f"delete from adops_ops_stage s where exists (select 1 from {target} t where {keep})")
    left = one("select count(*) from adops_ops_stage")
    updated = one(f"select count(*) from adops_ops_stage s where exists (select 1 from {target} t where {on_key})")
    run(f"delete from {target} t where exists (select 1 from adops_ops_stage s where {on_key})")
    names = ", ".join(quote(c) for c in staged)
    run(f"insert into {target} ({names}, loaded_at) select {names}, cast({literal(loaded_at)} as timestamp with time zone) from adops_ops_stage")
    run("drop table adops_ops_stage")
    return {"table": t["table"], "inserted": left - updated, "updated": updated, "unchanged": total - left, "rows": one(f"select count(*) from {target}")}


def manifest_query(schema):
    return f"select path, sha256 from {quote(schema)}.loaded_files"


def main():
    engine, database, command, arg = sys.argv[1:5]
    if engine == "duckdb":
        if command == "manifest":
            if not os.path.exists(database):
                print(json.dumps({"files": []}))
                return
            con = duckdb_connect(database, read_only=True)
            try:
                found = con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = 'loaded_files'", [arg]).fetchone()[0]
                rows = con.execute(manifest_query(arg)).fetchall() if found else []
            finally:
                con.close()
            print(json.dumps({"files": rows}))
            return
        with open(arg, encoding="utf-8") as handle:
            plan = json.load(handle)
        os.makedirs(os.path.dirname(os.path.abspath(database)), exist_ok=True)
        con = duckdb_connect(database)
        run = con.execute
        one = lambda sql: con.execute(sql).fetchone()[0]
        out = []
        try:
            con.execute("begin")
            con.execute(f"create schema if not exists {quote(plan['schema'])}")
            for t in plan["tables"]:
                out.append(load_table(run, one, plan["schema"], t, plan["loaded_at"], stage_select_duckdb))
            con.execute("commit")
        finally:
            con.close()
        print(json.dumps({"tables": out}))
        return
    import psycopg2

    con = psycopg2.connect("")
    try:
        with con:
            with con.cursor() as cur:
                if command == "manifest":
                    cur.execute("select to_regclass(%s)", (f"{quote(arg)}.loaded_files",))
                    rows = []
                    if cur.fetchone()[0] is not None:
                        cur.execute(manifest_query(arg))
                        rows = cur.fetchall()
                    print(json.dumps({"files": rows}))
                    return
                with open(arg, encoding="utf-8") as handle:
                    plan = json.load(handle)
                cur.execute("select pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                cur.execute(f"create schema if not exists {quote(plan['schema'])}")

                def one(sql):
                    cur.execute(sql)
                    return cur.fetchone()[0]

                out = [load_table(cur.execute, one, plan["schema"], t, plan["loaded_at"], lambda cols, f: stage_postgres(cur, cols, f)) for t in plan["tables"]]
    finally:
        con.close()
    print(json.dumps({"tables": out}))


if __name__ == "__main__":
    main()
