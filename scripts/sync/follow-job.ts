import type { Clock, Logger } from "../core/mod.ts";
import { cancelAndConfirm } from "./cancel-and-confirm.ts";
import { DEFAULT_POLL_POLICY, nextPollDelay, type PollPolicy, type PollState } from "./poll-schedule.ts";
import { DEFAULT_STUCK_POLICY } from "./stuck-policy.ts";
import { isSyncApiError, isTerminalStatus, type SyncApi, type SyncJob } from "./sync-api.ts";

/** How following a job ended. */
export type FollowResult =
  /** The job reached a terminal status. */
  | { kind: "ended"; job: SyncJob; polls: number; pollErrors: number }
  /** The deadline passed; the job was cancelled (`confirmed`) or may still run. */
  | { kind: "timed_out"; job: SyncJob; confirmed: boolean; polls: number; pollErrors: number }
  /** Counts stopped moving; the job was cancelled (`confirmed`) or may still run. */
  | { kind: "stuck"; job: SyncJob; confirmed: boolean; polls: number; pollErrors: number }
  /** The signal aborted; the job was left as it was. */
  | { kind: "interrupted"; job: SyncJob; polls: number; pollErrors: number };

/** Options of {@link followJob}. */
export interface FollowOptions {
  /** The clock. */
  clock: Clock;
  /** Where per-job diagnostics go (state changes are the caller's, via `onUpdate`). */
  log: Logger;
  /** Stops following (the job is left running). */
  signal?: AbortSignal;
  /** When the job must have ended (epoch ms); then it is cancelled. */
  deadline: number;
  /** The connection's usual duration (ms), when known. */
  expectedMs?: number | undefined;
  /** The polling policy (its min/max intervals also pace the backoff after poll errors). @default DEFAULT_POLL_POLICY */
  poll?: PollPolicy;
  /** The wait before each poll, for benches that compare schedules. @default `nextPollDelay(state, poll)` */
  pollDelay?: (state: PollState) => number;
  /** Polls without any change of records, bytes, attempts or status, while running, after which the job is stuck. @default 3 (DEFAULT_STUCK_POLICY) */
  stuckPolls?: number;
  /** And the least time without change before it is stuck (ms); no wait between polls is longer than `stuckMinMs / stuckPolls`. @default 300_000 (DEFAULT_STUCK_POLICY) */
  stuckMinMs?: number;
  /** Called after every successful read of the job, with the previous read. */
  onUpdate?: (job: SyncJob, previous: SyncJob) => void;
}

/** What progress looks like: a job whose fingerprint does not change is frozen. */
function counts(job: SyncJob): string {
  return `${job.status}/${job.attempts}/${job.recordsEmitted}/${job.bytesEmitted}/${job.recordsCommitted}/${job.bytesCommitted}`;
}

function isAbort(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * Follows one job to its end with adaptive polling (see `nextPollDelay`): it
 * sleeps to the connection's expected end when history gives one, else backs
 * off geometrically with the job's age. API errors (5xx, 429 with Retry-After, dropped
 * connections) back off and count against the job's call budget but never end
 * the follow by themselves. At the deadline the job is cancelled and the cancel
 * confirmed; a running job whose records, bytes, attempts and status do not
 * change for `stuckPolls` polls and `stuckMinMs` is reported stuck and
 * cancelled (waits are capped at `stuckMinMs / stuckPolls`, so by default a
 * frozen job is stuck within 10 minutes). On abort it returns at once.
 *
 * @param api The Airbyte port.
 * @param job The job as triggered or attached.
 * @param options Clock, deadline, policy, hooks.
 * @returns How it ended, with the last read of the job.
 * @example
 * ```ts ignore
 * const result = await followJob(api, job, { clock, log, deadline: clock.now() + 3_600_000 });
 * ```
 */
