import type { CommandContext } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";
import { createRegistry, type PipelineRegistry, STEP_NAMES } from "./registry.ts";
import type { Pipeline } from "./types.ts";

/**
 * The pipelines `adops orchestrate` runs by default: per platform, sync its
 * connections for every enabled tenant, then build its dbt staging models;
 * marts, metrics and health as shared steps.
 *
 * @param _ctx The command context (config, clock, signal).
 * @returns The registry.
 * @example
 * ```ts ignore
 * const registry = await createDefaultRegistry(ctx);
 * ```
 */
export function createDefaultRegistry(_ctx: CommandContext): Promise<PipelineRegistry> {
  const pending: Pipeline = {
    run: (context) => Promise.reject(new AdopsError(`Pipeline '${context.step}' is not wired to the sync engine and dbt yet`)),
  };
  return Promise.resolve(createRegistry(Object.fromEntries(STEP_NAMES.map((name) => [name, pending]))));
}
