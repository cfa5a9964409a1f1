/** Retry policy of the Airbyte client. */
export interface RetryPolicy {
  /** Attempts including the first. @default 5 */
  attempts?: number;
  /** Base delay of the exponential backoff. @default 500 */
  baseMs?: number;
  /** Cap of one backoff delay. @default 30_000 */
  capMs?: number;
  /** Longest Retry-After honoured; a longer one fails the call. @default 300_000 */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) for full jitter. @default Math.random */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a random delay in
 * `[0, min(cap, base * 2^attempt))` (AWS "full jitter").
 *
 * @param attempt Zero-based retry number (0 before the first retry).
 * @param policy Base, cap and random source.
 * @returns The delay in ms.
 * @example
 * ```ts
 * import { backoffDelay } from "./backoff.ts";
 * console.assert(backoffDelay(3, { baseMs: 100, capMs: 500, random: () => 0.999 }) < 500);
 * ```
 */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  const base = policy.baseMs ?? 500;
  const cap = policy.capMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/**
 * Parses a Retry-After header: delta seconds or an HTTP date.
 *
 * @param value The header value.
 * @param now The current time (epoch ms), for dates.
 * @returns The wait in ms, or undefined when absent or unreadable.
 * @example
 * ```ts
 * import { parseRetryAfter } from "./backoff.ts";
 * console.assert(parseRetryAfter("2", 0) === 2000);
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