export async function followJob(api: SyncApi, job: SyncJob, options: FollowOptions): Promise<FollowResult> {
  const { clock, log, signal, deadline } = options;
  const policy = options.poll ?? DEFAULT_POLL_POLICY;
  const stuckPolls = options.stuckPolls ?? DEFAULT_STUCK_POLICY.stuckPolls;
  const stuckMinMs = options.stuckMinMs ?? DEFAULT_STUCK_POLICY.stuckMinMs;
  // A frozen job is only seen by polling: no wait may hide it for longer than a share of the stuck window.
  const stuckCheckMs = Math.ceil(stuckMinMs / stuckPolls);
  const ageBase = Math.min(job.createdAt, clock.now());
  let current = job;
  let polls = 0;
  let pollErrors = 0;
  let consecutiveErrors = 0;
  let errorWaitMs = 0;
  let lastCounts = counts(job);
  let unchangedPolls = 0;
  let unchangedSince = clock.now();

  for (;;) {
    if (isTerminalStatus(current.status)) return { kind: "ended", job: current, polls, pollErrors };
    if (isAbort(signal)) return { kind: "interrupted", job: current, polls, pollErrors };
    const now = clock.now();
    if (now >= deadline) {
      log.warn(`Deadline passed with the job ${current.status}; cancelling`, { job_id: current.id });
      const cancel = await cancelAndConfirm(api, current, { clock, log });
      if (cancel.job.status !== "cancelled" && isTerminalStatus(cancel.job.status)) return { kind: "ended", job: cancel.job, polls, pollErrors };
      return { kind: "timed_out", job: cancel.job, confirmed: cancel.confirmed, polls, pollErrors };
    }
    const state: PollState = { ageMs: now - ageBase, polls, expectedMs: options.expectedMs, remainingMs: deadline - now, maxWaitMs: stuckCheckMs };
    const planned = options.pollDelay === undefined ? nextPollDelay(state, policy) : options.pollDelay(state);
    const wait = Math.min(Math.max(planned, errorWaitMs), deadline - now);
    try {
      await clock.sleep(wait, signal);
    } catch {
      return { kind: "interrupted", job: current, polls, pollErrors };
    }
    polls += 1;
    let next: SyncJob;
    try {
      next = await api.getJob(current.id, signal === undefined ? {} : { signal });
    } catch (error) {
      if (isAbort(signal)) return { kind: "interrupted", job: current, polls, pollErrors };
      pollErrors += 1;
      consecutiveErrors += 1;
      const retryAfter = isSyncApiError(error) ? error.retryAfterMs ?? 0 : 0;
      errorWaitMs = Math.max(retryAfter, Math.min(policy.maxIntervalMs, policy.minIntervalMs * 2 ** consecutiveErrors));
      log.debug(`Poll failed (${consecutiveErrors} in a row): ${error instanceof Error ? error.message : String(error)}`, { job_id: current.id });
      if (consecutiveErrors === 5) log.warn(`Polling the job failed 5 times in a row; still following`, { job_id: current.id });
      continue;
    }
    consecutiveErrors = 0;
    errorWaitMs = 0;
    const previous = current;
    current = next;
    options.onUpdate?.(current, previous);
    const c = counts(current);
    if (current.status === "running" && c === lastCounts) {
      unchangedPolls += 1;
      if (unchangedPolls >= stuckPolls && clock.now() - unchangedSince >= stuckMinMs) {
        log.warn(`Records, bytes and attempts have not moved for ${unchangedPolls} polls (${Math.round((clock.now() - unchangedSince) / 1000)} s); cancelling as stuck`, { job_id: current.id });
        const cancel = await cancelAndConfirm(api, current, { clock, log });
        if (cancel.job.status !== "cancelled" && isTerminalStatus(cancel.job.status)) return { kind: "ended", job: cancel.job, polls, pollErrors };
        return { kind: "stuck", job: cancel.job, confirmed: cancel.confirmed, polls, pollErrors };
      }
    } else {
      lastCounts = c;
      unchangedPolls = 0;
      unchangedSince = clock.now();
    }
  }
}
