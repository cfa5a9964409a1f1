import type { Command, CommandContext } from "../cli/command.ts";
import { outcomeForExitCode } from "../cli/exit-codes.ts";
import { runInProcess } from "../cli/run-in-process.ts";
import { createLimiter } from "../core/mod.ts";
import type { AdopsConfig, PlatformId } from "../config/mod.ts";
import type { PipelinePorts, StepCall, StepWork } from "../orchestrator/mod.ts";
import { classifyStatus, retryPolicyFromConfig, runSyncs, selectConnections, stuckPolicyFromConfig, type SyncDeps } from "../sync/mod.ts";

/**
 * The sync half of the platform pipelines: `runSyncs` over the platform's
 * connections of every tenant, forced (the orchestrator's run is the
 * schedule), with Airbyte jobs cancelled when the step's signal aborts. A
 * retry of the step syncs only the connections that have not succeeded yet in
 * this run.
 *
 * @param deps The sync engine's ports (Airbyte, clock, log).
 * @param config The loaded config.
 * @returns `syncPlatform` for {@link PipelinePorts}.
 * @example
 * ```ts ignore
 * const syncPlatform = createSyncPort({ api, clock, log }, config);
 * ```
 */
export function createSyncPort(deps: SyncDeps, config: AdopsConfig): PipelinePorts["syncPlatform"] {
  const done = new Set<string>();
  return async (platformId, options) => {
    const selection = selectConnections(config, { platform: platformId });
    const key = (tenant: string, template: string) => `${tenant}/${template}`;
    const remaining = selection.filter((s) => !done.has(key(s.tenant.slug, s.connection.template)));
    const result = await runSyncs({ ...deps, log: options.log }, remaining, {
      signal: options.signal,
      force: true,
      cancelOnAbort: true,
      retry: retryPolicyFromConfig(config.platform.retry),
      ...stuckPolicyFromConfig(config.platform.sync),
    });
    if (options.signal.aborted) throw options.signal.reason;
    const failures: string[] = [];
    let records = 0;
    for (const o of result.outcomes) {
      records += o.recordsCommitted;
      const verdict = classifyStatus(o.status);
      if (verdict === "ok") done.add(key(o.tenant, o.template));
      else if (verdict === "failed" || verdict === "interrupted") failures.push(`${key(o.tenant, o.template)}: ${o.status}${o.reason ? ` (${o.reason})` : ""}`);
    }
    return { connections: selection.length, succeeded: selection.length - remaining.length + result.outcomes.filter((o) => classifyStatus(o.status) === "ok").length, records, failures };
  };
}

/**
 * The dbt and health invocations behind the orchestrator's typed ports: data,
 * so a change of the dbt CLI is one line here.
 */
export const STEP_ARGV = {
  /** A platform's dbt staging models and their tests. */
  platformModels: (platformId: PlatformId): string[] => ["--steps", "build", "--select", `path:models/staging/${platformId}`],
  /** Seeds, the intermediate models and the marts (fct_campaign_performance and dimensions), with their tests. */
  marts: ["--steps", "seed,build", "--select", "path:models/intermediate", "--select", "path:models/marts"],
  /** The metrics models and their tests. */
  metrics: ["--steps", "build", "--select", "path:models/metrics"],
  /** Health checks (Airbyte freshness, dbt freshness). */
  health: [],
} as const;

function rowsOf(json: unknown): Record<string, unknown>[] {
  const rows = (json as { rows?: unknown } | null)?.rows ?? (json as { nodes?: unknown } | null)?.nodes;
  return Array.isArray(rows) ? rows.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null) : [];
}

/**
 * What a dbt (or health) command did, from its JSON: tables = nodes that
 * passed (`counts.pass` of `adops dbt`, else rows with a success status), rows
 * = the sum of `rows_affected` where rows carry it.
 *
 * @param exitCode The command's exit code.
 * @param json The command's JSON result.
 * @returns The step's work.
 * @example
 * ```ts
 * import { stepWorkFrom } from "./orchestrator-ports.ts";
 * console.assert(stepWorkFrom(0, { counts: { pass: 12, error: 0 } }).tablesProcessed === 12);
 * const n = stepWorkFrom(0, { rows: [{ status: "success", rows_affected: 5 }, { status: "pass" }, { status: "error" }] });
 * console.assert(n.tablesProcessed === 2 && n.rowsProcessed === 5 && n.outcome === "ok");
 * ```
 */
export function stepWorkFrom(exitCode: number, json: unknown): StepWork {
  const rows = rowsOf(json);
  const ok = rows.filter((r) => ["success", "pass", "ok", "succeeded"].includes(String(r.status)));
  const affected = ok.reduce((sum, r) => sum + (typeof r.rows_affected === "number" ? r.rows_affected : 0), 0);
  const pass = (json as { counts?: { pass?: unknown } } | null)?.counts?.pass;
  const status = (json as { status?: unknown } | null)?.status;
  return {
    outcome: outcomeForExitCode(exitCode),
    rowsProcessed: affected,
    tablesProcessed: typeof pass === "number" ? pass : ok.length,
    ...(exitCode !== 0 ? { detail: `exit ${exitCode}${typeof status === "string" ? ` (${status})` : ""}` } : {}),
  };
}

/** The commands behind the ports. */
export interface StepCommands {
  dbt: Command;
  health: Command;
}

/**
 * The dbt and health halves of the pipelines: each runs its command in-process
 * (the one runner, `cli/run-in-process.ts`) with the step's signal and logger,
 * output to the debug log, a run id of its own (each writes its own run report).
 * dbt runs one at a time (DuckDB allows one writer).
 *
 * @param ctx The orchestrate command's context.
 * @param commands The dbt and health commands.
 * @returns `buildPlatformModels` and `runStep` for {@link PipelinePorts}.
 * @example
 * ```ts ignore
 * const ports = createStepPorts(ctx, { dbt: dbtCommand, health: healthCommand });
 * ```
 */
export function createStepPorts(ctx: CommandContext, commands: StepCommands): Pick<PipelinePorts, "buildPlatformModels" | "runStep"> {
  const dbtLock = createLimiter(1);
  const run = async (command: Command, argv: readonly string[], call: StepCall): Promise<StepWork> => {
    const invoke = async () => {
      const result = await runInProcess(ctx, command, {
        argv,
        json: true,
        signal: call.signal,
        log: call.log,
        out: (t) => call.log.debug(t),
        onError: (message) => call.log.error(`adops ${command.name} ${argv.join(" ")}: ${message}`),
      });
      return stepWorkFrom(result.exitCode, result.json);
    };
    return command === commands.dbt ? await dbtLock(invoke, { signal: call.signal }) : await invoke();
  };
  return {
    buildPlatformModels: (platformId, call) => run(commands.dbt, STEP_ARGV.platformModels(platformId), call),
    runStep: (step, call) => step === "health" ? run(commands.health, STEP_ARGV.health, call) : run(commands.dbt, STEP_ARGV[step], call),
  };
}
