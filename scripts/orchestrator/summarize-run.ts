import type { Outcome } from "../core/mod.ts";
import type { RunOutcome, StepResult } from "./types.ts";

/** The seed's summary, plus the counts behind it. */
export interface RunSummary {
  /** Steps in the run, skipped ones included. */
  total_platforms: number;
  /** Steps that completed. */
  completed: number;
  /** Steps that failed, timed out or were interrupted. */
  failed: number;
  /** Steps that did not run (any reason). */
  skipped: number;
  /** Of `failed`, those that timed out. */
  timed_out: number;
  /** Of `failed`, those aborted by SIGINT/SIGTERM. */
  interrupted: number;
  /** Of `skipped`, those disabled in config. */
  disabled: number;
  /** `completed` over the enabled steps, in percent, one decimal. */
  success_rate: number;
  /** Sum of rows over completed steps. */
  total_rows_processed: number;
  /** Wall time of the run, seconds, two decimals. */
  total_duration_seconds: number;
}

function isFailure(result: StepResult): boolean {
  return result.status === "failed" || result.status === "timed_out" || result.status === "interrupted";
}

/**
 * Counts a run the seed's way. The success rate is over enabled steps: a step
 * disabled in config is neither a success nor a failure.
 *
 * @param outcome The run outcome.
 * @returns The summary.
 * @example
 * ```ts
 * import { summarizeRun } from "./summarize-run.ts";
 * const s = summarizeRun({ results: [], startedAt: 0, endedAt: 1500, stopped: false, globalTimedOut: false, interrupted: false, peakParallel: 0 });
 * console.assert(s.total_duration_seconds === 1.5 && s.success_rate === 0);
 * ```
 */
export function summarizeRun(outcome: RunOutcome): RunSummary {
  const r = outcome.results;
  const completed = r.filter((x) => x.status === "completed").length;
  const disabled = r.filter((x) => x.skipReason === "disabled").length;
  const enabled = r.length - disabled;
  return {
    total_platforms: r.length,
    completed,
    failed: r.filter(isFailure).length,
    skipped: r.filter((x) => x.status === "skipped").length,
    timed_out: r.filter((x) => x.status === "timed_out").length,
    interrupted: r.filter((x) => x.status === "interrupted").length,
    disabled,
    success_rate: enabled === 0 ? 0 : Math.round((1000 * completed) / enabled) / 10,
    total_rows_processed: r.reduce((sum, x) => sum + x.rowsProcessed, 0),
    total_duration_seconds: Math.round((outcome.endedAt - outcome.startedAt) / 10) / 100,
  };
}

/**
 * The exit code of a run, as seed 002: 130 when interrupted; 4 when
 * `continue_on_failure: false` stopped the run; 1 when nothing was enabled
 * (running nothing is not success); 0 when every enabled step completed; 3
 * when none did; 2 otherwise. Steps skipped for a failure upstream or the
 * global timeout count against success.
 *
 * @param outcome The run outcome.
 * @returns The outcome.
 * @example
 * ```ts
 * import { outcomeForRun } from "./summarize-run.ts";
 * console.assert(outcomeForRun({ results: [], startedAt: 0, endedAt: 0, stopped: false, globalTimedOut: false, interrupted: false, peakParallel: 0 }) === "config_error");
 * ```
 */
export function outcomeForRun(outcome: RunOutcome): Outcome {
  if (outcome.interrupted) return "interrupted";
  if (outcome.stopped) return "internal_error";
  const enabled = outcome.results.filter((x) => x.skipReason !== "disabled");
  if (enabled.length === 0) return "config_error";
  const completed = enabled.filter((x) => x.status === "completed").length;
  if (completed === enabled.length) return "ok";
  if (completed === 0) return "failed";
  return "partial";
}
