import type { Clock, Logger } from "../core/mod.ts";
import type { AdopsConfig } from "../config/mod.ts";
import { retryPolicyFromConfig } from "./retry-policy.ts";
import { runSyncs, type SyncRunOptions, type SyncRunResult } from "./run-syncs.ts";
import { selectConnections, type SelectFilter } from "./select-connections.ts";
import { stuckPolicyFromConfig } from "./stuck-policy.ts";
import type { SyncApi } from "./sync-api.ts";

/** What {@link syncFromConfig} runs with (a CommandContext fits). */
export interface SyncFromConfigDeps {
  /** The clock. */
  clock: Clock;
  /** Progress and diagnostics. */
  log: Logger;
  /** The Airbyte port (`commands/airbyte-client.ts` builds the real one). */
  api: SyncApi;
  /** Uniform draws for retry jitter. @default Math.random */
  random?: () => number;
}

/** Options of {@link syncFromConfig}: a selection plus every `runSyncs` option. */
export interface SyncFromConfigOptions extends SyncRunOptions {
  /** Which connections (tenants, connections, one platform). @default all */
  filter?: SelectFilter;
}

/**
 * Syncs the configured connections of every tenant (or the ones `filter`
 * picks): builds the Airbyte port from `platform.yml` unless given, takes the
 * retry policy, the stuck thresholds (`sync:`) and concurrency from
 * `platform.yml` unless overridden, and runs
 * {@link runSyncs}. This is what `adops sync`, the orchestrator's platform steps
 * and the demo call.
 *
 * @param deps Environment, clock, logger (and optionally the port).
 * @param config The loaded config.
 * @param options Filter, signal, force, dry run, cancel on abort, policies.
 * @returns The outcomes, report rows, counts and exit code.
 * @throws {UsageError} When the filter names an unknown tenant or connection.
 * @throws {ConfigError} When an Airbyte auth env var is missing.
 * @example
 * ```ts ignore
 * // The orchestrator's "facebook" step, aborted on its timeout:
 * const result = await syncFromConfig(ctx, config, { filter: { platform: "meta" }, signal, cancelOnAbort: true });
 * ```
 */
export function syncFromConfig(deps: SyncFromConfigDeps, config: AdopsConfig, options: SyncFromConfigOptions = {}): Promise<SyncRunResult> {
  const { filter, ...runOptions } = options;
  const selection = selectConnections(config, filter ?? {});
  return runSyncs({ api: deps.api, clock: deps.clock, log: deps.log, ...(deps.random ? { random: deps.random } : {}) }, selection, {
    concurrency: config.platform.airbyte.concurrency ?? 4,
    retry: retryPolicyFromConfig(config.platform.retry),
    ...stuckPolicyFromConfig(config.platform.sync),
    ...runOptions,
  });
}
