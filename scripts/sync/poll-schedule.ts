/** How jobs are polled: sleep to the expected end when history says when, back off geometrically when not. */
export interface PollPolicy {
  /** Shortest wait between two polls. @default 5_000 */
  minIntervalMs: number;
  /** Longest wait between two polls (the sleep to the window, bounded only by the deadline, excepted). @default 60_000 */
  maxIntervalMs: number;
  /** Without history the wait is `age * growth` (clamped), so poll times grow geometrically; past the expected end the overrun grows the wait by as much. @default 0.25 */
  growth: number;
  /** With history the first poll lands at this fraction of the expected duration (history is only an estimate). @default 0.8 */
  window: number;
  /** From the window on, polls are `expected * brisk` apart (clamped), plus the overrun's growth once the expected end has passed. @default 0.08 */
  brisk: number;
  /** Most status calls per job, errors included; waits stretch so the budget lasts until the deadline. @default 120 */
  maxPollsPerJob: number;
}

/** The default polling policy. */
export const DEFAULT_POLL_POLICY: PollPolicy = {
  minIntervalMs: 5_000,
  maxIntervalMs: 60_000,
  growth: 0.25,
  window: 0.8,
  brisk: 0.08,
  maxPollsPerJob: 120,
};

/** Where a followed job stands, for {@link nextPollDelay}. */
export interface PollState {
  /** Time since the job was created or attached (ms). */
  ageMs: number;
  /** Polls made so far for this job. */
  polls: number;
  /** Expected duration from the connection's history (ms), when known. */
  expectedMs: number | undefined;
  /** Time left until the job's deadline (ms). */
  remainingMs: number;
  /** Longest wait, below the sleep to the window (the follower's stuck check); the call budget may still stretch it. @default no cap */
  maxWaitMs?: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The wait before the next poll of a job.
 *
 * - With the connection's usual duration known, it sleeps straight to the
 *   window (80% of it, less the job's age), then polls briskly (8% of it
 *   apart) around the expected end, and if the job overruns the waits grow
 *   again with the overrun.
 * - Without history it backs off geometrically: 5 s at first, then a quarter
 *   of the job's age, up to 60 s.
 *
 * The wait never passes the deadline and never `maxWaitMs` (the stuck check),
 * and once waits are long (or the budget runs low) it stretches them so that
 * the call budget lasts until the deadline.
 *
 * @param state The job's age, polls, expected duration and time left.
 * @param policy The polling policy. @default DEFAULT_POLL_POLICY
 * @returns The wait in ms (0 means poll now).
 * @example
 * ```ts
 * import { nextPollDelay } from "./poll-schedule.ts";
 * console.assert(nextPollDelay({ ageMs: 0, polls: 0, expectedMs: undefined, remainingMs: 3_600_000 }) === 5_000);
 * console.assert(nextPollDelay({ ageMs: 600_000, polls: 20, expectedMs: undefined, remainingMs: 3_000_000 }) === 60_000);
 * console.assert(nextPollDelay({ ageMs: 2_000, polls: 0, expectedMs: 600_000, remainingMs: 3_600_000 }) === 478_000);
 * ```
 */
export function nextPollDelay(state: PollState, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
  const { ageMs, expectedMs } = state;
  const remaining = Math.max(0, state.remainingMs);
  let delay: number;
  if (expectedMs === undefined) {
    delay = clamp(ageMs * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
  } else if (expectedMs * policy.window - ageMs >= policy.minIntervalMs) {
    delay = expectedMs * policy.window - ageMs;
  } else {
    const overrun = Math.max(0, ageMs - expectedMs);
    delay = clamp(expectedMs * policy.brisk + overrun * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
  }
  if (state.maxWaitMs !== undefined) delay = Math.min(delay, Math.max(state.maxWaitMs, policy.minIntervalMs));
  const budgetLeft = policy.maxPollsPerJob - state.polls;
  if (budgetLeft <= 1) return remaining;
  // Stretch only once the waits are long anyway (or the budget runs low), so short jobs keep short waits.
  if (delay >= policy.maxIntervalMs || budgetLeft - 1 < policy.maxPollsPerJob / 4) delay = Math.max(delay, remaining / (budgetLeft - 1));
  return Math.round(Math.min(delay, remaining));
}
