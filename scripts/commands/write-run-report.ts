import type { CommandReportOf, ReportCommand } from "../../schemas/command-report.ts";
import type { Trigger } from "../../schemas/report.ts";
import type { CommandContext } from "../cli/command.ts";
import { outcomeForExitCode } from "../cli/exit-codes.ts";
import { buildRunReport, reportPath, type RunReportInput } from "../report/mod.ts";

/** What command `C` reports: the report input, with the status derived from the exit code. */
export type CommandReportInput<C extends ReportCommand = ReportCommand> = Omit<RunReportInput<C>, "status">;

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
 * Writes the run's report atomically, redacted, to its dated path and to
 * `<dir>/latest/<command>.json`.
 *
 * @param ctx The command context (files, clock, redactor, run id).
 * @param input What the command reports.
 * @returns The path written and the report.
 */
export async function writeRunReport<C extends ReportCommand>(
  ctx: Pick<CommandContext, "files" | "clock" | "redactor" | "runId" | "github" | "env">,
  input: CommandReportInput<C>,
): Promise<{ path: string; report: CommandReportOf<C> }> {
  const report = buildRunReport<C>({ ...input, status: outcomeForExitCode(input.exitCode) } as RunReportInput<C>, { runId: ctx.runId, trigger: triggerFromContext(ctx), endedAt: ctx.clock.now() });
  const dir = reportDir(ctx);
  const path = reportPath(dir, report);
  const text = ctx.redactor.redact(`${JSON.stringify(report, null, 2)}\n`);
  await ctx.files.writeText(path, text);
  await ctx.files.writeText(`${dir}/latest/${report.command}.json`, text);
  return { path, report };
}
