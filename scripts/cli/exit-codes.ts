/**
 * Exit codes shared by every adops command (seed 002 and DESIGN.md).
 *
 * @example
 * ```ts
 * import { ExitCode } from "./exit-codes.ts";
 * console.assert(ExitCode.partial === 2);
 * ```
 */
export const ExitCode = {
  /** Everything succeeded. */
  ok: 0,
  /** Invalid configuration or missing settings. */
  config: 1,
  /** Some units of work succeeded, some failed. */
  partial: 2,
  /** Every unit of work failed. */
  allFailed: 3,
  /** A bug or an unexpected condition inside adops. */
  internal: 4,
  /** Interrupted by SIGINT or SIGTERM. */
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Folds per-unit outcomes into one exit code: 0 when all succeeded (or there
 * was nothing to do and `emptyIsOk`), 3 when none did, 2 otherwise.
 *
 * @param succeeded How many units succeeded.
 * @param failed How many units failed.
 * @returns The exit code for the run.
 * @example
 * ```ts
 * import { exitCodeFromCounts } from "./exit-codes.ts";
 * console.assert(exitCodeFromCounts(3, 1) === 2);
 * ```
 */
export function exitCodeFromCounts(succeeded: number, failed: number): ExitCode {
  if (failed === 0) return ExitCode.ok;
  if (succeeded === 0) return ExitCode.allFailed;
  return ExitCode.partial;
}
