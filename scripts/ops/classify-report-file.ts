/** What a file under the report folder is, for the loader (`loaded_files.kind`, plus `other`). */
export type ReportFileKind = "run_report" | "latest" | "monthly_summary" | "incidents_state" | "other";

/** Files of the report folder that hold no facts of their own (the status memory and page, health's document, the orchestrator's execution report, the site, the demo's what-if). */
const NOT_FACTS = /^(status\.json|STATUS\.md|latest\/(health-document|orchestrate-execution)\.json|site\/.*|what-if\/.*|state\/(?!incidents\.json$).*)$/;

/**
 * Classifies a path under the report folder (pure): dated run reports
 * `YYYY/MM/DD/<run>-<command>.json`, `latest/<command>.json`, monthly summaries
 * `YYYY/MM/summary.json`, the incident state `state/incidents.json`; any other
 * `.json` is `other` (a foreign file: skipped with a warning); files that hold
 * no facts (not JSON, `status.json`, other state files, the demo's hypothetical
 * `what-if/` reports) give undefined and are
 * not looked at.
 *
 * @param relative The path relative to the report folder.
 * @returns The kind, or undefined for files the loader leaves alone.
 * @example
 * ```ts
 * import { classifyReportFile } from "./classify-report-file.ts";
 * console.assert(classifyReportFile("2026/11/23/gh-1-1-sync.json") === "run_report");
 * console.assert(classifyReportFile("notes.json") === "other" && classifyReportFile("STATUS.md") === undefined);
 * ```
 */
export function classifyReportFile(relative: string): ReportFileKind | undefined {
  if (!relative.endsWith(".json") || NOT_FACTS.test(relative)) return undefined;
  if (/^\d{4}\/\d{2}\/\d{2}\/[^/]+\.json$/.test(relative)) return "run_report";
  if (/^\d{4}\/\d{2}\/summary\.json$/.test(relative)) return "monthly_summary";
  if (/^latest\/[^/]+\.json$/.test(relative)) return "latest";
  if (relative === "state/incidents.json") return "incidents_state";
  return "other";
}
