import { PLATFORMS } from "../../schemas/_shared.ts";
import { syncApiFor } from "./airbyte-client.ts";
import { exitCodeFor } from "../cli/exit-codes.ts";
import { type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { UsageError } from "../core/mod.ts";
import { type AdopsConfig } from "../config/mod.ts";
import { requireConfig } from "./require-config.ts";
import { annotationsFromReport, renderJobSummary } from "../report/mod.ts";
import { writeRunReport } from "./write-run-report.ts";
import { renderOutcomes, selectConnections, type SyncApi, syncFromConfig } from "../sync/mod.ts";

const options = {
  tenant: { type: "string", valueName: "<slug>", multiple: true, description: "Only this tenant; repeat or comma-separate for several" },
  connection: { type: "string", valueName: "<name>", multiple: true, description: "Only this connection (template, name, id or managed key); repeat for several" },
  platform: { type: "string", valueName: "<id>", choices: PLATFORMS, description: "Only connections of this platform" },
  force: { type: "boolean", description: "Sync even when not due" },
  "dry-run": { type: "boolean", description: "List what would run and why; trigger nothing" },
  "cancel-on-interrupt": { type: "boolean", description: "On Ctrl-C/SIGTERM also cancel the jobs this run started (default: leave them running)" },
  concurrency: { type: "string", valueName: "<n>", description: "Sync triggers in flight at Airbyte at once; every started job is followed at the same time (default airbyte.concurrency, else 4)" },
} as const;

/** What `adops sync` can be given, for tests. */
export interface SyncCommandDeps {
  /** Builds the Airbyte port. @default from platform.yml (createSyncApiFromConfig) */
  api?: (ctx: CommandContext, config: AdopsConfig) => SyncApi;
  /** Randomness for retry jitter. @default Math.random */
  random?: () => number;
}

function parseConcurrency(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`Invalid value '${value}' for --concurrency`, "Use a whole number from 1 to 256");
  return n;
}

/**
 * Builds `adops sync` with its Airbyte port injectable.
 *
 * @param deps The port factory and randomness.
 * @returns The command.
 * @example
 * ```ts ignore
 * const command = createSyncCommand({ api: () => fakeApi });
 * ```
 */
export function createSyncCommand(deps: SyncCommandDeps = {}) {
  return defineCommand({
    name: "sync",
    summary: "Trigger due Airbyte syncs, follow each job to its end, retry, record every outcome",
    description: [
      "For every managed connection, decides from its schedule (cron in the tenant's time zone, or interval) and Airbyte's",
      "job history whether a sync is due, then triggers it (attaching to a running job on 409), follows it with adaptive",
      "polling, cancels it at its deadline, retries failures per platform.yml's retry policy and writes one report row per",
      "connection. Ctrl-C/SIGTERM stops triggering, reports running jobs and exits 130.",
    ].join("\n"),
    examples: ["adops sync", "adops sync --tenant acme-retail --dry-run", "adops sync --platform meta --force --log-format json"],
    options,
    async run(ctx, { values }): Promise<CommandResult> {
      const startedAt = ctx.clock.now();
      const config = await requireConfig(ctx);
      const concurrency = parseConcurrency(values.concurrency, config.platform.airbyte.concurrency ?? 4);
      const filter = { tenants: values.tenant, connections: values.connection, platform: values.platform };
      const count = selectConnections(config, filter);
      ctx.log.info(`Syncing ${count.length} connection(s) of ${new Set(count.map((s) => s.tenant.slug)).size} tenant(s)${values["dry-run"] ? " (dry run)" : ""}`);
      const api = deps.api ? deps.api(ctx, config) : syncApiFor(ctx, config);
      const result = await syncFromConfig({ clock: ctx.clock, log: ctx.log, api, ...(deps.random ? { random: deps.random } : {}) }, config, {
        filter,
        signal: ctx.signal,
        force: values.force,
        dryRun: values["dry-run"],
        cancelOnAbort: values["cancel-on-interrupt"],
        concurrency,
      });
      const inputs = {
        tenant: values.tenant.length > 0 ? values.tenant.join(",") : "all",
        connection: values.connection.length > 0 ? values.connection.join(",") : "all",
        platform: values.platform ?? "all",
        force: values.force,
        dry_run: values["dry-run"],
        cancel_on_interrupt: values["cancel-on-interrupt"],
        concurrency,
      };
      const messages = [
        ...(result.interrupted ? ["Interrupted: no further syncs were triggered; jobs still running are listed as 'running'"] : []),
        ...(result.summary.alerts > 0 ? [`${result.summary.alerts} connection(s) failed 2 or more times in a row`] : []),
        ...(result.summary.empty_syncs > 0 ? [`${result.summary.empty_syncs} unexpectedly empty sync(s)`] : []),
      ];
      const exitCode = exitCodeFor(result.outcome);
      const { path, report } = await writeRunReport(ctx, {
        command: "sync",
        startedAt,
        inputs,
        exitCode,
        summary: { ...result.summary },
        rows: result.rows,
        messages,
      });
      if (result.outcomes.length > 0) ctx.out(renderOutcomes(result.outcomes));
      const s = result.summary;
      ctx.out(`\n${s.selected} selected: ${s.succeeded} succeeded, ${s.failed} failed, ${s.not_due} not due, ${s.skipped} skipped${s.would_run ? `, ${s.would_run} would run` : ""}${s.interrupted ? `, ${s.interrupted} interrupted` : ""}`);
      ctx.out(`Report: ${path}`);
      return {
        exitCode,
        json: { exit_code: exitCode, interrupted: result.interrupted, summary: result.summary, rows: result.rows, report_path: path },
        annotations: annotationsFromReport(report),
        summaryMarkdown: renderJobSummary(report),
        outputs: { synced: String(s.succeeded), failed: String(s.failed), report_path: path },
      };
    },
  });
}

/** `adops sync`. */
export const syncCommand = createSyncCommand();
