import * as v from "valibot";

/** How a run was started. */
export const TriggerSchema = v.pipe(
  v.object({
    kind: v.pipe(
      v.picklist(["schedule", "workflow_dispatch", "pull_request", "push", "workflow_run", "local", "other"]),
      v.description("The GitHub event, or `local` for a terminal run"),
    ),
    actor: v.optional(v.pipe(v.string(), v.description("Who dispatched it"))),
    ref: v.optional(v.pipe(v.string(), v.description("Branch or PR ref"))),
    run_url: v.optional(v.pipe(v.string(), v.description("Link to the workflow run"))),
  }),
  v.description("What started the run"),
);

/** Outcome of a whole command run. */
export const RunStatusSchema = v.pipe(
  v.picklist(["ok", "partial", "failed", "config_error", "internal_error", "interrupted"]),
  v.description("The run's outcome, matching its exit code (0 ok, 2 partial, 3 failed, 1 config_error, 4 internal_error, 130 interrupted)"),
);

/** The envelope every command writes at its end: one JSON file per run. */
export const RunReportSchema = v.pipe(
  v.object({
    schema_version: v.pipe(v.literal(1), v.description("Report format version")),
    run_id: v.pipe(v.string(), v.description("Unique run id; also the correlation id in logs")),
    command: v.pipe(v.string(), v.description("The adops command")),
    trigger: TriggerSchema,
    started_at: v.pipe(v.string(), v.isoTimestamp(), v.description("Start, ISO 8601 UTC")),
    ended_at: v.pipe(v.string(), v.isoTimestamp(), v.description("End, ISO 8601 UTC")),
    duration_seconds: v.pipe(v.number(), v.minValue(0), v.description("Wall time")),
    inputs: v.pipe(v.record(v.string(), v.unknown()), v.description("Flags and inputs the run was given (no secrets)")),
    exit_code: v.pipe(v.number(), v.integer(), v.description("The process exit code")),
    status: RunStatusSchema,
    summary: v.pipe(v.record(v.string(), v.number()), v.description("Counts: e.g. succeeded, failed, skipped")),
    rows: v.pipe(v.array(v.record(v.string(), v.unknown())), v.description("One row per unit of work (connection, node, platform, check)")),
    messages: v.optional(v.pipe(v.array(v.string()), v.description("Notes for humans: fallbacks taken, warnings"))),
  }),
  v.description("An adops run report"),
);

/** A run report. */
export type RunReport = v.InferOutput<typeof RunReportSchema>;
/** What started a run. */
export type Trigger = v.InferOutput<typeof TriggerSchema>;
/** A run's outcome. */
export type RunStatus = v.InferOutput<typeof RunStatusSchema>;
