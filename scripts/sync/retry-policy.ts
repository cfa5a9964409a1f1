import type { PlatformConfig } from "../../schemas/mod.ts";
import type { JobFailure } from "./sync-api.ts";

/** How failed syncs are retried (seed 001: base 2, at most 5 attempts, jitter; config errors 300 s capped at 900 s). */
export interface RetryPolicy {
  /** Exponential base. @default 2 */
  base: number;
  /** Attempts per connection and run, including the first (ours, not Airbyte's). @default 5 */
  maxAttempts: number;
  /** Full jitter on ordinary delays (a uniform draw in [0, delay]). @default true */
  jitter: boolean;
  /** Delay before the first ordinary retry. @default 30_000 */
  initialDelayMs: number;
  /** Cap of one ordinary delay. @default 900_000 */
  maxDelayMs: number;
  /** Delay after the first `config_error`. @default 300_000 */
  configErrorBaseMs: number;
  /** Cap of config-error delays. @default 900_000 */
  configErrorCapMs: number;
}

/** The seed's policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  base: 2,
  maxAttempts: 5,
  jitter: true,
  initialDelayMs: 30_000,
  maxDelayMs: 900_000,
  configErrorBaseMs: 300_000,
  configErrorCapMs: 900_000,
};

/**
 * Reads the retry policy from `platform.yml` (`retry:`).
 *
 * @param retry The platform config's retry section.
 * @returns The policy in milliseconds.
 * @example
 * ```ts
 * import { retryPolicyFromConfig } from "./retry-policy.ts";
 * const p = retryPolicyFromConfig({ base: 2, max_attempts: 5, jitter: true, config_error: { base_seconds: 300, cap_seconds: 900 } });
 * console.assert(p.configErrorBaseMs === 300_000 && p.initialDelayMs === 30_000);
 * ```
 */
export function retryPolicyFromConfig(retry: PlatformConfig["retry"]): RetryPolicy {
  return {
    base: retry.base,
    maxAttempts: retry.max_attempts,
    jitter: retry.jitter,
    initialDelayMs: (retry.initial_delay_seconds ?? 30) * 1000,
    maxDelayMs: (retry.max_delay_seconds ?? 900) * 1000,
    configErrorBaseMs: retry.config_error.base_seconds * 1000,
    configErrorCapMs: retry.config_error.cap_seconds * 1000,
  };
}

/** Whether to try again after a failed attempt, and after how long. */
export type RetryVerdict = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** What {@link decideRetry} looks at. */
export interface RetryState {
  /** Our attempts so far, including the one that just failed (1-based). */
  attempt: number;
  /** Why it failed. */
  failure: JobFailure | undefined;
  /** How many of our attempts so far failed with `config_error`, including this one. */
  configErrors: number;
}

/**
 * Decides whether a failed attempt is retried. Ordinary failures back off
 * exponentially (`initialDelay * base^(attempt-1)`, capped, full jitter).
 * A `config_error` waits `configErrorBase * base^(n-1)` capped at `configErrorCap`
 * (plus up to 10% jitter, still capped); after the first one it is retried only
 * when Airbyte marks the failure `retryable`, never blindly.
 *
 * @param policy The retry policy.
 * @param state The attempt, its failure and the config-error count.
 * @param random A uniform draw in [0, 1) (injected for tests). @default Math.random
 * @returns The verdict.
 * @example
 * ```ts
 * import { DEFAULT_RETRY_POLICY, decideRetry } from "./retry-policy.ts";
 * const failure = { origin: "source", type: "config_error", message: "Bad token", retryable: false };
 * const first = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 1, failure, configErrors: 1 }, () => 0);
 * console.assert(first.retry && first.delayMs === 300_000);
 * console.assert(!decideRetry(DEFAULT_RETRY_POLICY, { attempt: 2, failure, configErrors: 2 }).retry);
 * ```
 */
export function decideRetry(policy: RetryPolicy, state: RetryState, random: () => number = Math.random): RetryVerdict {
  if (state.attempt >= policy.maxAttempts) {
    return { retry: false, reason: `Gave up after ${state.attempt} attempt${state.attempt === 1 ? "" : "s"} (max ${policy.maxAttempts})` };
  }
  if (state.failure?.type === "config_error") {
    if (state.configErrors > 1 && state.failure.retryable !== true) {
      return { retry: false, reason: `Configuration error ${state.configErrors} times; not retried blindly (fix the connector configuration)` };
    }
    const raw = Math.min(policy.configErrorCapMs, policy.configErrorBaseMs * policy.base ** (state.configErrors - 1));
    const delayMs = Math.round(Math.min(policy.configErrorCapMs, policy.jitter ? raw * (1 + 0.1 * random()) : raw));
    return { retry: true, delayMs, reason: `Configuration error (${state.configErrors}): retrying in ${Math.round(delayMs / 1000)} s` };
  }
  const raw = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.base ** (state.attempt - 1));
  const delayMs = Math.round(policy.jitter ? raw * random() : raw);
  return { retry: true, delayMs, reason: `Attempt ${state.attempt} failed; retrying in ${Math.round(delayMs / 1000)} s` };
}
