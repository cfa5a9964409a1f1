import { renderCsv } from "../core/mod.ts";
import type { OrchestrateStepRow } from "../../schemas/report-rows/orchestrate.ts";
import { type RunSummary, summarizeRun } from "./summarize-run.ts";
import type { RunOutcome, ScheduleMode, StepResult } from "./types.ts";

/** One platform row of the seed's report, plus timestamps and skip reasons: a row of the orchestrate run report. */
export type ExecutionReportRow = OrchestrateStepRow;

/** The seed's execution report (`summary` + `platforms`), with the run's timestamps and mode. */
export interface ExecutionReport {
  summary: RunSummary;
  started_at: string;
  ended_at: string;
  mode: ScheduleMode;
  exit_code: number;
  platforms: ExecutionReportRow[];
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "platform_name",
  "platform_id",
  "status",
  "skip_reason",
  "started_at",
  "ended_at",
  "duration_seconds",
  "rows_processed",
  "tables_processed",
  "retry_count",
  "error_message",
] as const satisfies readonly (keyof ExecutionReportRow)[];

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function toRow(result: StepResult): ExecutionReportRow {
  const duration = result.startedAt !== undefined && result.endedAt !== undefined ? (result.endedAt - result.startedAt) / 1000 : 0;
  return {
    platform_name: result.name,
    platform_id: result.platformId ?? null,
    status: result.status,
    skip_reason: result.skipReason ?? null,
    started_at: iso(result.startedAt),
    ended_at: iso(result.startedAt === undefined ? undefined : result.endedAt),
    duration_seconds: Math.round(duration * 100) / 100,
    rows_processed: result.rowsProcessed,
    tables_processed: result.tablesProcessed,
    retry_count: Math.max(0, result.attempts - 1),
    error_message: result.errorMessage ?? null,
  };
}

/**
 * Builds the seed's JSON report from a run.
 *
 * @param outcome The run outcome.
 * @param options The schedule mode and the exit code.
 * @returns The report.
 * @example
 * ```ts
 * import { buildExecutionReport } from "./execution-report.ts";
 * const r = buildExecutionReport({ results: [], startedAt: 0, endedAt: 0, stopped: false, globalTimedOut: false, interrupted: false, peakParallel: 0 }, { mode: "ready_queue", exitCode: 1 });
 * console.assert(r.platforms.length === 0 && r.summary.total_platforms === 0);
 * ```
 */
export function buildExecutionReport(outcome: RunOutcome, options: { mode: ScheduleMode; exitCode: number }): ExecutionReport {
  return {
    summary: summarizeRun(outcome),
    started_at: iso(outcome.startedAt) as string,
    ended_at: iso(outcome.endedAt) as string,
    mode: options.mode,
    exit_code: options.exitCode,
    platforms: outcome.results.map(toRow),
  };
}


/**
 * The report as CSV: a header and one row per platform.
 *
 * @param report The report.
 * @returns CSV text ending in a newline.
 * @example
 * ```ts
 * import { CSV_COLUMNS, renderExecutionCsv } from "./execution-report.ts";
 * const csv = renderExecutionCsv({ platforms: [] });
 * console.assert(csv === `${CSV_COLUMNS.join(",")}\n`);
 * ```
 */
export function renderExecutionCsv(report: Pick<ExecutionReport, "platforms">): string {
  return renderCsv(CSV_COLUMNS, report.platforms.map((row) => CSV_COLUMNS.map((c) => row[c])), { lineEnd: "\n", guardFormulas: false });
}

/**
 * The seed's "Execution Summary" block, for stderr.
 *
 * @param summary The run summary.
 * @returns The block, without a trailing newline.
 * @example
 * ```ts
 * import { renderSummaryBlock } from "./execution-report.ts";
 * const text = renderSummaryBlock({ total_platforms: 4, completed: 3, failed: 1, skipped: 0, timed_out: 0, interrupted: 0, disabled: 0, success_rate: 75, total_rows_processed: 45690, total_duration_seconds: 1847.23 });
 * console.assert(text.includes("Success Rate:       75.0%") && text.includes("Total Rows:         45,690"));
 * ```
 */
export function renderSummaryBlock(summary: RunSummary): string {
  const rule = "=".repeat(60);
  const line = (label: string, value: string) => `${`${label}:`.padEnd(20)}${value}`;
  return [
    rule,
    "Execution Summary",
    rule,
    line("Total Platforms", String(summary.total_platforms)),
    line("Completed", String(summary.completed)),
    line("Failed", String(summary.failed)),
    line("Skipped", String(summary.skipped)),
    line("Success Rate", `${summary.success_rate.toFixed(1)}%`),
    line("Total Rows", summary.total_rows_processed.toLocaleString("en-US")),
    line("Total Duration", `${summary.total_duration_seconds.toFixed(2)}s`),
    rule,
  ].join("\n");
}
