import type { ResolvedConnection } from "../config/types.ts";
import { iso, isTerminal, newestFirst, RUNBOOK } from "./_shared.ts";
import type { HealthCheck, JobHistoryResult } from "./types.ts";

/**
 * Flags a connection whose newest finished job succeeded but committed no
 * records (seed 001: "telemetry indicates unexpectedly empty syncs"). Unknown
 * record counts are not judged.
 *
 * @param connection The connection.
 * @param history Its job history.
 * @returns The `empty_sync` check.
 * @example
 * ```ts
 * import { evaluateEmptySync } from "./evaluate-empty-sync.ts";
 * import { makeConnection } from "../config/testing.ts";
 * const job = { id: 7, status: "succeeded" as const, createdAt: 0, endedAt: 1, recordsCommitted: 0, failure: undefined };
 * console.assert(evaluateEmptySync(makeConnection(), { ok: true, connectionId: "c", jobs: [job] }).status === "empty_sync");
 * ```
 */
export function evaluateEmptySync(connection: ResolvedConnection, history: JobHistoryResult): HealthCheck {
  const base = { tenant: connection.tenant, check: "empty_sync" as const, subject: connection.name, runbook: RUNBOOK.airbyte };
  const newest = history.ok ? newestFirst(history.jobs).find(isTerminal) : undefined;
  if (connection.status === "active" && newest?.status === "succeeded" && newest.recordsCommitted === 0) {
    return {
      ...base,
      status: "empty_sync",
      severity: "warning",
      message: `Job ${newest.id} succeeded but committed 0 records`,
      since: iso(newest.endedAt),
      details: { job_id: newest.id, connection_id: history.ok ? history.connectionId : null },
    };
  }
  return { ...base, status: "ok", severity: "ok", message: newest === undefined ? "No finished job" : `Job ${newest.id}: ${newest.recordsCommitted ?? "unknown"} records`, since: null, details: {} };
}
