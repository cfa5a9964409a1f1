/**
 * Run reports: the envelope every command writes, renderers (JSON, CSV,
 * Markdown, job summary, annotations), the status page, retention rollup and
 * `commitReports` (on the one-commit-per-run committer of `commit/`), and the
 * static status site built from the report history.
 *
 * @module
 */
export { buildRunReport, reportPath, type RunReportInput } from "./run-report.ts";
export { parseCommandReport, parseJsonWith, type ParseResult, parseRunReport } from "./parse-run-report.ts";
export { classifyStatus, rowStatus, rowTenant, type StatusTone } from "./classify-status.ts";
export { renderReportCsv } from "./render-csv.ts";
export { renderReportJson } from "./render-json.ts";
export { formatUtc, type RenderMarkdownOptions, renderReportMarkdown } from "./render-markdown.ts";
export { JOB_SUMMARY_MAX_BYTES, renderJobSummary } from "./job-summary.ts";
export { annotationsFromReport } from "./report-annotations.ts";
export { presentRunReport, REPORT_FORMATS, type ReportFormat, renderReport } from "./render-report.ts";
export { DEFAULT_INCIDENTS_PATH, type IncidentSpan, type OpenIncident, readIncidentSpans, readOpenIncidents } from "./read-incidents.ts";
export { ALL_TENANTS, pickStatusEntry, STATUS_KINDS, type StatusKind, updateStatusState } from "./update-status-state.ts";
export { renderStatusPage, type StatusPageInput } from "./render-status-page.ts";
export { buildStatusPage, type BuildStatusPageOptions, gatherStatus, type GatheredStatus, type ReadFile, recentAttainment, type StatusPageFiles } from "./build-status-page.ts";
export { recentReportPaths } from "./recent-report-paths.ts";
export { type HistoryEntry, reportHistory, type ReportHistoryOptions } from "./report-history.ts";
export { type SlaAttainment, slaAttainment, type SlaAttainmentOptions, type SlaSample } from "./sla-attainment.ts";
export { createSiteHistory, type SiteHistory, type SiteHistoryOptions } from "./site-history.ts";
export { buildSiteData, type SiteData, type SiteDataInput, type SiteTenant } from "./site-data.ts";
export { renderSite, tenantPagePath } from "./render-site.ts";
export { buildSite, type BuildSiteOptions, type BuiltSite } from "./build-site.ts";
export { expiredDays, planRollup, type RollupOptions, type RollupPlan, rollupMonth } from "./rollup-reports.ts";
export { listFilesDeep } from "./list-files-deep.ts";
export { commitReports, type CommitReportsOptions, type CommitReportsResult, type LocalReportFile } from "./commit-reports.ts";
export { type CommitSettings, readCommitSettings } from "./commit-settings.ts";
