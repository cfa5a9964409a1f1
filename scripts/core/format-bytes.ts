/**
 * A byte count for people, in decimal units.
 *
 * @param bytes The count.
 * @returns E.g. `1.5 MB`, `12 B`.
 * @example
 * ```ts
 * import { formatBytes } from "./format-bytes.ts";
 * console.assert(formatBytes(1_500_000) === "1.5 MB" && formatBytes(12) === "12 B");
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
