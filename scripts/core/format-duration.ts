/** Options of {@link formatDuration}. */
export interface FormatDurationOptions {
  /**
   * The smallest unit shown below one hour: `seconds` (`4m 30s`, `42.5s`) or
   * `minutes` (`4m`).
   * @default "seconds"
   */
  precision?: "seconds" | "minutes";
}

/**
 * A duration for people, the one format of adops: `42.5s`, `59m 59s`, `2h 05m`, `3d 4h`.
 *
 * @param ms The duration in milliseconds (negative counts as 0).
 * @param options Precision.
 * @returns The text.
 * @example
 * ```ts
 * import { formatDuration } from "./format-duration.ts";
 * console.assert(formatDuration(270_000) === "4m 30s");
 * console.assert(formatDuration(3_599_000) === "59m 59s");
 * console.assert(formatDuration(7_500_000) === "2h 05m");
 * console.assert(formatDuration(1_500) === "1.5s");
 * console.assert(formatDuration(270_000, { precision: "minutes" }) === "5m");
 * ```
 */
export function formatDuration(ms: number, options: FormatDurationOptions = {}): string {
  const safe = Math.max(0, ms);
  if (options.precision === "minutes") {
    const minutes = Math.round(safe / 60_000);
    if (minutes < 60) return `${minutes}m`;
    if (minutes < 1440) return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
    return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
  }
  if (safe < 60_000) return `${Math.round(safe / 100) / 10}s`;
  const s = Math.floor(safe / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
