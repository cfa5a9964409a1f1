/**
 * How a run, or one unit of work in it, ended: the one status vocabulary of
 * adops. Reports store it as `status`; `cli/exit-codes.ts` is the one place
 * that turns it into an exit code.
 */
export type Outcome = "ok" | "config_error" | "partial" | "failed" | "interrupted" | "internal_error";

/** Every {@link Outcome}, in exit-code order. */
export const OUTCOMES: readonly Outcome[] = ["ok", "config_error", "partial", "failed", "interrupted", "internal_error"];

/**
 * Folds per-unit results into one outcome: `ok` when none failed (nothing to do
 * is ok too), `failed` when none succeeded, `partial` otherwise.
 *
 * @param succeeded How many units succeeded.
 * @param failed How many units failed.
 * @returns The outcome of the run.
 * @example
 * ```ts
 * import { outcomeFromCounts } from "./outcome.ts";
 * console.assert(outcomeFromCounts(3, 1) === "partial");
 * console.assert(outcomeFromCounts(0, 2) === "failed");
 * ```
 */
export function outcomeFromCounts(succeeded: number, failed: number): Outcome {
  if (failed === 0) return "ok";
  if (succeeded === 0) return "failed";
  return "partial";
}
