/** How a status word reads: good, worth a look, bad, or neither. */
export type StatusTone = "ok" | "warning" | "error" | "neutral";

const OK = new Set(["ok", "success", "succeeded", "successful", "pass", "passed", "healthy", "unchanged", "created", "updated", "applied", "done", "completed", "fresh"]);
const WARNING = new Set([
  "warn", "warning", "stale", "partial", "degraded", "running_long", "cadence_drift", "no_recent_sync", "artifact_missing",
  "cancelled", "canceled", "incomplete", "interrupted", "pending", "drift", "check_failed", "empty_sync", "unknown_status",
  "running",
  "volume_spike", "volume_drop", "volume_decline", "transform_lag",
]);
const ERROR = new Set([
  "error", "errored", "fail", "failed", "failure", "failing", "sync_failed", "down", "timeout", "timed_out",
  "config_error", "internal_error", "runtime error", "critical", "fatal",
  "timed_out_cancelled", "timed_out_orphaned", "stuck", "not_found",
  "volume_zero",
]);

/**
 * Classifies a status word from any adops report row (sync, dbt, health, run
 * status) so renderers and annotations agree on what is bad.
 *
 * @param status The word; anything not a string is neutral.
 * @returns The tone.
 * @example
 * ```ts
 * import { classifyStatus } from "./classify-status.ts";
 * console.assert(classifyStatus("sync_failed") === "error");
 * console.assert(classifyStatus("stale") === "warning");
 * ```
 */
export function classifyStatus(status: unknown): StatusTone {
  if (typeof status !== "string") return "neutral";
  const word = status.trim().toLowerCase();
  if (OK.has(word)) return "ok";
  if (ERROR.has(word)) return "error";
  if (WARNING.has(word)) return "warning";
  return "neutral";
}

/**
 * The status of a report row: its `status`, else `outcome`, else `result`.
 *
 * @param row The row.
 * @returns The status word, or undefined.
 * @example
 * ```ts
 * import { rowStatus } from "./classify-status.ts";
 * console.assert(rowStatus({ outcome: "failed" }) === "failed");
 * ```
 */
export function rowStatus(row: Record<string, unknown>): string | undefined {
  for (const key of ["status", "outcome", "result"]) {
    const value = row[key];
    if (typeof value === "string") return value;
  }
  return undefined;
}

/**
 * The tenant of a report row: `tenant`, `tenant_id` or `tenant_slug`.
 *
 * @param row The row.
 * @returns The tenant slug, or undefined.
 * @example
 * ```ts
 * import { rowTenant } from "./classify-status.ts";
 * console.assert(rowTenant({ tenant_id: "acme" }) === "acme");
 * ```
 */
export function rowTenant(row: Record<string, unknown>): string | undefined {
  for (const key of ["tenant", "tenant_id", "tenant_slug"]) {
    const value = row[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * How a row reads: the worse of its status word and its `severity` (health
 * rows carry both, e.g. status `stale` with severity `critical`).
 *
 * @param row The row.
 * @returns The tone.
 * @example
 * ```ts
 * import { rowTone } from "./classify-status.ts";
 * console.assert(rowTone({ status: "stale", severity: "critical" }) === "error");
 * console.assert(rowTone({ status: "not_checked", severity: "ok" }) === "neutral");
 * ```
 */
export function rowTone(row: Record<string, unknown>): StatusTone {
  const byStatus = classifyStatus(rowStatus(row));
  const bySeverity = classifyStatus(row.severity);
  if (bySeverity === "error" || (bySeverity === "warning" && byStatus !== "error")) return bySeverity;
  return byStatus;
}
