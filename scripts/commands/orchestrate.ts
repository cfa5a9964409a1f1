import { type Command, type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { ConfigError, UsageError } from "../core/mod.ts";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { selectConnections } from "../sync/mod.ts";
import { ExitCode, exitCodeFor, outcomeForExitCode } from "../cli/exit-codes.ts";
import {
  describePlan,
  estimateFirstRun,
  estimateFromHistory,
  loadOrchestratorConfig,
  type OrchestratorHooks,
  type PipelineRegistry,
  PLATFORM_STEPS,
  planRun,
  renderJobSummary,
  renderPlan,
  renderSummaryBlock,
  runOrchestrator,
} from "../orchestrator/mod.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";
import { dbtCommand } from "./dbt.ts";
import { createDefaultRegistry } from "./orchestrator-registry.ts";
import { requireConfig } from "./require-config.ts";
import { healthCommand } from "./health.ts";

const options = {
  platform: { type: "string", valueName: "<name>", multiple: true, description: "Run only this step (microsoft, linkedin, facebook, google, tiktok, marts, metrics, health); repeat or comma-separate for several" },
  "with-deps": { type: "boolean", description: "With --platform: also run the steps it depends on" },
  "dry-run": { type: "boolean", description: "Print the execution plan (groups or waves) without running anything" },
  parallel: { type: "boolean", description: "Run independent steps concurrently (overrides parallel_execution)" },
  "no-parallel": { type: "boolean", description: "Run one step at a time (same as --sequential)" },
  sequential: { type: "boolean", description: "Run one step at a time in dependency-then-priority order" },
  "continue-on-failure": { type: "boolean", description: "Keep starting steps after a failure (overrides continue_on_failure)" },
  "stop-on-failure": { type: "boolean", description: "Start no step after the first failure; exit 4" },
  "max-parallel": { type: "string", valueName: "<n>", description: "Most steps running at once (overrides max_parallel)" },
  "report-format": { type: "string", valueName: "<fmt>", choices: ["json", "csv"], default: "json", description: "Format of the execution report" },
  "report-path": { type: "string", valueName: "<file>", description: "Where the execution report goes (default <reports>/latest/orchestrate-execution.<fmt>)" },
  "orchestrator-config": { type: "string", valueName: "<file>", description: "Orchestrator config (default <config>/orchestrator.yml)" },
} as const;

/** What `adops orchestrate` can be given, for tests and the demo. */
export interface OrchestrateCommandOptions {
  /** Builds the pipelines (with `namesOnly` for a dry run). @default createDefaultRegistry (sync + dbt per platform) */
  registry?: (ctx: CommandContext, options: { namesOnly: boolean }) => Promise<PipelineRegistry>;
  /** Randomness for backoff jitter. @default Math.random */
  random?: () => number;
}

function exclusive(values: Record<string, unknown>, a: string, b: string): void {
  if (values[a] === true && values[b] === true) throw new UsageError(`Options --${a} and --${b} cannot be combined`);
}

/** Connections each platform step syncs (every tenant's of its platform), for the first-run estimate. */
function connectionCountsOf(config: AdopsConfig): Map<string, number> {
  return new Map(Object.entries(PLATFORM_STEPS).map(([name, id]) => [name, selectConnections(config, { platform: id }).length]));
}

/** The same, loading the config when the command did not (an injected registry); none when it does not load. */
async function connectionCounts(ctx: CommandContext): Promise<Map<string, number>> {
  try {
    const loaded = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: false });
    return loaded.ok ? connectionCountsOf(loaded.config) : new Map();
  } catch {
    return new Map();
  }
}

function loggingHooks(ctx: CommandContext): OrchestratorHooks {
  return {
    onGroupStart: ({ group, total, steps }) => ctx.log.info(`Executing Group ${group}/${total}: ${steps.join(", ") || "(nothing enabled)"}`),
    onStepStart: ({ step, attempt }) => ctx.log.info(`Starting '${step}'${attempt > 1 ? ` (attempt ${attempt})` : ""}`, { step }),
    onStepRetry: ({ step, attempt, delaySeconds, errorMessage }) =>
      ctx.log.warn(`Step '${step}' attempt ${attempt} failed, retrying in ${delaySeconds.toFixed(1)}s: ${errorMessage}`, { step }),
    onStepEnd: ({ result: r }) => {
      if (r.status === "completed") ctx.log.info(`Platform '${r.name}' completed: ${r.rowsProcessed.toLocaleString("en-US")} rows`, { step: r.name });
      else if (r.status === "skipped") ctx.log.info(`Platform '${r.name}' skipped: ${r.skipReason}`, { step: r.name });
      else ctx.log.error(`Platform '${r.name}' ${r.status}: ${r.errorMessage ?? ""}`, { step: r.name });
    },
  };
}

/**
 * Builds `adops orchestrate` with its pipelines injectable.
 *
 * @param deps The registry factory and randomness.
 * @returns The command.
 * @example
 * ```ts ignore
 * const command = createOrchestrateCommand({ registry: () => Promise.resolve(fakeRegistry) });
 * ```
 */
