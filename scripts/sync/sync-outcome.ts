import { type Outcome, outcomeFromCounts } from "../core/mod.ts";
import type { PlatformId } from "../config/mod.ts";
import type { SyncReportRow } from "../../schemas/report-rows/sync.ts";
import type { JobFailure } from "./sync-api.ts";

/** How a connection's sync came about in this run (`SYNC_TRIGGERS` in `schemas/report-rows/sync.ts` says what each means). */
export type SyncTrigger = SyncReportRow["trigger"];

/** A connection's final status in the run (`SYNC_STATUSES` in `schemas/report-rows/sync.ts` says what each means). */
export type SyncStatus = SyncReportRow["status"];

/** Extra facts the runbook alerts on. */
export interface SyncFlags {
  /** Succeeded with 0 records while the previous successes had records. */
  emptySync: boolean;
  /** Consecutive failed jobs at the head of Airbyte's job history (after this run). */
  consecutiveFailures: number;
  /** Whether `consecutiveFailures` reached the alert threshold (2). */
  alert: boolean;
}

/** What happened to one selected connection. Every selected connection gets exactly one. */
export interface SyncOutcome {
  /** Tenant slug. */
  tenant: string;
  /** Airbyte connection id, when matched. */
  connectionId: string | undefined;
  /** Connection name (Airbyte's, else the configured one). */
  connectionName: string;
  /** Template name. */
  template: string;
  /** Platform (the log's `provider`). */
  platform: PlatformId;
  /** How the sync came about. */
  trigger: SyncTrigger;
  /** The final status. */
  status: SyncStatus;
  /** Why, in words. */
  reason: string | undefined;
  /** The last job followed. */
  jobId: number | undefined;
  /** Every job followed in this run, oldest first. */
  jobIds: number[];
  /** Our attempts (triggers or attaches), not Airbyte's. */
  attempts: number;
  /** Airbyte's own attempts inside the last job. */
  airbyteAttempts: number;
  /** Triggers whose answer was lost (no response, a timeout, a 5xx) after which this run found the job Airbyte had started and attached to it instead of triggering again. */
  lostAnswers: number;
  /** When the first job started or was attached (epoch ms). */
  startedAt: number | undefined;
  /** When the last job ended, or when we stopped following it (epoch ms). */
  endedAt: number | undefined;
  /** Records committed by the last job. */
  recordsCommitted: number;
  /** Bytes committed by the last job. */
  bytesCommitted: number;
  /** The failure behind a non-success, from `failureSummary` (or ours, origin `adops`/`airbyte_api`). */
  failure: JobFailure | undefined;
  /** Runbook flags. */
  flags: SyncFlags;
}

/** Whether an outcome counts as a success, a failure or an interruption (words of core's `Outcome`), or neither. */
export type OutcomeClass = Extract<Outcome, "ok" | "failed" | "interrupted"> | "neutral";

/**
 * Classifies a status for counts and exit codes.
 *
 * @param status The status.
 * @returns `ok` for succeeded, `neutral` for not triggered on purpose, `interrupted` for running/interrupted, else `failed`.
 * @example
 * ```ts
 * import { classifyStatus } from "./sync-outcome.ts";
 * console.assert(classifyStatus("timed_out_orphaned") === "failed" && classifyStatus("not_due") === "neutral");
 * ```
 */
export function classifyStatus(status: SyncStatus): OutcomeClass {
  switch (status) {
    case "succeeded":
      return "ok";
    case "skipped":
    case "not_due":
    case "would_run":
      return "neutral";
    case "running":
    case "interrupted":
      return "interrupted";
    default:
      return "failed";
  }
}

/** Counts of a run's outcomes. */
export interface SyncSummary {
  selected: number;
  started: number;
  attached: number;
  /** Attaches after a lost trigger answer (see `SyncOutcome.lostAnswers`). */
  lost_answers: number;
  skipped: number;
  not_due: number;
  would_run: number;
  succeeded: number;
  failed: number;
  timed_out: number;
  stuck: number;
  interrupted: number;
  empty_syncs: number;
  alerts: number;
  records_committed: number;
  bytes_committed: number;
}

