import type { SyncJob } from "./sync-api.ts";

/**
 * Counts the failed (or cancelled) sync jobs at the head of a connection's job
 * history, newest first, up to the newest success. Jobs still in progress are
 * skipped. The runbook alerts at 2.
 *
 * @param history Jobs, newest first (any order is sorted).
 * @returns The number of consecutive failures.
 * @example
 * ```ts
 * import { consecutiveFailures } from "./job-history.ts";
 * const job = (id: number, status: "failed" | "succeeded") => ({ id, status, createdAt: id }) as never;
 * console.assert(consecutiveFailures([job(3, "failed"), job(2, "failed"), job(1, "succeeded")]) === 2);
 * ```
 */
export function consecutiveFailures(history: readonly SyncJob[]): number {
  let count = 0;
  for (const job of [...history].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)) {
    if (job.status === "succeeded") break;
    if (job.status === "failed" || job.status === "cancelled") count += 1;
  }
  return count;
}

/**
 * Whether a succeeded job is an unexpectedly empty sync: it committed no
 * records while the previous successful jobs did.
 *
 * @param job The job that just ended.
 * @param previous Earlier jobs (any order); the newest 3 successes are looked at.
 * @returns True when `job` succeeded with 0 records and a recent success had records.
 * @example
 * ```ts
 * import { isEmptySync } from "./job-history.ts";
 * const ok = (id: number, recordsCommitted: number) => ({ id, status: "succeeded", createdAt: id, recordsCommitted }) as never;
 * console.assert(isEmptySync(ok(3, 0), [ok(2, 120), ok(1, 80)]));
 * console.assert(!isEmptySync(ok(3, 0), []));
 * ```
 */
export function isEmptySync(job: SyncJob, previous: readonly SyncJob[]): boolean {
  if (job.status !== "succeeded" || job.recordsCommitted > 0) return false;
  const earlier = previous
    .filter((j) => j.id !== job.id && j.status === "succeeded")
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, 3);
  return earlier.some((j) => j.recordsCommitted > 0);
}

/**
 * How long a sync of this connection is expected to take: the median duration
 * of its recent successful jobs. The poller uses it to sleep through most of a
 * long job and to land right after its expected end.
 *
 * @param history Jobs (any order).
 * @returns The median duration in ms, or undefined without 1 usable success.
 * @example
 * ```ts
 * import { expectedDurationMs } from "./job-history.ts";
 * const ok = (id: number, ms: number) => ({ id, status: "succeeded", createdAt: 0, updatedAt: ms, endedAt: ms }) as never;
 * console.assert(expectedDurationMs([ok(1, 60_000), ok(2, 90_000), ok(3, 600_000)]) === 90_000);
 * ```
 */
export function expectedDurationMs(history: readonly SyncJob[]): number | undefined {
  const durations = history
    .filter((j) => j.status === "succeeded")
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, 5)
    .map((j) => (j.endedAt ?? j.updatedAt) - j.createdAt)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  if (durations.length === 0) return undefined;
  return durations[Math.floor((durations.length - 1) / 2)];
}
