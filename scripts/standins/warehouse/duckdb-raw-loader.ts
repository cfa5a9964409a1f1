import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { RawTable } from "./generate-raw-data.ts";
import { createPlanLoader } from "./_plan-loader.ts";
import { runPython } from "../../dbt/mod.ts";

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
  return createPlanLoader({
    // Beside the warehouse by default: inside the folders Deno's scoped --allow-write grants.
    async tempParent() {
      const parent = options.tempDir ?? dirname(options.databasePath);
      await mkdir(parent, { recursive: true });
      return parent;
    },
    runScript: (planPath) =>
      runPython(python, [SCRIPT, options.databasePath, planPath], {
        maxBuffer: 16 * 1024 * 1024,
        doing: "load raw data",
        failure: (detail) => `Cannot load raw data with '${python}': ${detail}`,
      }),
  });
}
