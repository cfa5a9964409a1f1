import { execFile } from "node:child_process";
import { AdopsError } from "../core/mod.ts";

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
 * @example
 * ```ts ignore
 * import { runPython } from "./run-python.ts";
 * const out = await runPython("dbt/.venv/bin/python", ["-c", "print(1)"], { maxBuffer: 1e6, doing: "run Python", failure: (d) => `Python failed: ${d}` });
 * ```
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
