// What the DuckDB and PostgreSQL raw loaders share: running one of dbt's venv Python
// scripts, and a loader that writes a load plan of JSONL files into a temporary folder,
// hands it to the script and runs one load at a time.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { AdopsError } from "../../core/mod.ts";
import type { RawLoader, RawLoadResult } from "./duckdb-raw-loader.ts";
import { writeLoadPlan } from "./_write-load-plan.ts";

/** How {@link runPython} runs a script and words its failures. */
export interface RunPythonOptions {
  /** The script's whole environment. @default this process's */
  env?: Record<string, string>;
  /** Largest stdout accepted. */
  maxBuffer: number;
  /** What is being done, for a missing interpreter: `Cannot <doing>: '<python>' does not exist …`. */
  doing: string;
  /** The message of a failed run, given the last lines of its stderr. */
  failure: (detail: string) => string;
}

/**
 * Runs dbt's venv Python with `args`. A missing interpreter is a `config_error` saying
 * how to install dbt; a failed run is `failed` with the last three lines of its stderr.
 *
 * @param python The interpreter.
 * @param args Script (or `-c`) and arguments.
 * @param options Environment, buffer and wording.
 * @returns Its stdout.
 */
export function runPython(python: string, args: string[], options: RunPythonOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { maxBuffer: options.maxBuffer, ...(options.env === undefined ? {} : { env: options.env }) }, (error, stdout, stderr) => {
      if (error && (error as { code?: unknown }).code === "ENOENT") {
        reject(new AdopsError(`Cannot ${options.doing}: '${python}' does not exist (dbt is not installed)`, {
          kind: "config_error",
          hint: "Run 'node scripts/setup.mjs' (or 'npm run setup') to create dbt/.venv from dbt/requirements.txt",
          cause: error,
        }));
      } else if (error) {
        const detail = (stderr || error.message).trim().split("\n").slice(-3).join(" | ");
        reject(new AdopsError(options.failure(detail), { kind: "failed", cause: error }));
      } else resolve(stdout);
    });
  });
}

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
