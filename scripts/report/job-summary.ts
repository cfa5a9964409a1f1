import type { RunReport } from "../../schemas/report.ts";
import { renderReportMarkdown } from "./render-markdown.ts";

/** GitHub's limit for one step's summary is 1 MiB; stay a little under it. */
export const JOB_SUMMARY_MAX_BYTES = 1_000_000;

/**
 * The GitHub job summary of a run, from its report: the Markdown report with
 * failing rows first, cut to stay under the 1 MiB step-summary limit.
 *
 * @param report The run report.
 * @param options Byte budget.
 * @returns Markdown for `$GITHUB_STEP_SUMMARY` (a command's `summaryMarkdown`).
 * @example
 * ```ts
 * import { renderJobSummary } from "./job-summary.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(renderJobSummary(makeRunReport()).startsWith("### ✅ adops sync: ok"));
 * ```
 */
export function renderJobSummary(report: RunReport, options: { maxBytes?: number } = {}): string {
  return renderReportMarkdown(report, { maxBytes: options.maxBytes ?? JOB_SUMMARY_MAX_BYTES, problemsFirst: true, headingLevel: 3, showInputs: true });
}
