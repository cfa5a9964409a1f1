import { parseOptions } from "../cli/args.ts";
import { type Command, type CommandContext, commonOptions } from "../cli/command.ts";
import { isAdopsError } from "../cli/errors.ts";
import type { AdopsConfig } from "../config/types.ts";
import { createLimiter } from "../core/pool.ts";
import { classifyStatus, retryPolicyFromConfig, runSyncs, selectConnections, type SyncDeps } from "../sync/mod.ts";
import type { PipelinePorts } from "./platform-pipelines.ts";

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
 * Runs adops commands in-process for the pipelines (`dbt --per-source meta`,
 * `health`), with the step's signal as the command's signal, output sent to
 * the debug log and a run id of their own (`<run>-<n>`, so each writes its own
 * run report). dbt runs one at a time (DuckDB allows one writer).
 *
 * @param ctx The orchestrate command's context.
 * @param commands The commands that may be run (dbt, health).
 * @returns `runCommand` for {@link PipelinePorts}.
 * @example
 * ```ts ignore
 * const runCommand = createCommandPort(ctx, [dbtCommand, healthCommand]);
 * ```
 */
export function createCommandPort(ctx: CommandContext, commands: readonly Command[]): PipelinePorts["runCommand"] {
  const dbtLock = createLimiter(1);
  let invocation = 0;
  return (argv, options) => {
    const [name, ...rest] = argv;
    const command = commands.find((c) => c.name === name);
    if (command === undefined) return Promise.reject(new RangeError(`No command '${name}' for the orchestrator`));
    const run = async () => {
      const args = parseOptions(["--json", ...rest], { ...command.options, ...commonOptions });
      // Its own run id, so each nested command writes its own run report.
      const runId = `${ctx.runId}-${++invocation}`;
      const child: CommandContext = { ...ctx, runId, signal: options.signal, log: options.log, out: (t) => options.log.debug(t), json: true };
      try {
        const result = await command.run(child, args as never);
        return { exitCode: result.exitCode, json: result.json };
      } catch (error) {
        if (!isAdopsError(error)) throw error;
        options.log.error(`adops ${argv.join(" ")}: ${error.message}`);
        return { exitCode: error.exitCode, json: null };
      }
    };
    return name === "dbt" ? dbtLock(run, { signal: options.signal }) : run();
  };
}
