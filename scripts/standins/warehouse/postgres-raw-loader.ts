import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import type { RawLoader } from "./duckdb-raw-loader.ts";
import { createPlanLoader } from "./_plan-loader.ts";
import { libpqEnvironment, runPython } from "../../dbt/mod.ts";

/** Where a PostgreSQL server is and who to connect as (a `startPostgres()` server fits). */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  /** Handed to libpq through `PGPASSWORD`, never on a command line. */
  password: string;
  database: string;
}

/** Options of {@link createPostgresRawLoader}. */
export interface PostgresRawLoaderOptions {
  /** The server. */
  connection: PostgresConnection;
  /** Python with `psycopg2` (dbt-postgres installs it in dbt's venv). @default "dbt/.venv/bin/python" */
  python?: string;
  /** Folder for the temporary JSONL files. @default the OS temp folder */
  tempDir?: string;
}

const SCRIPT = fileURLToPath(new URL("./load_postgres.py", import.meta.url));

/**
 * The PostgreSQL type destination-postgres 3.x gives a column of the layout
 * ({@link destinationColumnType}'s DuckDB spelling): JSON becomes `jsonb`, TIMESTAMPTZ
 * `timestamp with time zone`; BIGINT, DECIMAL(38, 9), BOOLEAN, DATE, TIMESTAMP and
 * VARCHAR are the same types.
 *
 * @param type The layout's type.
 * @returns The Postgres type.
 * @example
 * ```ts
 * import { postgresColumnType } from "./postgres-raw-loader.ts";
 * console.assert(postgresColumnType("JSON") === "jsonb");
 * console.assert(postgresColumnType("DECIMAL(38, 9)") === "decimal(38, 9)");
 * ```
 */
export function postgresColumnType(type: string): string {
  const lower = type.toLowerCase();
  if (lower === "json") return "jsonb";
  if (lower === "timestamptz") return "timestamp with time zone";
  return lower;
}

/**
 * libpq's environment for a connection (`PGHOST` ... `PGPASSWORD`), so no secret goes on a
 * command line (dbt/'s {@link libpqEnvironment}, which the ops loader uses too).
 *
 * @param connection The server.
 * @returns The variables.
 */
export function libpqEnv(connection: PostgresConnection): Record<string, string> {
  return libpqEnvironment(connection);
}

/**
 * Runs a Python script with libpq's variables for the connection.
 *
 * @param python The interpreter.
 * @param args Script and arguments.
 * @param connection The server.
 * @returns Its stdout.
 */
export function runWithLibpq(python: string, args: string[], connection: PostgresConnection): Promise<string> {
  return runPython(python, args, {
    env: libpqEnv(connection),
    maxBuffer: 64 * 1024 * 1024,
    doing: "reach PostgreSQL",
    failure: (detail) => `PostgreSQL at ${connection.host}:${connection.port} failed: ${detail}`,
  });
}

/**
 * A loader that lands raw tables in PostgreSQL in destination-postgres 3.x's Direct Load
 * layout: schema per namespace, table `<prefix><stream>`, the four `_airbyte_*` columns
 * (`_airbyte_meta` jsonb), data columns quoted and case-preserved, objects and arrays
 * `jsonb`, numbers `decimal(38, 9)`, and each table written by its sync mode (overwrite,
 * append, append_dedup) as the DuckDB loader does. It writes JSONL files and COPYs them
 * with dbt's venv Python and psycopg2 (no npm driver). Loads run one at a time, each in
 * one transaction.
 *
 * @param options The server, Python, temp folder.
 * @returns The loader.
 * @example
 * ```ts ignore
 * import { createPostgresRawLoader } from "./postgres-raw-loader.ts";
 * const loader = createPostgresRawLoader({ connection: { host: "127.0.0.1", port: 5432, user: "adops", password: "…", database: "analytics" } });
 * await loader.load([]);
 * ```
 */
export function createPostgresRawLoader(options: PostgresRawLoaderOptions): RawLoader {
  const python = options.python ?? "dbt/.venv/bin/python";
  return createPlanLoader({
    tempParent: () => Promise.resolve(options.tempDir ?? tmpdir()),
    columnType: postgresColumnType,
    runScript: (planPath) => runWithLibpq(python, [SCRIPT, planPath], options.connection),
  });
}
