import type { RetryOptions } from "../core/mod.ts";
import type { RetryPolicy } from "./types.ts";

/**
 * A step's retry policy from orchestrator.yml as core retry options:
 * `backoff_seconds × backoff_multiplier^n`, capped at `max_backoff_seconds`,
 * plus up to 10 % of that as jitter (so a delay may pass the cap by 10 %).
 *
 * @param policy The step's `retry:` (seconds).
 * @param random Uniform draws in [0, 1) for the jitter. @default Math.random
 * @returns The options (in ms), without clock, signal or hooks.
 * @example
 * ```ts
 * import { stepRetryOptions } from "./step-retry-options.ts";
 * const options = stepRetryOptions({ max_attempts: 4, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 });
 * console.assert(options.maxAttempts === 4 && options.minTimeout === 60_000 && options.maxTimeout === 600_000);
 * ```
 */
export function stepRetryOptions(policy: RetryPolicy, random: () => number = Math.random): Omit<RetryOptions, "clock"> {
  return {
    maxAttempts: policy.max_attempts,
    // A first delay above the cap is the cap (min(cap, b × m^n) does not change).
    minTimeout: Math.min(policy.backoff_seconds, policy.max_backoff_seconds) * 1000,
    multiplier: policy.backoff_multiplier,
    maxTimeout: policy.max_backoff_seconds * 1000,
    jitter: (delay, draw) => delay + delay * 0.1 * draw,
    random,
  };
}
