import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AdopsError } from "../../core/mod.ts";
import type { RawTable } from "./generate-raw-data.ts";
import { writeLoadPlan } from "./_write-load-plan.ts";

/** What a load wrote. */
export interface RawLoadResult {
  /** Records inserted. */
  records: number;
  /** Bytes of JSONL handed to DuckDB. */
  bytes: number;
  /** Row counts of the touched tables after the load. */
  tables: { schema: string; table: string; rows: number }[];
  /** Records and bytes handed over per table, in the order given. */
  written?: { schema: string; table: string; stream?: string; records: number; bytes: number }[];
}

/** Lands raw tables in a warehouse. */
export interface RawLoader {
  /**
   * Writes the tables' rows as each table's `write` says (an Airbyte sync: overwrite,
   * append or append_dedup; `append` when absent), or with `mode: "replace"` replaces
   * every table with the rows given (seeding a warehouse).
   *
   * @param tables The rows per table.
   * @param options `append` (each table's own write mode) or `replace`.
   * @returns What was written.
   */
  load(tables: readonly RawTable[], options?: { mode?: "append" | "replace" }): Promise<RawLoadResult>;
}

/** Options of {@link createDuckdbRawLoader}. */
export interface DuckdbRawLoaderOptions {
  /** Absolute path of the DuckDB file. */
  databasePath: string;
  /** Python with the `duckdb` package (dbt's venv has it). @default "dbt/.venv/bin/python" */
  python?: string;
  /** Folder for the temporary JSONL files. @default the database file's folder */
  tempDir?: string;
}

const SCRIPT = fileURLToPath(new URL("./load_jsonl.py", import.meta.url));

function run(python: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as { code?: unknown }).code === "ENOENT") {
        reject(new AdopsError(`Cannot load raw data: '${python}' does not exist (dbt is not installed)`, {
          kind: "config_error",
          hint: "Run 'node scripts/setup.mjs' (or 'npm run setup') to create dbt/.venv from dbt/requirements.txt",
          cause: error,
        }));
      } else if (error) {
        const detail = (stderr || error.message).trim().split("\n").slice(-3).join(" | ");
        reject(new AdopsError(`Cannot load raw data with '${python}': ${detail}`, { kind: "failed", cause: error }));
      } else resolve(stdout);
    });
  });
}

/**
 * A loader that writes newline-delimited JSON files and inserts them with the
 * Python `duckdb` package of dbt's virtual environment (no native npm addon). Loads
 * run one at a time; the script waits for DuckDB's single-writer lock when dbt holds it.
 *
 * @param options Database path, Python, temp folder.
 * @returns The loader.
 * @example
 * ```ts ignore
 * import { createDuckdbRawLoader } from "./duckdb-raw-loader.ts";
 * const loader = createDuckdbRawLoader({ databasePath: "/tmp/w.duckdb" });
 * await loader.load([]);
 * ```
 */
export function createDuckdbRawLoader(options: DuckdbRawLoaderOptions): RawLoader {
  const python = options.python ?? "dbt/.venv/bin/python";
  let queue: Promise<unknown> = Promise.resolve();
  async function loadNow(tables: readonly RawTable[], mode: "append" | "replace"): Promise<RawLoadResult> {
    if (tables.length === 0) return { records: 0, bytes: 0, tables: [], written: [] };
    // Beside the warehouse by default: inside the folders Deno's scoped --allow-write grants.
    const parent = options.tempDir ?? dirname(options.databasePath);
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, ".adops-raw-"));
    try {
      const { planPath, records, bytes, written } = await writeLoadPlan(tables, { dir, mode });
      const stdout = await run(python, [SCRIPT, options.databasePath, planPath]);
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
