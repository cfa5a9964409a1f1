import type { RunReport } from "../../schemas/report.ts";
import { cellText, columnsOf } from "./_table.ts";

function csvField(value: unknown): string {
  let text = cellText(value);
  // Spreadsheets run cells that start like a formula; keep them text.
  if (typeof value === "string" && /^[=+@\t\r]|^-[^0-9.]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Renders a report's rows as CSV (RFC 4180: CRLF line ends, quoted fields when
 * needed). Columns are the rows' keys in first-seen order, preceded by the
 * run's id and command so files from many runs can be concatenated.
 *
 * @param report The run report.
 * @returns The CSV text, ending in CRLF.
 * @example
 * ```ts
 * import { renderReportCsv } from "./render-csv.ts";
 * import { makeRunReport } from "./testing.ts";
 * const csv = renderReportCsv(makeRunReport({ rows: [{ tenant: "acme", status: "ok" }] }));
 * console.assert(csv === "run_id,command,tenant,status\r\ngh-100-1,sync,acme,ok\r\n");
 * ```
 */
export function renderReportCsv(report: RunReport): string {
  const columns = columnsOf(report.rows).filter((c) => c !== "run_id" && c !== "command");
  const lines = [["run_id", "command", ...columns].map(csvField).join(",")];
  for (const row of report.rows) {
    lines.push([report.run_id, report.command, ...columns.map((c) => row[c])].map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
