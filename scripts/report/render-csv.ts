import type { RunReport } from "../../schemas/report.ts";
import { renderCsv } from "../core/mod.ts";
import { columnsOf } from "./_table.ts";


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
  return renderCsv(["run_id", "command", ...columns], report.rows.map((row) => [report.run_id, report.command, ...columns.map((c) => row[c])]));
}
