import { type PostgresConnection, runWithLibpq } from "./postgres-raw-loader.ts";

const SCRIPT = [
  "import json, sys, psycopg2",
  "con = psycopg2.connect('')",
  "cur = con.cursor()",
  "cur.execute(sys.argv[1])",
  "names = [d[0] for d in cur.description]",
  "print(json.dumps([dict(zip(names, row)) for row in cur.fetchall()], default=str))",
].join("\n");

/**
 * Runs one query on PostgreSQL with dbt's venv Python and psycopg2 (tests and checks of
 * the warehouse; no npm driver), the counterpart of {@link queryDuckdb}. Decimals, dates
 * and timestamps come back as strings, jsonb as parsed JSON.
 *
 * @param connection The server.
 * @param sql The query.
 * @param options The Python to use. @default "dbt/.venv/bin/python"
 * @returns The rows, one object per row.
 * @throws {Error} When Python or the query fails (with the server's message).
 * @example
 * ```ts ignore
 * import { queryPostgres } from "./query-postgres.ts";
 * const rows = await queryPostgres(pg, "select 1 as one");
 * console.assert(rows[0]?.one === 1);
 * ```
 */
export async function queryPostgres(connection: PostgresConnection, sql: string, options: { python?: string } = {}): Promise<Record<string, unknown>[]> {
  const stdout = await runWithLibpq(options.python ?? "dbt/.venv/bin/python", ["-c", SCRIPT, sql], connection);
  return JSON.parse(stdout) as Record<string, unknown>[];
}
