import { type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { ConfigError, UsageError } from "../core/mod.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { requireConfig } from "./require-config.ts";
import { createSlackSender, INCIDENTS_FILE, parseIncidentState, routeAlert, runNotify, serializeIncidentState, type SlackSenderOptions } from "../notify/mod.ts";
import { annotationsFromReport, parseRunReport, renderJobSummary } from "../report/mod.ts";
import { reportDir, triggerFromContext, writeRunReport } from "./write-run-report.ts";
import type { RunReport } from "../../schemas/report.ts";

const options = {
  report: { type: "string", valueName: "<file>", multiple: true, description: "Run report to alert on (default <reports>/latest/health.json); repeatable" },
  state: { type: "string", valueName: "<file>", description: "Incident state file (default <reports>/state/incidents.json)" },
  "dry-run": { type: "boolean", description: "Print the Slack payloads that are owed; send nothing and change no state" },
} as const;

/** What `adops notify` can be given, for tests and the demo. */
export interface NotifyCommandOptions {
  /** Sender settings beyond the clock (fetch, pacing, retries). */
  sender?: Omit<SlackSenderOptions, "clock">;
}

async function readReports(ctx: CommandContext, given: readonly string[]): Promise<{ reports: RunReport[]; paths: string[]; missing: string[] }> {
  const paths = given.length > 0 ? [...given] : [`${reportDir(ctx)}/latest/health.json`];
  const reports: RunReport[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const text = await ctx.files.tryReadText(path);
    if (text === undefined) {
      if (given.length > 0) throw new UsageError(`Report '${path}' does not exist`, "Pass the path of a run report, e.g. reports/latest/health.json");
      missing.push(path);
      continue;
    }
    const parsed = parseRunReport(text);
    if (!parsed.ok) throw new ConfigError(`Cannot read run report '${path}': ${parsed.issues.slice(0, 3).join("; ")}`);
    reports.push(parsed.value);
  }
  return { reports, paths, missing };
}

/**
 * Builds `adops notify` with its sender injectable.
 *
 * @param deps Sender settings (a fetch for tests).
 * @returns The command.
 * @example
 * ```ts ignore
 * const command = createNotifyCommand({ sender: { fetch: sinkFetch } });
 * ```
 */
export function createNotifyCommand(deps: NotifyCommandOptions = {}) {
  return defineCommand({
    name: "notify",
    summary: "Alert on-call in Slack: open, remind, escalate and resolve incidents from run reports",
    description: "Reads run reports (the latest health report by default) and the committed incident state, " +
      "works out which messages are owed (one per new incident, reminders after slack.reminder_hours, escalations, one per recovery), " +
      "sends them to the tenant's or the on-call webhook and records each delivery. A Slack outage is recorded, never fatal: exit 0.",
    examples: ["adops notify --dry-run", "adops notify --report reports/latest/sync.json", "adops notify --state reports/state/incidents.json"],
    options,
    async run(ctx, { values }): Promise<CommandResult> {
      const startedAt = ctx.clock.now();
      const config = await requireConfig(ctx);
      const dryRun = values["dry-run"];
      const { reports, paths, missing } = await readReports(ctx, values.report);
      const statePath = values.state ?? `${reportDir(ctx)}/${INCIDENTS_FILE}`;
      const loaded = parseIncidentState(await ctx.files.tryReadText(statePath), startedAt);
      const notes: string[] = missing.map((p) => `No report at '${p}': nothing to alert on from it`);
      if (loaded.problem !== undefined) notes.push(`${loaded.problem}; starting from an empty state`);
      for (const note of notes) ctx.log.warn(note);

      const outcome = await runNotify({
        reports,
        state: loaded.state,
        now: ctx.clock.now,
        reminderHours: config.platform.slack?.reminder_hours ?? 4,
        route(incident) {
          const route = routeAlert(incident, { config, env: ctx.env });
          if (route.webhookUrl !== undefined) ctx.redactor.add(route.webhookUrl);
          return route;
        },
        sender: dryRun ? undefined : createSlackSender({ ...deps.sender, clock: ctx.clock }),
        links: {
          ...(triggerFromContext(ctx).run_url ? { runUrl: triggerFromContext(ctx).run_url as string } : {}),
          ...(config.platform.slack?.runbook_url ? { runbookUrl: config.platform.slack.runbook_url } : {}),
          // The status site (pages.yml publishes it): ADOPS_SITE_URL, else platform.yml slack.site_url.
          ...((ctx.env.ADOPS_SITE_URL || config.platform.slack?.site_url) ? { siteUrl: (ctx.env.ADOPS_SITE_URL || config.platform.slack?.site_url) as string } : {}),
        },
        signal: ctx.signal,
        redact: (text) => ctx.redactor.redact(text),
      });
      if (outcome.skippedRows > 0) notes.push(`${outcome.skippedRows} report row(s) were not health checks and were skipped`);

      if (dryRun) {
        for (const m of outcome.messages) ctx.out(`# ${m.alert} ${m.key} -> ${m.webhook_env}\n${JSON.stringify(m.message, null, 2)}`);
        if (outcome.messages.length === 0) ctx.out("No Slack message is owed");
      } else {
        await ctx.files.writeText(statePath, ctx.redactor.redact(serializeIncidentState(outcome.state)));
        for (const d of outcome.deliveries) {
          if (d.status === "delivered") ctx.log.info(`Slack: ${d.alert} ${d.key}`, { webhook_env: d.webhook_env });
          else {
            const note = `Slack ${d.alert} for '${d.key}' not delivered: ${d.error ?? d.status}`;
            notes.push(note);
            ctx.log.warn(note, { webhook_env: d.webhook_env });
          }
        }
      }
      const count = (s: string) => outcome.deliveries.filter((d) => d.status === s).length;
      const open = outcome.state.incidents.filter((i) => i.status === "open").length;
      const summary = { alerts: outcome.deliveries.length, delivered: count("delivered"), failed: count("failed"), not_configured: count("not_configured"), open_incidents: open };
      if (!dryRun) ctx.out(`Notify: ${summary.alerts} alert(s), ${summary.delivered} delivered, ${summary.failed + summary.not_configured} not delivered; ${open} open incident(s)`);
      const { path, report } = await writeRunReport(ctx, {
        command: "notify",
        startedAt,
        inputs: { reports: paths, state: statePath, dry_run: dryRun },
        exitCode: ExitCode.ok,
        summary,
        rows: outcome.deliveries.map((d) => ({ ...d })),
        messages: notes,
      });
      return {
        exitCode: ExitCode.ok,
        json: { dry_run: dryRun, ...summary, deliveries: outcome.deliveries, ...(dryRun ? { payloads: outcome.messages } : {}), state_path: statePath, run_report_path: path },
        summaryMarkdown: renderJobSummary(report),
        annotations: annotationsFromReport(report),
        outputs: { alerts: String(summary.alerts), delivered: String(summary.delivered), not_delivered: String(summary.failed + summary.not_configured), open_incidents: String(open), run_report_path: path },
      };
    },
  });
}

/** `adops notify`: Slack alerting (issue #7). */
export const notifyCommand = createNotifyCommand();
