import type { Clock } from "./clock.ts";
import { backoffDelay, type JitterFunction } from "./_backoff.ts";

export type { JitterFunction } from "./_backoff.ts";

/** State handed to {@link RetryOptions.onRetry}: an attempt failed and is retried after `delay`. */
export interface RetryState {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** Milliseconds until the next attempt. */
  delay: number;
  /** What the attempt threw. */
  error: unknown;
}

/** Options of {@link retry}. The shape of Deno std's `async/retry.ts`, plus a clock, Retry-After and a hook. */
export interface RetryOptions {
  /**
   * Attempts, the first one included.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * Delay before the first retry, in ms (before jitter).
   * @default 1000
   */
  minTimeout?: number;
  /**
   * Each further delay is this many times the previous one.
   * @default 2
   */
  multiplier?: number;
  /**
   * Cap of one backoff delay, in ms (before jitter).
   * @default 60_000
   */
  maxTimeout?: number;
  /**
   * Randomness of each delay: a share from 0 to 1 (the delay is drawn from
   * `[delay × (1 − jitter), delay)`, so 1 is "full jitter" and 0 none), or a
   * function of the capped delay and a draw in [0, 1).
   * @default 1
   * @example `(delay, draw) => delay * (1 + 0.1 * draw)` adds up to 10 %
   */
  jitter?: number | JitterFunction;
  /**
   * Uniform draws in [0, 1) for the jitter, injected so tests are exact.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Whether a failure may be retried; `false` throws the error as it is.
   * @default () => true
   */
  isRetriable?: (error: unknown) => boolean;
  /**
   * The delay a failure asks for, in ms, used instead of the backoff (and
   * without jitter): a server's `Retry-After` carried by the error, or a
   * domain rule. `undefined` keeps the backoff.
   * @default () => undefined
   */
  retryAfter?: (error: unknown) => number | undefined;
  /**
   * Longest delay `retryAfter` may ask for; a longer one is not waited and
   * the error is thrown as it is.
   * @default Infinity
   */
  maxRetryAfter?: number;
  /** Stops waiting and retrying; the signal's reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Every wait goes through it (a fake one in tests). */
  clock: Clock;
  /** Called before each wait, for logs and reports; awaited. */
  onRetry?: (state: RetryState) => void | Promise<void>;
}

/** Every attempt failed; `cause` is the last attempt's error. */
export class RetryError extends Error {
  /** Attempts made. */
  readonly attempts: number;

  /**
   * @param cause The last attempt's error.
   * @param attempts Attempts made.
   */
  constructor(cause: unknown, attempts: number) {
    super(`Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "RetryError";
    this.attempts = attempts;
  }
}

/**
 * Whether a value is a {@link RetryError}.
 *
 * @param error Anything caught.
 * @returns True for a RetryError.
 * @example
 * ```ts
 * import { isRetryError, RetryError } from "./retry.ts";
 * console.assert(isRetryError(new RetryError(new Error("Boom"), 3)));
 * ```
 */
export function isRetryError(error: unknown): error is RetryError {
  return error instanceof RetryError;
}

function check(ok: boolean, name: string, rule: string, value: unknown): void {
  if (!ok) throw new RangeError(`Cannot retry: '${name}' must be ${rule}, got '${String(value)}'`);
}

/**
 * Calls `fn` until it resolves, at most `maxAttempts` times, waiting an
 * exponential, jittered backoff on the injected clock between attempts. A
 * failure `isRetriable` rejects, or whose `retryAfter` exceeds
 * `maxRetryAfter`, is thrown as it is; when the attempts run out a
 * {@link RetryError} is thrown with the last error as `cause`. An aborted
 * `signal` stops at once with its reason.
 *
 * @param fn One attempt; receives its number (1 for the first).
 * @param options Attempts, backoff, predicates, signal, clock and hook.
 * @returns What `fn` resolved with.
 * @throws {RangeError} When an option is out of range (checked before the first attempt).
 * @throws {RetryError} When every attempt failed.
 * @example
 * ```ts
 * import { createFakeClock } from "./fake-clock.ts";
 * import { retry } from "./retry.ts";
 * let calls = 0;
 * const value = await retry(() => (++calls < 3 ? Promise.reject(new Error("Flaky")) : Promise.resolve("ok")), { clock: createFakeClock() });
 * console.assert(value === "ok" && calls === 3);
 * ```
 */
export async function retry<T>(fn: (attempt: number) => Promise<T> | T, options: RetryOptions): Promise<T> {
  const {
    maxAttempts = 5,
    minTimeout = 1000,
    multiplier = 2,
    maxTimeout = 60_000,
    jitter = 1,
    random = Math.random,
    isRetriable = () => true,
    retryAfter = () => undefined,
    maxRetryAfter = Infinity,
    signal,
    clock,
    onRetry,
  } = options;
  check(Number.isInteger(maxAttempts) && maxAttempts >= 1, "maxAttempts", "a positive integer", maxAttempts);
  check(Number.isFinite(minTimeout) && minTimeout >= 0, "minTimeout", "a finite number >= 0", minTimeout);
  check(Number.isFinite(multiplier) && multiplier >= 1, "multiplier", "a finite number >= 1", multiplier);
  check(maxTimeout >= 0, "maxTimeout", "a number >= 0", maxTimeout);
  check(minTimeout <= maxTimeout, "minTimeout", `<= maxTimeout (${maxTimeout})`, minTimeout);
  check(typeof jitter === "function" || (jitter >= 0 && jitter <= 1), "jitter", "a number from 0 to 1 or a function", jitter);
  check(maxRetryAfter >= 0, "maxRetryAfter", "a number >= 0", maxRetryAfter);
  for (let attempt = 1;; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (signal?.aborted || !isRetriable(error)) throw error;
      if (attempt >= maxAttempts) throw new RetryError(error, attempt);
      const requested = retryAfter(error);
      if (requested !== undefined && requested > maxRetryAfter) throw error;
      const delay = requested ?? backoffDelay(attempt, { minTimeout, multiplier, maxTimeout, jitter, random });
      await onRetry?.({ attempt, delay, error });
      await clock.sleep(delay, signal);
    }
  }
}
