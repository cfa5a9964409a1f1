import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AdopsError } from "../../core/mod.ts";
import type { RawLoader, RawLoadResult } from "./duckdb-raw-loader.ts";
import type { RawTable } from "./generate-raw-data.ts";
import { writeLoadPlan } from "./_write-load-plan.ts";

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
 * command line.
 *
 * @param connection The server.
 * @returns The variables.
 */
export function libpqEnv(connection: PostgresConnection): Record<string, string> {
  return {
    PGHOST: connection.host,
    PGPORT: String(connection.port),
    PGUSER: connection.user,
    PGPASSWORD: connection.password,
    PGDATABASE: connection.database,
    PGCONNECT_TIMEOUT: "10",
  };
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
  return new Promise((resolve, reject) => {
    execFile(python, args, { maxBuffer: 64 * 1024 * 1024, env: libpqEnv(connection) }, (error, stdout, stderr) => {
      if (error && (error as { code?: unknown }).code === "ENOENT") {
        reject(new AdopsError(`Cannot reach PostgreSQL: '${python}' does not exist (dbt is not installed)`, {
          kind: "config_error",
          hint: "Run 'node scripts/setup.mjs' (or 'npm run setup') to create dbt/.venv from dbt/requirements.txt",
          cause: error,
        }));
      } else if (error) {
        const detail = (stderr || error.message).trim().split("\n").slice(-3).join(" | ");
        reject(new AdopsError(`PostgreSQL at ${connection.host}:${connection.port} failed: ${detail}`, { kind: "failed", cause: error }));
      } else resolve(stdout);
    });
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
  let queue: Promise<unknown> = Promise.resolve();
  async function loadNow(tables: readonly RawTable[], mode: "append" | "replace"): Promise<RawLoadResult> {
    if (tables.length === 0) return { records: 0, bytes: 0, tables: [], written: [] };
    const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), ".adops-raw-"));
    try {
      const { planPath, records, bytes, written } = await writeLoadPlan(tables, { dir, mode, columnType: postgresColumnType });
      const stdout = await runWithLibpq(python, [SCRIPT, planPath], options.connection);
      const parsed = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { tables?: RawLoadResult["tables"] };
      return { records, bytes, tables: parsed.tables ?? [], written };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    load(tables, loadOptions = {}) {
      const next = queue.then(() => loadNow(tables, loadOptions.mode ?? "append"));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
