import type { RunReport } from "../../schemas/report.ts";

/**
 * Renders a report as the JSON the writer stores: two-space indent, trailing newline.
 *
 * @param report The run report.
 * @returns The JSON text.
 * @example
 * ```ts
 * import { renderReportJson } from "./render-json.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(JSON.parse(renderReportJson(makeRunReport())).run_id === "gh-100-1");
 * ```
 */
export function renderReportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
