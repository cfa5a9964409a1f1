// One step: attempts, backoff and the step deadline. Private to run-plan.ts.
import { type Clock, isConfigError, isRetryError, type Logger, retry } from "../core/mod.ts";
import type { OrchestratorHooks } from "./hooks.ts";
import { stepRetryOptions } from "./step-retry-options.ts";
import type { Pipeline, PlannedStep, StepStatus } from "./types.ts";

/** Why a step's signal was aborted. */
export type AbortKind = "timeout" | "global_timeout" | "interrupted";

/** The abort reason the orchestrator uses; pipelines see it as `signal.reason`. */
export class StepAborted extends Error {
  /** What aborted the step. */
  readonly kind: AbortKind;

  /**
   * @param kind What aborted the step.
   * @param message A message for the report.
   */
  constructor(kind: AbortKind, message: string) {
    super(message);
    this.name = "StepAborted";
    this.kind = kind;
  }
}

/** What one step ended with (the scheduler fills in the rest of the result). */
export interface StepRun {
  status: Exclude<StepStatus, "skipped">;
  attempts: number;
  rows: number;
  tables: number;
  errorMessage: string | undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isRetriable(error: unknown): boolean {
  if (isConfigError(error)) return false;
  return !(typeof error === "object" && error !== null && (error as { retriable?: unknown }).retriable === false);
}

/** Rejects when `signal` aborts; `dispose` removes the listener. */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    dispose = () => signal.removeEventListener("abort", onAbort);
  });
  promise.catch(() => {});
  return { promise, dispose };
}

function abortedRun(signal: AbortSignal, attempts: number): StepRun {
  const reason = signal.reason;
  const kind: AbortKind = reason instanceof StepAborted ? reason.kind : "interrupted";
  return {
    status: kind === "interrupted" ? "interrupted" : "timed_out",
    attempts,
    rows: 0,
    tables: 0,
    errorMessage: reason instanceof Error ? reason.message : "Aborted",
  };
}

/**
 * Runs one step to its end: attempts with backoff (core `retry()` with the
 * step's policy), the whole step bounded by
 * its timeout, aborted when `runSignal` aborts. Never rejects. The pipeline's
 * promise is raced against the abort, so a pipeline that ignores its signal
 * cannot hold the run.
 */
export async function runStep(
  step: PlannedStep,
  pipeline: Pipeline,
  options: {
    clock: Clock;
    runSignal: AbortSignal;
    log: Logger;
    random: () => number;
    hooks: OrchestratorHooks;
    running: () => number;
  },
): Promise<StepRun> {
  const { clock, log, hooks } = options;
  const controller = new AbortController();
  const signal = controller.signal;
  const onRunAbort = () => controller.abort(options.runSignal.reason);
  if (options.runSignal.aborted) onRunAbort();
  else options.runSignal.addEventListener("abort", onRunAbort, { once: true });
  const timer = new AbortController();
  clock.sleep(step.timeoutSeconds * 1000, timer.signal).then(
    () => controller.abort(new StepAborted("timeout", `Timed out after ${step.timeoutSeconds}s`)),
    () => {},
  );
  const stepLog = log.child({ step: step.name });
  let started = 0;
  // Set while waiting after a failed attempt, so an abort then reports it.
  let lastError: string | undefined;
  try {
    const outcome = await retry(async (attempt) => {
      started = attempt;
      lastError = undefined;
      hooks.onStepStart?.({ step: step.name, attempt, running: options.running() });
      const aborted = whenAborted(signal);
      try {
        return await Promise.race([
          pipeline.run({ step: step.name, platformId: step.platformId, attempt, log: stepLog }, signal),
          aborted.promise,
        ]);
      } finally {
        aborted.dispose();
      }
    }, {
      ...stepRetryOptions(step.retry, options.random),
      clock,
      signal,
      isRetriable,
      onRetry({ attempt, delay, error }) {
        lastError = messageOf(error);
        hooks.onStepRetry?.({ step: step.name, attempt, delaySeconds: delay / 1000, errorMessage: lastError });
      },
    });
    return { status: "completed", attempts: started, rows: outcome.rows_processed, tables: outcome.tables_processed, errorMessage: undefined };
  } catch (error) {
    if (signal.aborted) {
      const run = abortedRun(signal, started);
      return lastError === undefined ? run : { ...run, errorMessage: `${messageOf(signal.reason)} (last error: ${lastError})` };
    }
    return { status: "failed", attempts: started, rows: 0, tables: 0, errorMessage: messageOf(isRetryError(error) ? error.cause : error) };
  } finally {
    timer.abort();
    options.runSignal.removeEventListener("abort", onRunAbort);
  }
}
