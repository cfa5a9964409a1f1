import type { ErrorKind, Outcome } from "../core/mod.ts";

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

const BY_OUTCOME: Record<Outcome, ExitCode> = {
  ok: ExitCode.ok,
  config_error: ExitCode.config,
  partial: ExitCode.partial,
  failed: ExitCode.allFailed,
  interrupted: ExitCode.interrupted,
  internal_error: ExitCode.internal,
};

/**
 * The one map from an outcome (or an error's kind) to the process exit code.
 *
 * @param outcome How the run ended, or the kind of the error that ended it.
 * @returns The exit code.
 * @example
 * ```ts
 * import { exitCodeFor } from "./exit-codes.ts";
 * console.assert(exitCodeFor("partial") === 2 && exitCodeFor("interrupted") === 130);
 * ```
 */
export function exitCodeFor(outcome: Outcome | ErrorKind): ExitCode {
  return BY_OUTCOME[outcome];
}

/**
 * The outcome an exit code stands for (reports store both).
 *
 * @param exitCode The exit code.
 * @returns The outcome; unknown codes are `internal_error`.
 * @example
 * ```ts
 * import { outcomeForExitCode } from "./exit-codes.ts";
 * console.assert(outcomeForExitCode(2) === "partial");
 * ```
 */
export function outcomeForExitCode(exitCode: number): Outcome {
  const found = (Object.entries(BY_OUTCOME) as [Outcome, number][]).find(([, code]) => code === exitCode);
  return found?.[0] ?? "internal_error";
}
