import { execFile } from "node:child_process";

const SCRIPT = [
  "import json, sys, duckdb",
  "con = duckdb.connect(sys.argv[1], read_only=True)",
  "cur = con.execute(sys.argv[2])",
  "names = [d[0] for d in cur.description]",
  "print(json.dumps([dict(zip(names, row)) for row in cur.fetchall()], default=str))",
].join("\n");

/**
 * Runs one read-only query on a DuckDB file with the Python `duckdb` package of dbt's
 * virtual environment (tests and checks of the local warehouse; no native npm addon).
 * Decimals, dates and timestamps come back as strings.
 *
 * @param databasePath Absolute path of the DuckDB file.
 * @param sql The query.
 * @param options The Python to use. @default "dbt/.venv/bin/python"
 * @returns The rows, one object per row.
 * @throws {Error} When Python or the query fails (with DuckDB's message).
 * @example
 * ```ts ignore
 * import { queryDuckdb } from "./query-duckdb.ts";
 * const rows = await queryDuckdb("/tmp/w.duckdb", "select 1 as one");
 * console.assert(rows[0]?.one === 1);
 * ```
 */
export function queryDuckdb(databasePath: string, sql: string, options: { python?: string } = {}): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    execFile(options.python ?? "dbt/.venv/bin/python", ["-c", SCRIPT, databasePath, sql], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`Cannot query '${databasePath}': ${(stderr || error.message).trim().split("\n").slice(-2).join(" | ")}`, { cause: error }));
      else resolve(JSON.parse(stdout) as Record<string, unknown>[]);
    });
  });
}
