import { AdopsError, type Logger, type Outcome } from "../core/mod.ts";
import type { PlatformId } from "../config/mod.ts";
import { PLATFORM_STEPS } from "./registry.ts";
import type { Pipeline, PipelineOutcome } from "./types.ts";

/** What syncing one platform's connections for every tenant gave. */
export interface PlatformSyncResult {
  /** Connections selected. */
  connections: number;
  /** Connections synced (or already synced by an earlier attempt of this run). */
  succeeded: number;
  /** Records committed by this attempt. */
  records: number;
  /** Connections that did not sync, as `tenant/template: status (reason)`. */
  failures: string[];
}

/** What a dbt or health step did, as the step's port reports it. */
export interface StepWork {
  /** How the step ended. */
  outcome: Outcome;
  /** Rows the step processed (dbt's `rows_affected` summed). */
  rowsProcessed: number;
  /** Tables (nodes) that passed. */
  tablesProcessed: number;
  /** Why it did not end `ok` (for the step's error message). */
  detail?: string;
}

/** The platform-wide steps after the platform pipelines. */
export type PlatformWideStep = "marts" | "metrics" | "health";

/** What every port call gets: the step's signal and logger. */
export interface StepCall {
  signal: AbortSignal;
  log: Logger;
}

/** The ports the real pipelines use; each takes the step's signal. */
export interface PipelinePorts {
  /** Syncs a platform's connections for every enabled tenant through the sync engine (cancelling its Airbyte jobs on abort). */
  syncPlatform(platformId: PlatformId, options: StepCall & { attempt: number }): Promise<PlatformSyncResult>;
  /**
   * Builds this platform's dbt staging models and their tests. Not the whole
   * seed 003 per-source flow, which also builds the marts and metrics: those are
   * the graph's own steps, so running them per platform would build them three
   * more times.
   */
  buildPlatformModels(platformId: PlatformId, options: StepCall): Promise<StepWork>;
  /** Runs `marts` (seeds, intermediate models, marts), `metrics`, or `health`. */
  runStep(step: PlatformWideStep, options: StepCall): Promise<StepWork>;
}

/** A step failure the orchestrator should not retry (configuration problems). */
class PermanentStepError extends AdopsError {
  /** Read by the scheduler: configuration errors do not get better by retrying. */
  readonly retriable = false;
}

function checked(work: StepWork, what: string): PipelineOutcome {
  if (work.outcome === "ok") return { rows_processed: work.rowsProcessed, tables_processed: work.tablesProcessed };
  const message = `${what} ended ${work.outcome}${work.detail ? `: ${work.detail}` : ""}`;
  if (work.outcome === "config_error") throw new PermanentStepError(message, { kind: "config_error" });
  throw new AdopsError(message, { kind: "partial" });
}

/**
 * The real pipelines by step name: each platform step syncs its connections
 * for every tenant and then builds its dbt models; `marts`, `metrics` and
 * `health` run through {@link PipelinePorts.runStep}.
 *
 * @param ports Sync, models and platform-wide steps.
 * @returns Pipelines for {@link createRegistry}.
 * @example
 * ```ts ignore
 * const registry = createRegistry(createPipelines({ syncPlatform, buildPlatformModels, runStep }));
 * ```
 */
export function createPipelines(ports: PipelinePorts): Record<string, Pipeline> {
  const pipelines: Record<string, Pipeline> = {};
  for (const [name, platformId] of Object.entries(PLATFORM_STEPS)) {
    pipelines[name] = {
      async run(context, signal) {
        const synced = await ports.syncPlatform(platformId, { signal, attempt: context.attempt, log: context.log });
        if (synced.failures.length > 0) {
          const shown = synced.failures.slice(0, 5).join("; ");
          throw new AdopsError(
            `Sync failed for ${synced.failures.length} of ${synced.connections} ${platformId} connection(s): ${shown}${synced.failures.length > 5 ? "; …" : ""}`,
            { kind: "partial" },
          );
        }
        const built = checked(await ports.buildPlatformModels(platformId, { signal, log: context.log }), `${platformId} models`);
        return { rows_processed: synced.records + built.rows_processed, tables_processed: built.tables_processed };
      },
    };
  }
  for (const name of ["marts", "metrics", "health"] as const) {
    pipelines[name] = { run: async (context, signal) => checked(await ports.runStep(name, { signal, log: context.log }), `Step '${name}'`) };
  }
  return pipelines;
}
