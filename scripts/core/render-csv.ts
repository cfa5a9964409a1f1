/** Options of {@link renderCsv}. */
export interface RenderCsvOptions {
  /**
   * Line end: `\r\n` as RFC 4180 says, or `\n` (the seed orchestrator's execution report).
   * @default "\r\n"
   */
  lineEnd?: "\r\n" | "\n";
  /**
   * Prefix a cell that a spreadsheet would run as a formula (`=`, `+`, `@`,
   * `-x`) with `'`, so it stays text.
   * @default true
   */
  guardFormulas?: boolean;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function field(value: unknown, guardFormulas: boolean): string {
  let text = cellText(value);
  if (guardFormulas && typeof value === "string" && /^[=+@\t\r]|^-[^0-9.]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The one CSV writer: a header and rows, fields quoted when they hold a quote,
 * comma, line break or edge spaces; `null`/`undefined` empty; objects as JSON.
 *
 * @param header The column names.
 * @param rows The rows, one value per column.
 * @param options Line end and formula guard.
 * @returns The CSV text, ending in a line end.
 * @example
 * ```ts
 * import { renderCsv } from "./render-csv.ts";
 * console.assert(renderCsv(["a", "b"], [[1, "x,y"], [null, "=1+1"]]) === 'a,b\r\n1,"x,y"\r\n,\'=1+1\r\n');
 * console.assert(renderCsv(["a"], [["q\""]], { lineEnd: "\n", guardFormulas: false }) === 'a\n"q"""\n');
 * ```
 */
export function renderCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: RenderCsvOptions = {}): string {
  const lineEnd = options.lineEnd ?? "\r\n";
  const guard = options.guardFormulas ?? true;
  const lines = [header, ...rows].map((cells) => cells.map((c) => field(c, guard)).join(","));
  return `${lines.join(lineEnd)}${lineEnd}`;
}
