import { type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { exitCodeFor } from "../cli/exit-codes.ts";
import { redactDeep, UsageError } from "../core/mod.ts";
import { requireConfig } from "./require-config.ts";
import type { AdopsConfig } from "../config/mod.ts";
import { allChecks, collectHealth, createDbtArtifactsFromReport, createDbtArtifactsFromTarget, createSyncApiJobHistory, type DbtArtifactsPort, healthOutcome, type JobHistoryPort, renderHealthTable, type SourceCheckFailure, sourceCheckFailures } from "../health/mod.ts";
import { fingerprintPath, readFingerprintStore, type RotationRecord } from "../airbyte/mod.ts";
import { annotationsFromReport, parseRunReport, renderJobSummary } from "../report/mod.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";

const options = {
  tenant: { type: "string", valueName: "<slug>", multiple: true, description: "Check only this tenant (dbt checks always run); repeatable" },
  "dbt-target": { type: "string", valueName: "<dir>", multiple: true, description: "Read dbt artifacts from this target folder instead of the dbt run report; repeatable (newest file wins)" },
  "dbt-report": { type: "string", valueName: "<file>", description: "The dbt run report to judge (default <reports>/latest/dbt.json)" },
  output: { type: "string", valueName: "<file>", description: "Also write the health document (JSON) to this file" },
  "problems-only": { type: "boolean", description: "Show only checks that are not ok in the table" },
} as const;

/** What `adops health` can be given, for tests and the demo. */
export interface HealthCommandOptions {
  /** Builds the job history port. @default the Airbyte Config API from platform.yml */
  jobs?: (ctx: CommandContext, config: AdopsConfig) => Promise<JobHistoryPort>;
}

async function airbyteJobs(ctx: CommandContext, config: AdopsConfig): Promise<JobHistoryPort> {
  const { syncApiFor } = await import("./airbyte-client.ts");
  return createSyncApiJobHistory(syncApiFor(ctx, config, { abortOnSignal: true }), { tenants: config.tenants });
}

async function dbtArtifacts(ctx: CommandContext, targets: readonly string[], reportPath: string): Promise<{ port: DbtArtifactsPort; source: string }> {
  if (targets.length > 0) return { port: createDbtArtifactsFromTarget((p) => ctx.files.tryReadText(p), targets), source: targets.join(", ") };
  const read = async (path: string) => {
    const text = await ctx.files.tryReadText(path);
    const parsed = text === undefined ? undefined : parseRunReport(text);
    if (parsed !== undefined && !parsed.ok) ctx.log.warn(`Cannot read the dbt run report '${path}': ${parsed.issues[0] ?? "invalid"}`);
    return parsed?.ok ? parsed.value : undefined;
  };
  const newest = createDbtArtifactsFromReport(await read(reportPath), { path: reportPath });
  // The staging rows come from the newest run that counted them (`adops dbt` keeps it beside the latest report).
  const stagingPath = reportPath.replace(/dbt\.json$/, "dbt-staging-volume.json");
  const stagingReport = stagingPath === reportPath ? undefined : await read(stagingPath);
  const latest = stagingReport === undefined ? newest : { ...newest, readStagingVolume: createDbtArtifactsFromReport(stagingReport, { path: stagingPath }).readStagingVolume };
  // Selective dbt runs (after each sync, the orchestrator's steps) do not check source
  // freshness; the newest run that did is kept beside the latest report by `adops dbt`.
  const freshnessPath = reportPath.replace(/dbt\.json$/, "dbt-source-freshness.json");
  const freshnessReport = freshnessPath === reportPath ? undefined : await read(freshnessPath);
  if (freshnessReport === undefined) return { port: latest, source: reportPath };
  const freshness = createDbtArtifactsFromReport(freshnessReport, { path: freshnessPath });
  return {
    port: { ...latest, readSourceFreshness: freshness.readSourceFreshness, readFreshnessSources: freshness.readFreshnessSources },
    source: `${reportPath} (source freshness: ${freshnessPath})`,
  };
}

/** Rotation dates (adops provision's fingerprint store) and the latest provision's failed source checks. */
async function credentialFacts(ctx: CommandContext): Promise<{ rotations: RotationRecord; checkFailures: SourceCheckFailure[] }> {
  const dir = reportDir(ctx);
  const { rotations } = await readFingerprintStore(ctx.files, fingerprintPath(dir));
  const text = await ctx.files.tryReadText(`${dir}/latest/provision.json`);
  const parsed = text === undefined ? undefined : parseRunReport(text);
  return { rotations, checkFailures: sourceCheckFailures(parsed?.ok ? parsed.value : undefined) };
}

/**
 * Builds `adops health` with its Airbyte port injectable.
 *
 * @param deps The job history factory.
 * @returns The command.
 * @example
 * ```ts ignore
 * const command = createHealthCommand({ jobs: () => Promise.resolve(createFakeJobHistory({})) });
 * ```
 */
export function createHealthCommand(deps: HealthCommandOptions = {}) {
  return defineCommand({
    name: "health",
    summary: "Check Airbyte sync freshness, cadence, dbt runs and source freshness; exit 0 healthy, 2 degraded, 3 down",
    description: "Judges every tenant's connections from Airbyte's job history (fresh = the newest job succeeded less than the SLA ago, " +
      "inside the schedule group's window), compares job starts with the schedule (cadence drift), and judges the latest dbt run and " +
      "source freshness. Prints a table; --json prints the runbook's health document.",
    examples: ["adops health", "adops health --tenant acme-retail --problems-only", "adops health --json --output health.json", "adops health --dbt-target dbt/target"],
    options,
    async run(ctx, { values }): Promise<CommandResult> {
      const startedAt = ctx.clock.now();
      const config = await requireConfig(ctx);
      const unknown = values.tenant.filter((t) => !config.tenants.some((c) => c.slug === t));
      if (unknown.length > 0) throw new UsageError(`Unknown tenant '${unknown[0]}'`, `Known tenants: ${config.tenants.map((t) => t.slug).join(", ")}`);
      const dbtReportPath = values["dbt-report"] ?? `${reportDir(ctx)}/latest/dbt.json`;
      const dbt = await dbtArtifacts(ctx, values["dbt-target"], dbtReportPath);
      const jobs = await (deps.jobs ?? airbyteJobs)(ctx, config);
      // Airbyte and dbt messages are untrusted text: redact before anything is cut, printed or written.
      const redact = (text: string) => ctx.redactor.redact(text);
      const doc = redactDeep(
        await collectHealth(config, { jobs, dbt: dbt.port }, { now: ctx.clock.now(), signal: ctx.signal, tenants: values.tenant, redact, credentials: await credentialFacts(ctx) }),
        redact,
      );

      ctx.out(renderHealthTable(doc, { problemsOnly: values["problems-only"] }));
      if (values.output !== undefined) await ctx.files.writeText(values.output, ctx.redactor.redact(`${JSON.stringify(doc, null, 2)}\n`));
      const exitCode = exitCodeFor(healthOutcome(doc.status));
      const tenantsBy = (s: string) => doc.tenants.filter((t) => t.status === s).length;
      const { path, report } = await writeRunReport(ctx, {
        command: "health",
        startedAt,
        inputs: { tenants: values.tenant, dbt_source: dbt.source, overall: doc.status },
        exitCode,
        summary: { ...doc.summary, tenants_healthy: tenantsBy("healthy"), tenants_degraded: tenantsBy("degraded"), tenants_down: tenantsBy("down") },
        rows: allChecks(doc).map((c) => ({ ...c })),
        messages: [
          `Overall: ${doc.status}`,
          ...doc.tenants.map((t) => `${t.tenant}: ${t.status}${t.snapshot_lag_minutes === null ? "" : `, snapshot lag ${Math.round(t.snapshot_lag_minutes)} min`}`),
        ],
      });
      return {
        exitCode,
        json: doc,
        summaryMarkdown: renderJobSummary(report),
        annotations: annotationsFromReport(report),
        outputs: { status: doc.status, critical: String(doc.summary.critical), warning: String(doc.summary.warning), run_report_path: path, ...(values.output ? { document_path: values.output } : {}) },
      };
    },
  });
}

/** `adops health`: the health checks (issue #7). */
export const healthCommand = createHealthCommand();
