import type { RetryPolicy } from "./types.ts";

/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** A number in [0, 1), injected so tests are exact. @default Math.random */
  random?: () => number;
  /** Jitter as a share of the capped delay: up to this much is added. @default 0.1 */
  jitterRatio?: number;
}

/**
 * Seconds to wait before retry number `retry` (0 for the first retry):
 * `backoff_seconds × backoff_multiplier^retry`, capped at
 * `max_backoff_seconds`, plus up to `jitterRatio` of that as jitter.
 *
 * @param policy The step's retry policy.
 * @param retry 0 before the second attempt, 1 before the third, ...
 * @param options Randomness and jitter.
 * @returns The delay in seconds.
 * @throws {RangeError} When `retry` is negative or not an integer.
 * @example
 * ```ts
 * import { backoffDelay } from "./backoff-delay.ts";
 * const policy = { max_attempts: 4, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 };
 * console.assert(backoffDelay(policy, 2, { random: () => 0 }) === 240);
 * ```
 */
export function backoffDelay(policy: RetryPolicy, retry: number, options: BackoffOptions = {}): number {
  if (!Number.isInteger(retry) || retry < 0) throw new RangeError(`Cannot compute backoff for retry '${retry}': must be an integer >= 0`);
  const random = options.random ?? Math.random;
  const ratio = options.jitterRatio ?? 0.1;
  const base = Math.min(policy.backoff_seconds * policy.backoff_multiplier ** retry, policy.max_backoff_seconds);
  return base + base * ratio * random();
}
