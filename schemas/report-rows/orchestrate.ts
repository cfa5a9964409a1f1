import * as v from "valibot";

const IsoTime = v.pipe(v.string(), v.isoTimestamp());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The final status of an orchestrator step. `timed_out` and `interrupted` count as failed. */
export const STEP_STATUSES = ["completed", "failed", "timed_out", "interrupted", "skipped"] as const;

/**
 * Why a step did not run: `disabled` in config, `upstream_failed` (a
 * dependency failed), `stopped` (continue_on_failure false after a failure),
 * `global_timeout`, `interrupted` (SIGINT/SIGTERM before it started).
 */
export const SKIP_REASONS = ["disabled", "upstream_failed", "stopped", "global_timeout", "interrupted"] as const;

/** One platform row of an `adops orchestrate` run: the seed's execution report row, plus timestamps and skip reasons. */
export const OrchestrateStepRowSchema = v.object({
  platform_name: v.pipe(v.string(), v.description("The step name (`microsoft`, `marts`, ...)")),
  platform_id: v.pipe(v.nullable(v.string()), v.description("Canonical platform id; null for shared steps")),
  status: v.pipe(v.picklist(STEP_STATUSES), v.description("The step's final status")),
  skip_reason: v.pipe(v.nullable(v.picklist(SKIP_REASONS)), v.description("Why it was skipped; null when it ran")),
  started_at: v.pipe(v.nullable(IsoTime), v.description("ISO 8601 UTC; null when it never started")),
  ended_at: v.pipe(v.nullable(IsoTime), v.description("ISO 8601 UTC; null when it never started")),
  duration_seconds: v.pipe(v.number(), v.minValue(0), v.description("Wall time, two decimals")),
  rows_processed: v.pipe(Count, v.description("Rows processed by the successful attempt")),
  tables_processed: v.pipe(Count, v.description("Tables processed by the successful attempt")),
  retry_count: v.pipe(Count, v.description("Attempts after the first")),
  error_message: v.pipe(v.nullable(v.string()), v.description("The last error")),
});

/** One planned step of an `adops orchestrate --dry-run` report. */
export const OrchestratePlanRowSchema = v.object({
  platform_name: v.pipe(v.string(), v.description("The step name")),
  platform_id: v.pipe(v.nullable(v.string()), v.description("Canonical platform id; null for shared steps")),
  status: v.optional(v.pipe(v.never(), v.description("None: a planned step has not run (this tells plan rows from outcome rows)"))),
  enabled: v.pipe(v.boolean(), v.description("Disabled steps are skipped")),
  priority: v.pipe(v.number(), v.description("Lower runs first among ready steps")),
  timeout: v.pipe(v.number(), v.description("Seconds the whole step (attempts and backoff) may take")),
  max_attempts: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Attempts including the first")),
  dependencies: v.pipe(v.array(v.string()), v.description("Steps of this run that must complete first")),
});

/**
 * One row of an `adops orchestrate` report: a step's outcome, or (dry run) a
 * planned step, told apart by `status` (plan rows have none).
 */
export const OrchestrateReportRowSchema = v.variant("status", [OrchestrateStepRowSchema, OrchestratePlanRowSchema]);

/** One step's outcome in an `adops orchestrate` run (the execution report's `platforms`). */
export type OrchestrateStepRow = v.InferOutput<typeof OrchestrateStepRowSchema>;
/** One planned step of an `adops orchestrate --dry-run` report. */
export type OrchestratePlanRow = v.InferOutput<typeof OrchestratePlanRowSchema>;
/** One row of an `adops orchestrate` report. */
export type OrchestrateReportRow = v.InferOutput<typeof OrchestrateReportRowSchema>;
