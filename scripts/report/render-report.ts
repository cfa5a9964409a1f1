import type { RunReport } from "../../schemas/report.ts";
import { type Annotation, toWorkflowCommand } from "../core/mod.ts";
import { renderJobSummary } from "./job-summary.ts";
import { annotationsFromReport } from "./report-annotations.ts";
import { renderReportCsv } from "./render-csv.ts";
import { renderReportJson } from "./render-json.ts";
import { renderReportMarkdown } from "./render-markdown.ts";

/** The formats `adops report render` knows. */
export const REPORT_FORMATS = ["json", "csv", "md", "summary", "annotations"] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Renders a report in one format: `json`, `csv`, `md` (full Markdown),
 * `summary` (the job summary) or `annotations` (workflow-command lines).
 *
 * @param report The run report.
 * @param format The format.
 * @returns The text.
 * @example
 * ```ts
 * import { renderReport } from "./render-report.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(renderReport(makeRunReport(), "csv").startsWith("run_id,command"));
 * ```
 */
export function renderReport(report: RunReport, format: ReportFormat): string {
  switch (format) {
    case "json":
      return renderReportJson(report);
    case "csv":
      return renderReportCsv(report);
    case "md":
      return renderReportMarkdown(report);
    case "summary":
      return renderJobSummary(report);
    case "annotations":
      return annotationsFromReport(report).map((a) => `${toWorkflowCommand(a)}\n`).join("");
  }
}

/**
 * What a command hands back for GitHub from its report: the job summary and
 * the annotations, so every command shows its run the same way.
 *
 * @param report The run report the command just wrote.
 * @returns Fields to spread into the command's result.
 * @example
 * ```ts
 * import { presentRunReport } from "./render-report.ts";
 * import { makeRunReport } from "./testing.ts";
 * const { summaryMarkdown, annotations } = presentRunReport(makeRunReport());
 * console.assert(summaryMarkdown.length > 0 && annotations.length === 0);
 * ```
 */
export function presentRunReport(report: RunReport): { summaryMarkdown: string; annotations: Annotation[] } {
  return { summaryMarkdown: renderJobSummary(report), annotations: annotationsFromReport(report) };
}
