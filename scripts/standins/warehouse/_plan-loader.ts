// What the DuckDB and PostgreSQL raw loaders share (runPython, one of dbt's venv Python
// scripts, is dbt/'s, which the ops loader shares too): a loader that writes a load plan of JSONL files into a temporary folder,
// hands it to the script and runs one load at a time.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { RawLoader, RawLoadResult } from "./duckdb-raw-loader.ts";
import { writeLoadPlan } from "./_write-load-plan.ts";

/** Options of {@link createPlanLoader}. */
export interface PlanLoaderOptions {
  /** The folder the temporary plan folder goes in (created when missing). */
  tempParent: () => Promise<string>;
  /** The warehouse's spelling of a layout column type. @default the DuckDB spelling */
  columnType?: (type: string) => string;
  /** Runs the load script on the plan file; its last stdout line is `{"tables": [...]}`. */
  runScript: (planPath: string) => Promise<string>;
}

/**
 * A raw loader over a load script: each load writes its plan (JSONL per table) into a
 * new temporary folder, runs the script on it and removes the folder; loads run one at
 * a time, in the order asked.
 *
 * @param options Where the plan goes, column types, the script.
 * @returns The loader.
 */
export function createPlanLoader(options: PlanLoaderOptions): RawLoader {
  let queue: Promise<unknown> = Promise.resolve();
  async function loadNow(tables: Parameters<RawLoader["load"]>[0], mode: "append" | "replace"): Promise<RawLoadResult> {
    if (tables.length === 0) return { records: 0, bytes: 0, tables: [], written: [] };
    const dir = await mkdtemp(join(await options.tempParent(), ".adops-raw-"));
    try {
      const { planPath, records, bytes, written } = await writeLoadPlan(tables, { dir, mode, ...(options.columnType === undefined ? {} : { columnType: options.columnType }) });
      const stdout = await options.runScript(planPath);
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
