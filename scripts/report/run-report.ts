import type { CommandReportOf, ReportCommand, ReportRowOf } from "../../schemas/command-report.ts";
import type { DbtStagingVolume } from "../../schemas/report-rows/dbt.ts";
import type { RunReport, Trigger } from "../../schemas/report.ts";
import type { Outcome } from "../core/mod.ts";

/** What command `C` hands over to be written as its run report; its rows are checked against `C`'s row schema. */
export interface RunReportInput<C extends ReportCommand = ReportCommand> {
  /** The command name. */
  command: C;
  /** When the run started (epoch ms). */
  startedAt: number;
  /** Flags and inputs (no secrets). */
  inputs: Record<string, unknown>;
  /** The run's exit code. */
  exitCode: number;
  /** How the run ended (the status word stored beside the exit code). */
  status: Outcome;
  /** Counts. */
  summary: Record<string, number>;
  /** One row per unit of work, of the command's row schema (`schemas/report-rows/`). */
  rows: ReportRowOf<C>[];
  /** Notes for humans. */
  messages?: string[];
  /** `adops dbt` only: the staging models' daily volume (`staging_volume`). */
  stagingVolume?: DbtStagingVolume;
}

/**
 * Builds the report envelope (pure).
 *
 * @param input What the command reports.
 * @param options Run id, trigger and end time.
 * @returns The report.
 * @example
 * ```ts
 * import { buildRunReport } from "./run-report.ts";
 * const r = buildRunReport({ command: "sync", startedAt: 0, inputs: {}, exitCode: 0, status: "ok", summary: {}, rows: [] }, { runId: "r1", trigger: { kind: "local" }, endedAt: 1000 });
 * console.assert(r.duration_seconds === 1 && r.status === "ok");
 * ```
 */
export function buildRunReport<C extends ReportCommand>(input: RunReportInput<C>, options: { runId: string; trigger: Trigger; endedAt: number }): CommandReportOf<C> {
  return {
    schema_version: 1,
    run_id: options.runId,
    command: input.command,
    trigger: options.trigger,
    started_at: new Date(input.startedAt).toISOString(),
    ended_at: new Date(options.endedAt).toISOString(),
    duration_seconds: Math.max(0, (options.endedAt - input.startedAt) / 1000),
    inputs: input.inputs,
    exit_code: input.exitCode,
    status: input.status,
    summary: input.summary,
    rows: input.rows,
    ...(input.messages && input.messages.length > 0 ? { messages: input.messages } : {}),
    ...(input.stagingVolume === undefined ? {} : { staging_volume: input.stagingVolume }),
  };
}

/**
 * The path of a run's report: `<dir>/YYYY/MM/DD/<run>-<command>.json`.
 *
 * @param dir The report folder.
 * @param report The report.
 * @returns The path.
 * @example
 * ```ts
 * import { reportPath } from "./run-report.ts";
 * const p = reportPath("reports", { run_id: "r1", command: "sync", started_at: "2026-11-23T10:00:00.000Z" });
 * console.assert(p === "reports/2026/11/23/r1-sync.json");
 * ```
 */
export function reportPath(dir: string, report: Pick<RunReport, "run_id" | "command" | "started_at">): string {
  const [y, m, d] = report.started_at.slice(0, 10).split("-");
  return `${dir}/${y}/${m}/${d}/${report.run_id}-${report.command}.json`;
}

