import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { libpqEnvironment, type PostgresSettings, runPython } from "../dbt/mod.ts";
import { OPS_TABLES, type OpsTableName } from "./ops-tables.ts";

/** One table's rows handed to the warehouse. */
export interface OpsTableWrite {
  /** The table. */
  table: OpsTableName;
  /** Its rows (every column but `loaded_at`), one per key. */
  rows: readonly Record<string, unknown>[];
  /** Leave a stored row of the same key alone (monthly summaries under run reports). @default false */
  keepExisting?: boolean;
}

/** What the warehouse did to one table. */
export interface OpsTableCounts {
  table: OpsTableName;
  /** Rows of new keys. */
  inserted: number;
  /** Rows that replaced a different stored row of their key. */
  updated: number;
  /** Rows equal to the stored row of their key (left alone), or kept (`keepExisting`). */
  unchanged: number;
  /** Rows in the table after the load. */
  rows: number;
}

/** The `ops` schema of a warehouse, as a port. */
export interface OpsWarehouse {
  /** Where it is, for messages (never a password). */
  describe: string;
  /**
   * The manifest: path → sha256 of every file a load recorded (`loaded_files`); empty
   * when the schema does not exist yet.
   */
  readManifest(): Promise<Map<string, string>>;
  /**
   * Creates the `ops` tables when missing and upserts `writes` by key, in one transaction.
   *
   * @param writes Rows per table.
   * @param loadedAt The `loaded_at` of every written row (ISO).
   * @returns Counts per table, every table of the schema.
   */
  write(writes: readonly OpsTableWrite[], loadedAt: string): Promise<OpsTableCounts[]>;
}

/** Where the `ops` schema lives. */
export type OpsWarehouseTarget = { kind: "duckdb"; path: string } | { kind: "postgres"; settings: PostgresSettings };

/** Options of {@link createOpsWarehouse}. */
export interface OpsWarehouseOptions {
  /** Python with duckdb and psycopg2 (dbt's venv). */
  python: string;
  /** The schema. @default "ops" */
  schema?: string;
  /** Folder for the temporary JSONL files. @default the OS temp folder */
  tempDir?: string;
}

const SCRIPT = fileURLToPath(new URL("./ops_load.py", import.meta.url));
/** Columns that do not make a row different: when the loader wrote it, when Airbyte was asked. */
const IGNORED = ["loaded_at", "observed_at"];

/**
 * The `ops` schema of DuckDB or PostgreSQL through `ops_load.py` run by dbt's
 * venv Python: rows go to temporary JSONL files bulk-loaded with DuckDB
 * `read_json` or PostgreSQL `COPY FROM STDIN` (the raw loaders' way), and the
 * PostgreSQL password travels in libpq's environment, never in argv or messages.
 *
 * @param target DuckDB file or PostgreSQL settings.
 * @param options Python, schema, temp folder.
 * @returns The port.
 * @example
 * ```ts ignore
 * import { createOpsWarehouse } from "./ops-warehouse.ts";
 * const warehouse = createOpsWarehouse({ kind: "duckdb", path: ".adops/warehouse.duckdb" }, { python: "dbt/.venv/bin/python" });
 * console.log((await warehouse.readManifest()).size);
 * ```
 */
export function createOpsWarehouse(target: OpsWarehouseTarget, options: OpsWarehouseOptions): OpsWarehouse {
  const schema = options.schema ?? "ops";
  const describe = target.kind === "duckdb" ? `DuckDB '${target.path}'` : `PostgreSQL ${target.settings.host}:${target.settings.port}/${target.settings.database}`;
  const base = target.kind === "duckdb" ? ["duckdb", target.path] : ["postgres", "-"];
  const env = target.kind === "postgres" ? libpqEnvironment(target.settings) : undefined;
  function run(args: string[]): Promise<string> {
    return runPython(options.python, [SCRIPT, ...base, ...args], {
      ...(env === undefined ? {} : { env }),
      maxBuffer: 256 * 1024 * 1024,
      doing: `load the ops schema into ${describe}`,
      failure: (detail) => `Loading the ops schema into ${describe} failed: ${detail}`,
    });
  }
  const last = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
  return {
    describe,
    async readManifest() {
      const files = (last(await run(["manifest", schema])).files ?? []) as [string, string | null][];
      return new Map(files.map(([path, sha]) => [path, sha ?? ""]));
    },
    async write(writes, loadedAt) {
      const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), "adops-ops-"));
      try {
        const tables = [];
        let n = 0;
        for (const def of Object.values(OPS_TABLES)) {
          const entries = writes.filter((w) => w.table === def.name && w.rows.length > 0);
          for (const w of entries.length === 0 ? [undefined] : entries) {
            let file: string | null = null;
            if (w !== undefined) {
              file = join(dir, `${n++}.jsonl`);
              await writeFile(file, w.rows.map((r) => JSON.stringify(r)).join("\n") + "\n", "utf8");
            }
            tables.push({ table: def.name, columns: def.columns, key: def.key, file, keep_existing: w?.keepExisting ?? false, ignore: IGNORED });
          }
        }
        const planPath = join(dir, "plan.json");
        await writeFile(planPath, JSON.stringify({ schema, loaded_at: loadedAt, tables }), "utf8");
        const counts = new Map<OpsTableName, OpsTableCounts>();
        for (const c of (last(await run(["load", planPath])).tables ?? []) as OpsTableCounts[]) {
          const seen = counts.get(c.table);
          counts.set(c.table, seen === undefined ? c : { ...c, inserted: seen.inserted + c.inserted, updated: seen.updated + c.updated, unchanged: seen.unchanged + c.unchanged });
        }
        return [...counts.values()];
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
