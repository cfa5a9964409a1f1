import * as v from "valibot";
import { DbtStagingVolumeSchema } from "./report-rows/dbt.ts";

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

/**
 * One row of any run report, as readers that take every command and every
 * report age see it (renderers, annotations, the status page): a record of
 * JSON values. Each command's own row schema is in `report-rows/`.
 */
export const ReportRowSchema = v.record(v.string(), v.unknown());

/** The entries of the run report envelope, shared with each command's typed report (`command-report.ts`). */
export const RunReportEntries = {
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
  rows: v.pipe(v.array(ReportRowSchema), v.description("One row per unit of work (connection, node, platform, check)")),
  messages: v.optional(v.pipe(v.array(v.string()), v.description("Notes for humans: fallbacks taken, warnings"))),
  staging_volume: v.optional(v.pipe(DbtStagingVolumeSchema, v.description("adops dbt only: the staging models' rows per tenant, platform and stat_date, for health's volume_anomaly check"))),
};

/**
 * The envelope every command writes at its end: one JSON file per run. Rows
 * are loose records here, so a report of any command and any age parses;
 * `CommandReportSchema` (`command-report.ts`) checks rows against their
 * command's row schema.
 */
export const RunReportSchema = v.pipe(v.object(RunReportEntries), v.description("An adops run report"));

/** A run report of any command and any age, rows loose (see {@link RunReportSchema}). */
export type RunReport = v.InferOutput<typeof RunReportSchema>;
/** One row of any run report. */
export type ReportRow = v.InferOutput<typeof ReportRowSchema>;
/** What started a run. */
export type Trigger = v.InferOutput<typeof TriggerSchema>;
/** A run's outcome. */
export type RunStatus = v.InferOutput<typeof RunStatusSchema>;

/** The newest known run of one kind (sync, dbt, health) for one tenant. */
export const StatusEntrySchema = v.object({
  at: v.pipe(v.string(), v.isoTimestamp(), v.description("When that run ended, ISO 8601 UTC")),
  status: v.pipe(v.string(), v.description("The tenant's outcome in that run (ok, failed, stale, ...)")),
  run_id: v.string(),
  command: v.string(),
  detail: v.optional(v.pipe(v.string(), v.description("e.g. `3/3 ok` or the failing units"))),
  tone: v.optional(v.pipe(v.picklist(["ok", "warning", "error", "neutral"]), v.description("How bad, counting row severities"))),
  run_url: v.optional(v.string()),
});

/**
 * What `reports/status.json` remembers per tenant, so a run that touched only
 * some tenants (a matrix job) does not erase what others reported.
 */
export const StatusStateSchema = v.pipe(
  v.object({
    schema_version: v.literal(1),
    updated_at: v.pipe(v.string(), v.isoTimestamp()),
    tenants: v.record(
      v.string(),
      v.object({ sync: v.optional(StatusEntrySchema), dbt: v.optional(StatusEntrySchema), health: v.optional(StatusEntrySchema) }),
    ),
  }),
  v.description("Per-tenant status memory behind reports/STATUS.md"),
);

/** Counts of one command's runs in a month. */
export const CommandRollupSchema = v.object({
  runs: v.pipe(v.number(), v.integer(), v.minValue(0)),
  statuses: v.pipe(v.record(v.string(), v.number()), v.description("Runs by status")),
  duration_seconds: v.pipe(v.number(), v.minValue(0), v.description("Total wall time")),
  summary: v.pipe(v.record(v.string(), v.number()), v.description("Sums of the runs' summary counts")),
});

/** `reports/YYYY/MM/summary.json`: what a month's daily folders rolled up into. */
export const MonthlySummarySchema = v.pipe(
  v.object({
    schema_version: v.literal(1),
    month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/), v.description("YYYY-MM")),
    runs: v.pipe(v.number(), v.integer(), v.minValue(0)),
    by_command: v.record(v.string(), CommandRollupSchema),
    by_day: v.pipe(
      v.record(v.string(), v.object({ runs: v.number(), statuses: v.record(v.string(), v.number()) })),
      v.description("YYYY-MM-DD → runs and statuses"),
    ),
    problems: v.pipe(
      v.array(v.object({ run_id: v.string(), command: v.string(), started_at: v.string(), status: v.string(), exit_code: v.number(), run_url: v.optional(v.string()) })),
      v.description("Every run that did not end ok"),
    ),
    run_ids: v.pipe(v.array(v.string()), v.description("Rolled-up runs (`<run>-<command>`), sorted; a run is never counted twice")),
  }),
  v.description("A month of run reports rolled up"),
);

/** One tenant's status memory entry. */
export type StatusEntry = v.InferOutput<typeof StatusEntrySchema>;
/** `reports/status.json`. */
export type StatusState = v.InferOutput<typeof StatusStateSchema>;
/** `reports/YYYY/MM/summary.json`. */
export type MonthlySummary = v.InferOutput<typeof MonthlySummarySchema>;
