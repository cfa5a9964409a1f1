/**
 * Renders rows as an aligned text table with a header line.
 *
 * @param headers Column titles.
 * @param rows Cell text, one array per row.
 * @returns The table, lines joined with newlines.
 * @example
 * ```ts
 * import { renderTable } from "./demo-render-table.ts";
 * console.assert(renderTable(["a", "b"], [["1", "22"]]).split("\n").length === 3);
 * ```
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
