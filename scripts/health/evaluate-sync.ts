import type { PlatformConfig } from "../../schemas/platform.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import { formatDuration } from "../core/mod.ts";
import { iso, isTerminal, MINUTE, newestFirst, roundMinutes, RUNBOOK } from "./_shared.ts";
import { freshnessRule } from "./freshness-rule.ts";
import type { HealthCheck, JobHistoryResult, SyncJob, SyncStatus } from "./types.ts";

/** Options of {@link evaluateSync}. */
export interface EvaluateSyncOptions {
  /** The checker's clock reading (epoch ms), never the trigger time. */
  now: number;
  /** Platform config: schedule groups and SLA. */
  platform: PlatformConfig;
  /** The tenant's time zone (windows are tenant time). */
  timeZone: string;
}

function row(
  connection: ResolvedConnection,
  status: SyncStatus,
  fields: { message: string; since?: number | undefined; details?: Record<string, unknown> },
): HealthCheck {
  const severity = status === "ok" || status === "inactive" ? "ok" : status === "sync_failed" ? "critical" : "warning";
  return {
    tenant: connection.tenant,
    check: "airbyte_sync",
    subject: connection.name,
    status,
    severity,
    message: fields.message,
    since: iso(fields.since),
    runbook: RUNBOOK.airbyte,
    details: { template: connection.template, schedule_group: connection.scheduleGroup, ...fields.details },
  };
}

function jobFacts(job: SyncJob | undefined): Record<string, unknown> | null {
  if (job === undefined) return null;
  return { id: job.id, status: job.status, created_at: iso(job.createdAt), ended_at: iso(job.endedAt) };
}

/**
 * Judges one Airbyte connection's sync health from its job history (pure).
 * `ok` when the newest job succeeded and the data is fresh by the connection's
 * {@link freshnessRule} (inside the window: ended less than the SLA ago;
 * outside the window freshness is not judged). Otherwise, in this order:
 * `sync_failed` (the newest finished job failed or was cancelled),
 * `running_long` (a job runs past the connection's timeout), `no_recent_sync`
 * (no job ever, or none in the current window), `stale`. `inactive`
 * connections are not judged; `check_failed` when the history could not be read.
 *
 * @param connection The connection.
 * @param history Its job history.
 * @param options Clock reading, platform config and tenant time zone.
 * @returns The `airbyte_sync` check.
 * @example
 * ```ts
 * import { evaluateSync } from "./evaluate-sync.ts";
 * import { makeConnection, makePlatformConfig } from "../config/testing.ts";
 * const now = Date.UTC(2026, 10, 23, 17, 0);
 * const job = { id: 1, status: "succeeded" as const, createdAt: now - 600_000, endedAt: now - 300_000, recordsCommitted: 5, failure: undefined };
 * const check = evaluateSync(makeConnection(), { ok: true, connectionId: "c1", jobs: [job] }, { now, platform: makePlatformConfig(), timeZone: "America/Jamaica" });
 * console.assert(check.status === "ok");
 * ```
 */
export function evaluateSync(connection: ResolvedConnection, history: JobHistoryResult, options: EvaluateSyncOptions): HealthCheck {
  const { now } = options;
  if (connection.status === "inactive") return row(connection, "inactive", { message: "Connection is inactive; not checked" });
  if (!history.ok) {
    return row(connection, "check_failed", { message: `Cannot read the job history: ${history.message}`, details: { reason: history.reason } });
  }
  const jobs = newestFirst(history.jobs);
  const base = { connection_id: history.connectionId };
  const rule = freshnessRule(connection, options.platform, { now, timeZone: options.timeZone });
  const finished = jobs.filter(isTerminal);
  const newest = finished[0];
  const lastSuccess = finished.find((j) => j.status === "succeeded");
  const running = jobs[0] !== undefined && !isTerminal(jobs[0]) ? jobs[0] : undefined;
  let streak = 0;
  while (finished[streak] !== undefined && finished[streak]?.status !== "succeeded") streak += 1;
  const facts = {
    ...base,
    last_job: jobFacts(jobs[0]),
    last_success_at: iso(lastSuccess?.endedAt),
    age_minutes: lastSuccess?.endedAt === undefined ? null : roundMinutes(now - lastSuccess.endedAt),
    consecutive_failures: streak,
    in_window: rule.enforced,
    rule: rule.mode,
    fresh_minutes: rule.thresholdMinutes,
  };

  if (newest !== undefined && newest.status !== "succeeded") {
    const first = finished[streak - 1] ?? newest;
    const f = newest.failure;
    const what = f === undefined ? `job ${newest.id} ${newest.status}` : `job ${newest.id} ${newest.status} (${f.origin ?? "unknown"}/${f.type ?? "unknown"})`;
    return row(connection, "sync_failed", {
      message: `Sync ${what}${streak > 1 ? `, ${streak} failures in a row` : ""}${f?.message ? `: ${f.message}` : ""}`,
      since: first.endedAt ?? first.createdAt,
      details: { ...facts, job_id: newest.id, failure: f === undefined ? null : { origin: f.origin ?? null, type: f.type ?? null, message: f.message ?? null } },
    });
  }
  if (running !== undefined && now - running.createdAt > connection.timeoutMinutes * MINUTE) {
    return row(connection, "running_long", {
      message: `Job ${running.id} has been ${running.status} for ${formatDuration(now - running.createdAt)} (timeout ${connection.timeoutMinutes} min)`,
      since: running.createdAt + connection.timeoutMinutes * MINUTE,
      details: { ...facts, job_id: running.id },
    });
  }
  if (jobs.length === 0) {
    return row(connection, "no_recent_sync", { message: "No sync job has ever run", since: rule.deadline, details: facts });
  }
  if (!rule.enforced) {
    return row(connection, "ok", { message: "Outside the freshness window; not judged", since: lastSuccess?.endedAt, details: facts });
  }
  const successEnd = lastSuccess?.endedAt;
  const fresh = successEnd !== undefined &&
    (rule.mode === "age" ? now - successEnd < rule.thresholdMinutes * MINUTE : successEnd >= (rule.due ?? Infinity));
  if (fresh) {
    return row(connection, "ok", { message: `Last success ${formatDuration(now - successEnd)} ago`, since: successEnd, details: facts });
  }
  const inWindow = jobs.some((j) => j.createdAt >= (rule.windowStart ?? Infinity));
  const becameStale = rule.mode === "age" && successEnd !== undefined
    ? Math.max(successEnd + rule.thresholdMinutes * MINUTE, rule.deadline ?? 0)
    : rule.deadline;
  const last = successEnd === undefined ? "no successful sync on record" : `last success ${formatDuration(now - successEnd)} ago`;
  const limit = rule.mode === "age" ? `limit ${rule.thresholdMinutes} min` : `expected the run of ${iso(rule.due)}`;
  return row(connection, inWindow ? "stale" : "no_recent_sync", {
    message: inWindow ? `Data is stale: ${last} (${limit})` : `No sync in the current window: ${last} (${limit})`,
    since: becameStale,
    details: facts,
  });
}
