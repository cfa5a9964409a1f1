import { classifyStatus, type SyncOutcome } from "./sync-outcome.ts";
import { isTerminalStatus, type SyncJob } from "./sync-api.ts";

/** Live counts of a sync run, for the periodic progress line. */
export interface SyncProgress {
  /** Records the latest read of a job. */
  updateJob(job: SyncJob): void;
  /** Records a finished connection. */
  finish(outcome: SyncOutcome): void;
  /** Whether any followed job is still in progress. */
  active(): boolean;
  /** One line: running jobs, finished connections, records and bytes so far. */
  line(): string;
}

/**
 * Formats a byte count for people.
 *
 * @param bytes The count.
 * @returns E.g. `1.5 MB`.
 * @example
 * ```ts
 * import { formatBytes } from "./sync-progress.ts";
 * console.assert(formatBytes(1_500_000) === "1.5 MB" && formatBytes(12) === "12 B");
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Builds the progress tracker of a run of `total` connections.
 *
 * @param total How many connections were selected.
 * @returns The tracker.
 * @example
 * ```ts
 * import { createSyncProgress } from "./sync-progress.ts";
 * const p = createSyncProgress(3);
 * console.assert(p.line().startsWith("0 running"));
 * ```
 */
export function createSyncProgress(total: number): SyncProgress {
  const jobs = new Map<number, SyncJob>();
  let ok = 0;
  let failed = 0;
  let other = 0;
  return {
    updateJob(job) {
      jobs.set(job.id, job);
    },
    finish(outcome) {
      const kind = classifyStatus(outcome.status);
      if (kind === "ok") ok += 1;
      else if (kind === "failed") failed += 1;
      else other += 1;
    },
    active() {
      return [...jobs.values()].some((j) => !isTerminalStatus(j.status));
    },
    line() {
      const all = [...jobs.values()];
      const running = all.filter((j) => !isTerminalStatus(j.status)).length;
      const records = all.reduce((n, j) => n + Math.max(j.recordsEmitted, j.recordsCommitted), 0);
      const bytes = all.reduce((n, j) => n + Math.max(j.bytesEmitted, j.bytesCommitted), 0);
      const done = ok + failed + other;
      return `${running} running, ${done}/${total} done (${ok} succeeded, ${failed} failed); ${records.toLocaleString("en-US")} records, ${formatBytes(bytes)} so far`;
    },
  };
}
