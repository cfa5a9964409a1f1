/**
 * Parses a `Retry-After` header: delta seconds or an HTTP date.
 *
 * @param value The header value.
 * @param now The current time (epoch ms), for dates.
 * @returns The wait in ms, or undefined when absent or unreadable.
 * @example
 * ```ts
 * import { parseRetryAfter } from "./parse-retry-after.ts";
 * console.assert(parseRetryAfter("2", 0) === 2000);
 * console.assert(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000) === 4000);
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
