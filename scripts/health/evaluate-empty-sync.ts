import type { ResolvedConnection } from "../config/mod.ts";
import { iso, isTerminal, newestFirst, RUNBOOK } from "./_shared.ts";
import type { HealthCheck, JobHistoryResult } from "./types.ts";

/**
 * Flags a connection whose data stopped flowing (seed 001: "telemetry
 * indicates unexpectedly empty syncs"): the newest finished job succeeded with
 * 0 records committed while an earlier success did commit records. A
 * connection that never committed anything is not flagged (an account with no
 * activity), and unknown record counts are not judged. The check stays bad
 * until a success commits records again; `since` is the first empty success.
 *
 * @param connection The connection.
 * @param history Its job history.
 * @returns The `empty_sync` check.
 * @example
 * ```ts
 * import { evaluateEmptySync } from "./evaluate-empty-sync.ts";
 * import { makeConnection } from "../config/testing.ts";
 * const job = (id: number, recordsCommitted: number) => ({ id, status: "succeeded" as const, createdAt: id, endedAt: id + 1, recordsCommitted, failure: undefined });
 * console.assert(evaluateEmptySync(makeConnection(), { ok: true, connectionId: "c", jobs: [job(2, 0), job(1, 50)] }).status === "empty_sync");
 * ```
 */
export function evaluateEmptySync(connection: ResolvedConnection, history: JobHistoryResult): HealthCheck {
  const base = { tenant: connection.tenant, check: "empty_sync" as const, subject: connection.name, runbook: RUNBOOK.airbyte };
  const finished = history.ok ? newestFirst(history.jobs).filter(isTerminal) : [];
  const newest = finished[0];
  const successes = finished.filter((j) => j.status === "succeeded");
  const lastWithData = successes.findIndex((j) => (j.recordsCommitted ?? 0) > 0);
  const empties = lastWithData < 0 ? [] : successes.slice(0, lastWithData);
  if (connection.status === "active" && newest?.status === "succeeded" && newest.recordsCommitted === 0 && lastWithData > 0 && empties.every((j) => j.recordsCommitted === 0)) {
    const first = empties[empties.length - 1] ?? newest;
    return {
      ...base,
      status: "empty_sync",
      severity: "warning",
      message: `${empties.length} successful sync(s) in a row committed 0 records (job ${newest.id} the latest); earlier syncs committed data`,
      since: iso(first.endedAt),
      details: { job_id: newest.id, empty_runs: empties.length, connection_id: history.ok ? history.connectionId : null },
    };
  }
  const message = !history.ok ? "Job history unavailable" : newest === undefined ? "No finished job" : `Job ${newest.id}: ${newest.recordsCommitted ?? "unknown"} records`;
  return { ...base, status: "ok", severity: "ok", message, since: null, details: {} };
}
