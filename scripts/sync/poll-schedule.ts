/** How jobs are polled: short at first, longer for long jobs, bounded per job. */
export interface PollPolicy {
  /** Shortest wait between two polls. @default 5_000 */
  minIntervalMs: number;
  /** Longest wait between two polls. @default 60_000 */
  maxIntervalMs: number;
  /** The wait grows with the job's age: `age * growth` (clamped). @default 0.25 */
  growth: number;
  /** Near the expected end the wait is `expected * lateGrowth`; after it `age * lateGrowth + overrun * growth` (clamped). @default 0.03 */
  lateGrowth: number;
  /** Polls turn brisk from this fraction of the expected duration (history is only an estimate). @default 0.8 */
  window: number;
  /** How far past the expected end the landing poll is placed. @default 1_000 */
  landingMs: number;
  /** Most status calls per job, errors included; waits stretch so the budget lasts until the deadline. @default 120 */
  maxPollsPerJob: number;
}

/** The default polling policy. */
export const DEFAULT_POLL_POLICY: PollPolicy = {
  minIntervalMs: 5_000,
  maxIntervalMs: 60_000,
  growth: 0.25,
  lateGrowth: 0.03,
  window: 0.8,
  landingMs: 1_000,
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
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The wait before the next poll of a job. It grows with the job's age, so a
 * job of seconds is seen ending within a second or two and a job of an hour
 * costs a few dozen calls. When the connection's usual duration is known,
 * polls turn brisk from 80% of it, one lands just after the expected end, and
 * they stay brisk (growing slowly) until the job ends. The wait never passes the deadline, and once waits are long it
 * stretches them so that the call budget lasts until the deadline.
 *
 * @param state The job's age, polls, expected duration and time left.
 * @param policy The polling policy. @default DEFAULT_POLL_POLICY
 * @returns The wait in ms (0 means poll now).
 * @example
 * ```ts
 * import { nextPollDelay } from "./poll-schedule.ts";
 * console.assert(nextPollDelay({ ageMs: 0, polls: 0, expectedMs: undefined, remainingMs: 3_600_000 }) === 5_000);
 * console.assert(nextPollDelay({ ageMs: 600_000, polls: 20, expectedMs: undefined, remainingMs: 3_000_000 }) === 60_000);
 * ```
 */
export function nextPollDelay(state: PollState, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
  const { ageMs, expectedMs } = state;
  const remaining = Math.max(0, state.remainingMs);
  let delay = clamp(ageMs * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
  if (expectedMs !== undefined) {
    const windowAt = expectedMs * policy.window;
    if (ageMs < windowAt && windowAt - ageMs >= policy.minIntervalMs) {
      delay = Math.min(delay, windowAt - ageMs);
    } else if (ageMs < expectedMs) {
      delay = clamp(expectedMs * policy.lateGrowth, policy.minIntervalMs, policy.maxIntervalMs);
      if (ageMs + delay > expectedMs) delay = expectedMs - ageMs + policy.landingMs;
    } else {
      // Brisk right after the expected end, back to ordinary growth as the overrun grows.
      delay = clamp(ageMs * policy.lateGrowth + (ageMs - expectedMs) * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
    }
  }
  const budgetLeft = policy.maxPollsPerJob - state.polls;
  if (budgetLeft <= 1) return remaining;
  // Stretch only once the waits are long anyway (or the budget runs low), so short jobs keep short waits.
  if (delay >= policy.maxIntervalMs || budgetLeft - 1 < policy.maxPollsPerJob / 4) delay = Math.max(delay, remaining / (budgetLeft - 1));
  return Math.round(Math.min(delay, remaining));
}