export function createOrchestrateCommand(deps: OrchestrateCommandOptions = {}) {
  return defineCommand({
    name: "orchestrate",
    summary: "Run the ad-platform pipelines as a dependency graph (seed 002's Social Ads Orchestrator)",
    description: "Each platform step syncs that platform's Airbyte connections for every enabled tenant, then builds its dbt staging models; " +
      "marts, metrics and health follow as orchestrator.yml says. Timeouts, retries, parallel groups and continue_on_failure are enforced.",
    examples: ["adops orchestrate --dry-run", "adops orchestrate --platform marts --with-deps", "adops orchestrate --sequential --report-format csv --report-path report.csv"],
    options,
    async run(ctx, { values }): Promise<CommandResult> {
      const startedAt = ctx.clock.now();
      exclusive(values, "parallel", "no-parallel");
      exclusive(values, "parallel", "sequential");
      exclusive(values, "continue-on-failure", "stop-on-failure");
      const platforms = values.platform.flatMap((p) => p.split(",")).map((p) => p.trim()).filter((p) => p !== "");
      if (values["with-deps"] && platforms.length === 0) throw new UsageError("Option --with-deps needs --platform");
      let maxParallel: number | undefined;
      if (values["max-parallel"] !== undefined) {
        maxParallel = Number(values["max-parallel"]);
        if (!Number.isInteger(maxParallel) || maxParallel < 1) throw new UsageError(`Invalid value '${values["max-parallel"]}' for --max-parallel`, "Use a whole number of 1 or more");
      }
      const planOptions = {
        platforms,
        withDeps: values["with-deps"],
        parallel: values.parallel ? true : values["no-parallel"] || values.sequential ? false : undefined,
        continueOnFailure: values["continue-on-failure"] ? true : values["stop-on-failure"] ? false : undefined,
        maxParallel,
      };
      const configPath = values["orchestrator-config"] ?? `${ctx.configDir}/orchestrator.yml`;
      const config = await loadOrchestratorConfig(ctx.files, configPath);
      const namesOnly = values["dry-run"];
      // The default registry needs the tenants' config; loaded once, it also feeds the first-run estimate.
      const tenantConfig = deps.registry || namesOnly ? undefined : await requireConfig(ctx);
      const registry = deps.registry
        ? await deps.registry(ctx, { namesOnly })
        : await createDefaultRegistry(ctx, {
          commands: { dbt: dbtCommand as unknown as Command, health: healthCommand as unknown as Command },
          namesOnly,
          ...(tenantConfig ? { config: tenantConfig } : {}),
        });
      const inputs = { ...planOptions, dry_run: values["dry-run"], orchestrator_config: configPath, report_format: values["report-format"] };

      if (values["dry-run"]) {
        const planned = planRun(config, { ...planOptions, registered: registry.names() });
        if (!planned.ok) throw new ConfigError(`Cannot plan '${configPath}':\n${planned.errors.join("\n")}`);
        ctx.out(renderPlan(planned.plan));
        const description = describePlan(planned.plan);
        const rows = planned.plan.steps.map((s) => ({ platform_name: s.name, platform_id: s.platformId ?? null, enabled: s.enabled, priority: s.priority, timeout: s.timeoutSeconds, max_attempts: s.retry.max_attempts, dependencies: s.dependencies }));
        const { path } = await writeRunReport(ctx, { command: "orchestrate", startedAt, inputs, exitCode: ExitCode.ok, summary: { steps: rows.length, stages: description.stages.length }, rows, messages: planned.plan.warnings });
        return {
          exitCode: ExitCode.ok,
          json: { dry_run: true, mode: planned.plan.mode, max_parallel: planned.plan.maxParallel, continue_on_failure: planned.plan.continueOnFailure, global_timeout: planned.plan.globalTimeoutSeconds, plan: description, steps: rows, warnings: planned.plan.warnings, run_report_path: path },
          outputs: { status: "planned", run_report_path: path, report_path: "" },
        };
      }

      const estimate = estimateFromHistory(await ctx.files.tryReadText(`${reportDir(ctx)}/latest/orchestrate.json`), {
        fallback: estimateFirstRun({ connections: tenantConfig ? connectionCountsOf(tenantConfig) : await connectionCounts(ctx) }),
      });
      const run = await runOrchestrator(config, { ...planOptions, registry, estimate, clock: ctx.clock, signal: ctx.signal, log: ctx.log, hooks: loggingHooks(ctx), exitCodeFor, ...(deps.random ? { random: deps.random } : {}) });
      if (!run.ok) throw new ConfigError(`Cannot plan '${configPath}':\n${run.errors.join("\n")}`);
      const { report, csv, status, plan } = run.value;
      const exitCode = exitCodeFor(status);
      for (const warning of plan.warnings) ctx.log.warn(warning);
      ctx.log.info(renderSummaryBlock(report.summary));
      const format = values["report-format"];
      const reportPath = values["report-path"] ?? `${reportDir(ctx)}/latest/orchestrate-execution.${format}`;
      await ctx.files.writeText(reportPath, ctx.redactor.redact(format === "csv" ? csv : `${JSON.stringify(report, null, 2)}\n`));
      const messages = [...plan.warnings];
      if (run.value.outcome.stopped) messages.push("Stopped at the first failure (continue_on_failure: false)");
      if (exitCode === ExitCode.config) messages.push("Nothing ran: every selected step is disabled");
      const { path } = await writeRunReport(ctx, {
        command: "orchestrate",
        startedAt,
        inputs,
        exitCode,
        summary: { ...report.summary },
        rows: report.platforms.map((p) => ({ ...p })),
        messages,
      });
      if (exitCode === ExitCode.config) ctx.log.error("Nothing ran: every selected step is disabled");
      return {
        exitCode,
        json: { ...report, report_path: reportPath, run_report_path: path, warnings: plan.warnings },
        summaryMarkdown: renderJobSummary(report, { notes: [...messages, `Execution report: \`${reportPath}\``] }),
        outputs: { status: outcomeForExitCode(exitCode), report_path: reportPath, run_report_path: path },
      };
    },
  });
}

/** `adops orchestrate`: the platform orchestrator (issue #6). */
export const orchestrateCommand = createOrchestrateCommand();
