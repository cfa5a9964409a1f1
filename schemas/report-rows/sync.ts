import * as v from "valibot";
import { PLATFORMS } from "../_shared.ts";

const IsoTime = v.pipe(v.string(), v.isoTimestamp());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/**
 * How a connection's sync came about in a run: `started` (this run started a
 * job), `attached` (a job was already running, HTTP 409, or the answer to this
 * run's trigger was lost and the job list showed the job it started; this run
 * followed it), `skipped` (inactive, disabled, not found, or interrupted before its
 * turn), `not_due` (by its schedule and job history), `dry_run` (due, would
 * have been triggered).
 */
export const SYNC_TRIGGERS = ["started", "attached", "skipped", "not_due", "dry_run"] as const;

/**
 * A connection's final status in a sync run. Besides `succeeded` and `failed`:
 * `cancelled` (by someone else, or by an interrupt with `--cancel-on-interrupt`),
 * `timed_out_cancelled` (passed its deadline; cancelled and confirmed),
 * `timed_out_orphaned` (passed its deadline; the cancel was not confirmed, so
 * the job may still run), `stuck` (counts did not move for the configured
 * number of polls; cancelled), `running` (left running when the run was
 * interrupted), `interrupted` (before a job was started), `skipped`, `not_due`,
 * `would_run` (`--dry-run`), `not_found` (no Airbyte connection matches the
 * config) and `error` (Airbyte could not be asked).
 */
export const SYNC_STATUSES = [
  "succeeded",
  "failed",
  "cancelled",
  "timed_out_cancelled",
  "timed_out_orphaned",
  "stuck",
  "running",
  "interrupted",
  "skipped",
  "not_due",
  "would_run",
  "not_found",
  "error",
] as const;

/** One row of an `adops sync` report: what happened to one selected connection. */
export const SyncReportRowSchema = v.object({
  tenant: v.pipe(v.string(), v.description("Tenant slug")),
  connection_id: v.pipe(v.nullable(v.string()), v.description("Airbyte connection id; null when no connection matched")),
  connection_name: v.pipe(v.string(), v.description("Connection name (Airbyte's, else the configured one)")),
  template: v.pipe(v.string(), v.description("Template name")),
  provider: v.pipe(v.picklist(PLATFORMS), v.description("Platform id (the log's `provider`)")),
  trigger: v.pipe(v.picklist(SYNC_TRIGGERS), v.description("How the sync came about in this run")),
  status: v.pipe(v.picklist(SYNC_STATUSES), v.description("The connection's final status in this run")),
  reason: v.pipe(v.nullable(v.string()), v.description("Why, in words")),
  job_id: v.pipe(v.nullable(v.pipe(v.number(), v.integer())), v.description("The last Airbyte job followed")),
  job_ids: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.description("Every job followed in this run, oldest first")),
  attempts: v.pipe(Count, v.description("Our attempts (triggers or attaches), not Airbyte's")),
  airbyte_attempts: v.pipe(Count, v.description("Airbyte's own attempts inside the last job")),
  lost_answers: v.optional(v.pipe(Count, v.description("Triggers whose answer was lost (no response, a timeout, a 5xx) after which the job list showed the job Airbyte had started, and this run attached to it instead of triggering again (absent in reports before it was counted)"))),
  started_at: v.pipe(v.nullable(IsoTime), v.description("When the first job started or was attached, ISO 8601 UTC")),
  ended_at: v.pipe(v.nullable(IsoTime), v.description("When the last job ended, or when the run stopped following it, ISO 8601 UTC")),
  duration_seconds: v.pipe(v.nullable(v.number()), v.description("From `started_at` to `ended_at`")),
  records_committed: v.pipe(Count, v.description("Records committed by the last job")),
  bytes_committed: v.pipe(Count, v.description("Bytes committed by the last job")),
  failure_origin: v.pipe(v.nullable(v.string()), v.description("`source`, `destination`, `replication`, `airbyte_platform`, ... (`adops`/`airbyte_api` for failures of our own)")),
  failure_type: v.pipe(v.nullable(v.string()), v.description("`config_error`, `system_error`, `transient_error`, ...")),
  failure_message: v.pipe(v.nullable(v.string()), v.description("The failure's external message")),
  empty_sync: v.pipe(v.boolean(), v.description("Succeeded with 0 records while the previous successes had records")),
  consecutive_failures: v.pipe(Count, v.description("Failed jobs in a row at the head of Airbyte's job history, after this run")),
  alert: v.pipe(v.boolean(), v.description("Whether `consecutive_failures` reached the alert threshold (2)")),
});

/** One row of an `adops sync` report. */
export type SyncReportRow = v.InferOutput<typeof SyncReportRowSchema>;
