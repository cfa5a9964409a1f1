/**
 * Run reports: the envelope every command writes, and where it goes.
 *
 * @module
 */
export { buildRunReport, reportDir, reportPath, type RunReportInput, statusForExitCode, triggerFromContext, writeRunReport } from "./run-report.ts";
