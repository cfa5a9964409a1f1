import type { CommandContext } from "../cli/command.ts";
import type { AdopsConfig } from "../config/mod.ts";
import { createPipelines, createRegistry, type Pipeline, type PipelineRegistry, STEP_NAMES } from "../orchestrator/mod.ts";
import { syncApiFor } from "./airbyte-client.ts";
import { createStepPorts, createSyncPort, type StepCommands } from "./orchestrator-ports.ts";
import { requireConfig } from "./require-config.ts";

/** Options of {@link createDefaultRegistry}. */
export interface DefaultRegistryOptions {
  /** The commands the pipelines run in-process (dbt, health). */
  commands: StepCommands;
  /** Only the names are needed (a dry run): nothing is connected and no secret is read. @default false */
  namesOnly?: boolean;
  /** The config, when the command loaded it already. @default loaded with requireConfig */
  config?: AdopsConfig;
}

/**
 * The pipelines `adops orchestrate` runs: per platform, a forced sync of its
 * connections for every tenant through the sync engine (Airbyte from
 * platform.yml), then `adops dbt --per-source <platform>`; `marts`, `metrics`
 * and `health` run their adops commands in-process.
 *
 * @param ctx The command context (config folder, env, clock, redactor).
 * @param options The in-process commands; names only for a dry run.
 * @returns The registry.
 * @throws {ConfigError} When the config is invalid or an Airbyte auth env var is missing.
 * @example
 * ```ts ignore
 * const registry = await createDefaultRegistry(ctx, { commands: { dbt: dbtCommand, health: healthCommand } });
 * ```
 */
export async function createDefaultRegistry(ctx: CommandContext, options: DefaultRegistryOptions): Promise<PipelineRegistry> {
  if (options.namesOnly) {
    const unused: Pipeline = { run: () => Promise.reject(new RangeError("A names-only registry cannot run pipelines")) };
    return createRegistry(Object.fromEntries(STEP_NAMES.map((name) => [name, unused])));
  }
  const config = options.config ?? await requireConfig(ctx);
  const api = syncApiFor(ctx, config);
  return createRegistry(createPipelines({
    syncPlatform: createSyncPort({ api, clock: ctx.clock, log: ctx.log }, config),
    ...createStepPorts(ctx, options.commands),
  }));
}
