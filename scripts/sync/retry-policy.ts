import type { PlatformConfig } from "../../schemas/mod.ts";
import type { RetryOptions, RetryState } from "../core/mod.ts";
import type { JobFailure } from "./sync-api.ts";

/**
 * How failed syncs are retried (seed 001: base 2, at most 5 attempts, jitter;
 * config errors 300 s capped at 900 s): `platform.yml`'s `retry:` in ms, turned
 * into core retry options by {@link syncRetryOptions}.
 */
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

/** A failed attempt of a sync, thrown inside `syncConnection`'s retry for {@link syncRetryOptions} to judge. */
export class SyncAttemptError extends Error {
  /** Why it failed. */
  readonly failure: JobFailure;
  /** Our attempts so far, including the one that just failed (1-based). */
  readonly attempt: number;
  /** How many of our attempts so far failed with `config_error`, including this one. */
  readonly configErrors: number;

  /**
   * @param failure Why the attempt failed.
   * @param counts The attempt number and the config errors so far.
   */
  constructor(failure: JobFailure, counts: { attempt: number; configErrors: number }) {
    super(`Attempt ${counts.attempt} failed: ${failure.type ?? "unknown"}: ${failure.message ?? ""}`);
    this.name = "SyncAttemptError";
    this.failure = failure;
    this.attempt = counts.attempt;
    this.configErrors = counts.configErrors;
  }
}

function isBlindRepeat(error: SyncAttemptError): boolean {
  return error.failure.type === "config_error" && error.configErrors > 1 && error.failure.retryable !== true;
}

function configErrorDelay(policy: RetryPolicy, configErrors: number, random: () => number): number {
  const raw = Math.min(policy.configErrorCapMs, policy.configErrorBaseMs * policy.base ** (configErrors - 1));
  return Math.round(Math.min(policy.configErrorCapMs, policy.jitter ? raw * (1 + 0.1 * random()) : raw));
}

/**
 * The sync retry policy as core retry options. Ordinary failures back off
 * exponentially (`initialDelay × base^(attempt − 1)`, capped, full jitter).
 * A `config_error` waits `configErrorBase × base^(n − 1)` capped at
 * `configErrorCap` (plus up to 10 % jitter, still capped); after the first
 * one it is retried only when Airbyte marks the failure `retryable`, never
 * blindly. Only a {@link SyncAttemptError} is retried.
 *
 * @param policy The retry policy.
 * @param random Uniform draws in [0, 1) for the jitter. @default Math.random
 * @returns The options, without clock, signal or hook.
 * @example
 * ```ts
 * import { DEFAULT_RETRY_POLICY, SyncAttemptError, syncRetryOptions } from "./retry-policy.ts";
 * const options = syncRetryOptions(DEFAULT_RETRY_POLICY, () => 0);
 * const failure = { origin: "source", type: "config_error", message: "Bad token", retryable: false };
 * console.assert(options.retryAfter?.(new SyncAttemptError(failure, { attempt: 1, configErrors: 1 })) === 300_000);
 * console.assert(!options.isRetriable?.(new SyncAttemptError(failure, { attempt: 2, configErrors: 2 })));
 * ```
 */
export function syncRetryOptions(policy: RetryPolicy, random: () => number = Math.random): Omit<RetryOptions, "clock"> {
  return {
    maxAttempts: policy.maxAttempts,
    minTimeout: Math.min(policy.initialDelayMs, policy.maxDelayMs),
    multiplier: policy.base,
    maxTimeout: policy.maxDelayMs,
    jitter: policy.jitter ? (delay, draw) => Math.round(delay * draw) : 0,
    random,
    isRetriable: (error) => error instanceof SyncAttemptError && !isBlindRepeat(error),
    retryAfter: (error) => (error instanceof SyncAttemptError && error.failure.type === "config_error" ? configErrorDelay(policy, error.configErrors, random) : undefined),
  };
}

/**
 * What to log before a retry of a sync.
 *
 * @param state The retry about to happen (from `onRetry`).
 * @returns The log line.
 * @example
 * ```ts
 * import { describeRetry } from "./retry-policy.ts";
 * console.assert(describeRetry({ attempt: 1, delay: 30_000, error: new Error("Boom") }) === "Attempt 1 failed; retrying in 30 s");
 * ```
 */
export function describeRetry(state: RetryState): string {
  const { error, delay } = state;
  if (error instanceof SyncAttemptError && error.failure.type === "config_error") {
    return `Configuration error (${error.configErrors}): retrying in ${Math.round(delay / 1000)} s`;
  }
  return `Attempt ${state.attempt} failed; retrying in ${Math.round(delay / 1000)} s`;
}

/**
 * Why a failed sync attempt is not retried: the attempts ran out, or a
 * repeated configuration error is not retried blindly.
 *
 * @param policy The retry policy.
 * @param error The last attempt's failure.
 * @returns The reason, for the outcome; undefined when the failure would be retried.
 * @example
 * ```ts
 * import { DEFAULT_RETRY_POLICY, giveUpReason, SyncAttemptError } from "./retry-policy.ts";
 * const failure = { origin: "source", type: "system_error", message: "Boom", retryable: true };
 * console.assert(giveUpReason(DEFAULT_RETRY_POLICY, new SyncAttemptError(failure, { attempt: 5, configErrors: 0 })) === "Gave up after 5 attempts (max 5)");
 * console.assert(giveUpReason(DEFAULT_RETRY_POLICY, new SyncAttemptError(failure, { attempt: 1, configErrors: 0 })) === undefined);
 * ```
 */
export function giveUpReason(policy: RetryPolicy, error: SyncAttemptError): string | undefined {
  if (error.attempt >= policy.maxAttempts) return `Gave up after ${error.attempt} attempt${error.attempt === 1 ? "" : "s"} (max ${policy.maxAttempts})`;
  if (isBlindRepeat(error)) return `Configuration error ${error.configErrors} times; not retried blindly (fix the connector configuration)`;
  return undefined;
}
