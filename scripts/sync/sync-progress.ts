import { formatBytes } from "../core/mod.ts";
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