/**
 * Sums outcomes and picks the exit code: 130 when interrupted, else 0 when
 * nothing failed (not due and skipped count as fine), 3 when nothing that ran
 * succeeded, 2 otherwise.
 *
 * @param outcomes One per selected connection.
 * @param options Whether the run was interrupted.
 * @returns The counts and the exit code.
 * @example
 * ```ts
 * import { summarizeOutcomes } from "./sync-outcome.ts";
 * console.assert(summarizeOutcomes([], { interrupted: false }).outcome === "ok");
 * ```
 */
export function summarizeOutcomes(outcomes: readonly SyncOutcome[], options: { interrupted: boolean }): { summary: SyncSummary; outcome: Outcome } {
  const count = (f: (o: SyncOutcome) => boolean) => outcomes.filter(f).length;
  const summary: SyncSummary = {
    selected: outcomes.length,
    started: count((o) => o.trigger === "started"),
    attached: count((o) => o.trigger === "attached"),
    lost_answers: outcomes.reduce((n, o) => n + o.lostAnswers, 0),
    skipped: count((o) => o.trigger === "skipped"),
    not_due: count((o) => o.trigger === "not_due"),
    would_run: count((o) => o.status === "would_run"),
    succeeded: count((o) => classifyStatus(o.status) === "ok"),
    failed: count((o) => classifyStatus(o.status) === "failed"),
    timed_out: count((o) => o.status === "timed_out_cancelled" || o.status === "timed_out_orphaned"),
    stuck: count((o) => o.status === "stuck"),
    interrupted: count((o) => classifyStatus(o.status) === "interrupted"),
    empty_syncs: count((o) => o.flags.emptySync),
    alerts: count((o) => o.flags.alert),
    records_committed: outcomes.reduce((n, o) => n + o.recordsCommitted, 0),
    bytes_committed: outcomes.reduce((n, o) => n + o.bytesCommitted, 0),
  };
  const outcome: Outcome = options.interrupted || summary.interrupted > 0 ? "interrupted" : outcomeFromCounts(summary.succeeded, summary.failed);
  return { summary, outcome };
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * Turns an outcome into a report row (snake case, ISO times, nulls for unknowns).
 *
 * @param outcome The outcome.
 * @returns The row for the run report.
 * @example
 * ```ts ignore
 * const row = toReportRow(outcome);
 * ```
 */
export function toReportRow(outcome: SyncOutcome): SyncReportRow {
  const duration = outcome.startedAt !== undefined && outcome.endedAt !== undefined ? (outcome.endedAt - outcome.startedAt) / 1000 : null;
  return {
    tenant: outcome.tenant,
    connection_id: outcome.connectionId ?? null,
    connection_name: outcome.connectionName,
    template: outcome.template,
    provider: outcome.platform,
    trigger: outcome.trigger,
    status: outcome.status,
    reason: outcome.reason ?? null,
    job_id: outcome.jobId ?? null,
    job_ids: outcome.jobIds,
    attempts: outcome.attempts,
    airbyte_attempts: outcome.airbyteAttempts,
    lost_answers: outcome.lostAnswers,
    started_at: iso(outcome.startedAt),
    ended_at: iso(outcome.endedAt),
    duration_seconds: duration,
    records_committed: outcome.recordsCommitted,
    bytes_committed: outcome.bytesCommitted,
    failure_origin: outcome.failure?.origin ?? null,
    failure_type: outcome.failure?.type ?? null,
    failure_message: outcome.failure?.message ?? null,
    empty_sync: outcome.flags.emptySync,
    consecutive_failures: outcome.flags.consecutiveFailures,
    alert: outcome.flags.alert,
  };
}
