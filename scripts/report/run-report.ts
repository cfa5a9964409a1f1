import type { CommandReportOf, ReportCommand, ReportRowOf } from "../../schemas/command-report.ts";
import type { RunReport, RunStatus, Trigger } from "../../schemas/report.ts";
import type { CommandContext } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";

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
  /** Counts. */
  summary: Record<string, number>;
  /** One row per unit of work, of the command's row schema (`schemas/report-rows/`). */
  rows: ReportRowOf<C>[];
  /** Notes for humans. */
  messages?: string[];
}

/**
 * The status word for an exit code.
 *
 * @param exitCode The exit code.
 * @returns The status.
 * @example
 * ```ts
 * import { statusForExitCode } from "./run-report.ts";
 * console.assert(statusForExitCode(2) === "partial");
 * ```
 */
export function statusForExitCode(exitCode: number): RunStatus {
  switch (exitCode) {
    case ExitCode.ok:
      return "ok";
    case ExitCode.config:
      return "config_error";
    case ExitCode.partial:
      return "partial";
    case ExitCode.allFailed:
      return "failed";
    case ExitCode.interrupted:
      return "interrupted";
    default:
      return "internal_error";
  }
}

/**
 * What started this run, from the GitHub environment or `local`.
 *
 * @param ctx The command context.
 * @returns The trigger.
 */
export function triggerFromContext(ctx: Pick<CommandContext, "github" | "env">): Trigger {
  const gh = ctx.github;
  if (gh === undefined) return { kind: "local" };
  const known = ["schedule", "workflow_dispatch", "pull_request", "push", "workflow_run"] as const;
  const kind = (known as readonly string[]).includes(gh.eventName) ? (gh.eventName as Trigger["kind"]) : "other";
  return {
    kind,
    ...(gh.actor ? { actor: gh.actor } : {}),
    ...(ctx.env.GITHUB_REF ? { ref: ctx.env.GITHUB_REF } : {}),
    ...(gh.repository && gh.runId ? { run_url: `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}/attempts/${gh.runAttempt}` } : {}),
  };
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
 * const r = buildRunReport({ command: "sync", startedAt: 0, inputs: {}, exitCode: 0, summary: {}, rows: [] }, { runId: "r1", trigger: { kind: "local" }, endedAt: 1000 });
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
    status: statusForExitCode(input.exitCode),
    summary: input.summary,
    rows: input.rows,
    ...(input.messages && input.messages.length > 0 ? { messages: input.messages } : {}),
  };
}

/**
 * Where reports go: `ADOPS_REPORT_DIR`, else `reports/` inside GitHub Actions
 * (the commit step picks them up), else `.adops/reports` so local runs leave
 * the committed folder alone.
 *
 * @param ctx The command context.
 * @returns The folder.
 */
export function reportDir(ctx: Pick<CommandContext, "env" | "github">): string {
  return ctx.env.ADOPS_REPORT_DIR || (ctx.github !== undefined ? "reports" : ".adops/reports");
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

/**
 * Writes the run's report atomically, redacted, to its dated path and to
 * `<dir>/latest/<command>.json`.
 *
 * @param ctx The command context (files, clock, redactor, run id).
 * @param input What the command reports.
 * @returns The path written and the report.
 */
export async function writeRunReport<C extends ReportCommand>(
  ctx: Pick<CommandContext, "files" | "clock" | "redactor" | "runId" | "github" | "env">,
  input: RunReportInput<C>,
): Promise<{ path: string; report: CommandReportOf<C> }> {
  const report = buildRunReport(input, { runId: ctx.runId, trigger: triggerFromContext(ctx), endedAt: ctx.clock.now() });
  const dir = reportDir(ctx);
  const path = reportPath(dir, report);
  const text = ctx.redactor.redact(`${JSON.stringify(report, null, 2)}\n`);
  await ctx.files.writeText(path, text);
  await ctx.files.writeText(`${dir}/latest/${report.command}.json`, text);
  return { path, report };
}
