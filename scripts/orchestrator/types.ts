import type { Logger } from "../core/mod.ts";
import type { PlatformId } from "../config/mod.ts";
import type { OrchestrateStepRow } from "../../schemas/report-rows/orchestrate.ts";

/** What a pipeline did. The seed's `rows_processed` and `tables_processed`. */
export interface PipelineOutcome {
  /** Rows synced or built. */
  rows_processed: number;
  /** Tables (streams or models) synced or built. */
  tables_processed: number;
}

/** What a pipeline is told about the step it runs as. */
export interface PipelineContext {
  /** The step name (`microsoft`, `marts`, ...). */
  step: string;
  /** The canonical platform id, for platform steps. */
  platformId: PlatformId | undefined;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** A logger with the step's fields. */
  log: Logger;
}

/**
 * One pipeline, registered by name. `run` must stop soon after `signal`
 * aborts (timeouts, interrupts); the orchestrator does not wait for it.
 */
export interface Pipeline {
  /** Runs the pipeline once. Rejects on failure. */
  run(context: PipelineContext, signal: AbortSignal): Promise<PipelineOutcome>;
}

/** The retry policy of one step (seed 002). */
export interface RetryPolicy {
  /** Attempts including the first. */
  max_attempts: number;
  /** Delay before the first retry, in seconds. */
  backoff_seconds: number;
  /** Each further delay is multiplied by this. */
  backoff_multiplier: number;
  /** Cap of one delay, before jitter. */
  max_backoff_seconds: number;
}

/** One step of a run plan, with its policies resolved. */
export interface PlannedStep {
  /** The step name. */
  name: string;
  /** The canonical platform id, for platform steps. */
  platformId: PlatformId | undefined;
  /** Disabled steps are skipped with reason `disabled`. */
  enabled: boolean;
  /** Lower runs first among ready steps. */
  priority: number;
  /** Seconds the whole step (attempts and backoff) may take. */
  timeoutSeconds: number;
  /** The retry policy. */
  retry: RetryPolicy;
  /** Steps of this run that must complete first (disabled or unselected ones are dropped). */
  dependencies: string[];
  /** Position in the config, the last tie-break. */
  index: number;
}

/** How steps are started. */
export type ScheduleMode = "ready_queue" | "groups" | "sequential";

/** Everything the scheduler needs, decided before anything runs. */
export interface RunPlan {
  /** How steps are started. */
  mode: ScheduleMode;
  /** The most steps running at once (1 in sequential mode). */
  maxParallel: number;
  /** Whether new steps start after a failure. */
  continueOnFailure: boolean;
  /** Seconds the whole run may take. */
  globalTimeoutSeconds: number;
  /** The steps, in config order. */
  steps: PlannedStep[];
  /** In `groups` mode (and `sequential` with groups), the groups in order. */
  groups: string[][] | undefined;
  /** Things the user should know (defaults taken, ungrouped steps). */
  warnings: string[];
}

/** The final status of a step. `timed_out` and `interrupted` count as failed. */
export type StepStatus = OrchestrateStepRow["status"];

/**
 * Why a step did not run: `disabled` in config, `upstream_failed` (a
 * dependency failed), `stopped` (continue_on_failure false after a failure),
 * `global_timeout`, `interrupted` (SIGINT/SIGTERM before it started).
 */
export type SkipReason = NonNullable<OrchestrateStepRow["skip_reason"]>;

/** The outcome of one step. */
export interface StepResult {
  /** The step name. */
  name: string;
  /** The canonical platform id, for platform steps. */
  platformId: PlatformId | undefined;
  /** The final status. */
  status: StepStatus;
  /** Why it was skipped. */
  skipReason: SkipReason | undefined;
  /** When the first attempt started (epoch ms). */
  startedAt: number | undefined;
  /** When the step ended (epoch ms). */
  endedAt: number | undefined;
  /** Attempts made. */
  attempts: number;
  /** Rows processed by the successful attempt. */
  rowsProcessed: number;
  /** Tables processed by the successful attempt. */
  tablesProcessed: number;
  /** The last error, redacted by the caller. */
  errorMessage: string | undefined;
}

/** The outcome of a run. */
export interface RunOutcome {
  /** One result per planned step, in config order. */
  results: StepResult[];
  /** When the run started (epoch ms). */
  startedAt: number;
  /** When the run ended (epoch ms). */
  endedAt: number;
  /** Whether continue_on_failure false stopped the run. */
  stopped: boolean;
  /** Whether the global timeout fired. */
  globalTimedOut: boolean;
  /** Whether the caller's signal (SIGINT/SIGTERM) aborted the run. */
  interrupted: boolean;
  /** The most steps that ran at once. */
  peakParallel: number;
}
