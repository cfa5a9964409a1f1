import { execFile } from "node:child_process";

const SCRIPT = [
  "import json, sys, duckdb",
  "con = duckdb.connect(sys.argv[1], read_only=sys.argv[3] == 'read')",
  "cur = con.execute(sys.argv[2])",
  "names = [d[0] for d in cur.description or []]",
  "print(json.dumps([dict(zip(names, row)) for row in cur.fetchall()] if names else [], default=str))",
  "con.close()",
].join("\n");

/**
 * Runs one query on a DuckDB file with the Python `duckdb` package of dbt's virtual
 * environment (tests and checks of the local warehouse; no native npm addon), read-only
 * unless `write` is set (then `sql` may be several statements, e.g. a test's fixture DDL).
 * Decimals, dates and timestamps come back as strings.
 *
 * @param databasePath Absolute path of the DuckDB file.
 * @param sql The query.
 * @param options `python`: the Python to use (@default "dbt/.venv/bin/python"); `write`:
 *   open the file for writing (@default false).
 * @returns The rows of the last statement, one object per row.
 * @throws {Error} When Python or the query fails (with DuckDB's message).
 * @example
 * ```ts ignore
 * import { queryDuckdb } from "./query-duckdb.ts";
 * const rows = await queryDuckdb("/tmp/w.duckdb", "select 1 as one");
 * console.assert(rows[0]?.one === 1);
 * ```
 */
export function queryDuckdb(databasePath: string, sql: string, options: { python?: string; write?: boolean } = {}): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    execFile(options.python ?? "dbt/.venv/bin/python", ["-c", SCRIPT, databasePath, sql, options.write === true ? "write" : "read"], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`Cannot query '${databasePath}': ${(stderr || error.message).trim().split("\n").slice(-2).join(" | ")}`, { cause: error }));
      else resolve(JSON.parse(stdout) as Record<string, unknown>[]);
    });
  });
}
