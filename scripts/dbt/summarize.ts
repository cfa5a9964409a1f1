import type { Outcome } from "../core/mod.ts";
import type { DbtStepOutcome } from "./run-step.ts";

/** Counts over every node of a run. */
export interface DbtCounts {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  noop: number;
  total: number;
}

/**
 * Counts node statuses: pass (success, pass), warn, error (error, fail, runtime
 * error, partial success), skip (skipped), noop (no-op, reused, anything unknown).
 *
 * @param outcomes The steps.
 * @returns The counts.
 * @example
 * ```ts
 * import { countNodes } from "./summarize.ts";
 * console.assert(countNodes([]).total === 0);
 * ```
 */
export function countNodes(outcomes: readonly DbtStepOutcome[]): DbtCounts {
  const c: DbtCounts = { pass: 0, warn: 0, error: 0, skip: 0, noop: 0, total: 0 };
  for (const o of outcomes) {
    for (const n of o.nodes) {
      c.total++;
      if (n.status === "success" || n.status === "pass") c.pass++;
      else if (n.status === "warn") c.warn++;
      else if (n.status === "error" || n.status === "fail" || n.status === "runtime error" || n.status === "partial success") c.error++;
      else if (n.status === "skipped") c.skip++;
      else c.noop++;
    }
  }
  return c;
}

/**
 * Maps the steps' dbt exit codes to an outcome: all dbt 0 → `ok`; any dbt 2 (dbt did not
 * run: profile, project, parse, lock or usage error) → `config_error`; otherwise dbt 1 →
 * `partial`, or `failed` when no node succeeded.
 *
 * @param outcomes The steps that ran.
 * @returns The exit code.
 * @example
 * ```ts
 * import { dbtRunOutcome } from "./summarize.ts";
 * console.assert(dbtRunOutcome([]) === "ok");
 * ```
 */
export function dbtRunOutcome(outcomes: readonly DbtStepOutcome[]): Outcome {
  if (outcomes.some((o) => o.status === "not_run")) return "config_error";
  if (outcomes.every((o) => o.status === "ok")) return "ok";
  const c = countNodes(outcomes);
  return c.pass + c.warn + c.noop === 0 ? "failed" : "partial";
}
