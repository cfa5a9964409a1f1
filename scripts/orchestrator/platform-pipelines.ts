import { AdopsError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import type { Logger } from "../cli/logger.ts";
import type { PlatformId } from "../config/types.ts";
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

/** What an in-process adops command returned. */
export interface CommandOutcome {
  /** The command's exit code. */
  exitCode: number;
  /** Its JSON result. */
  json: unknown;
}

/** The ports the real pipelines use; each takes the step's signal. */
export interface PipelinePorts {
  /** Syncs a platform's connections for every enabled tenant through the sync engine (cancelling its Airbyte jobs on abort). */
  syncPlatform(platformId: PlatformId, options: { signal: AbortSignal; attempt: number; log: Logger }): Promise<PlatformSyncResult>;
  /** Runs an adops command in-process, e.g. `["dbt", "--per-source", "meta"]`. */
  runCommand(argv: readonly string[], options: { signal: AbortSignal; log: Logger }): Promise<CommandOutcome>;
}

/**
 * The adops command each step runs after (or instead of) syncing: data, so a
 * change of the dbt CLI is one line here.
 */
export const STEP_COMMANDS = {
  /**
   * A platform's dbt staging models and their tests. Not the whole seed 003
   * per-source flow (`adops dbt --per-source`), which also builds the marts and
   * metrics: those are the graph's own `marts` and `metrics` steps, so running
   * them per platform would build them three more times.
   */
  staging: (platformId: PlatformId): string[] => ["dbt", "--steps", "build", "--select", `path:models/staging/${platformId}`],
  /** Seeds, the intermediate models and the marts (fct_campaign_performance and dimensions), with their tests. */
  marts: ["dbt", "--steps", "seed,build", "--select", "path:models/intermediate", "--select", "path:models/marts"],
  /** The metrics models and their tests. */
  metrics: ["dbt", "--steps", "build", "--select", "path:models/metrics"],
  /** Health checks (Airbyte freshness, dbt freshness). */
  health: ["health"],
} as const;

/** A step failure the orchestrator should not retry (configuration problems). */
class PermanentStepError extends AdopsError {
  /** Read by the scheduler: configuration errors do not get better by retrying. */
  readonly retriable = false;
}

function rowsOf(json: unknown): Record<string, unknown>[] {
  const rows = (json as { rows?: unknown } | null)?.rows ?? (json as { nodes?: unknown } | null)?.nodes;
  return Array.isArray(rows) ? rows.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null) : [];
}

/**
 * Counts what a dbt (or health) command did from its JSON: tables = nodes
 * that passed (`counts.pass` of `adops dbt`, else rows with a success status),
 * rows = the sum of `rows_affected` where rows carry it.
 *
 * @param json The command's JSON result.
 * @returns Rows and tables.
 * @example
 * ```ts
 * import { countCommandWork } from "./platform-pipelines.ts";
 * console.assert(countCommandWork({ counts: { pass: 12, error: 0 } }).tables_processed === 12);
 * const n = countCommandWork({ rows: [{ status: "success", rows_affected: 5 }, { status: "pass" }, { status: "error" }] });
 * console.assert(n.tables_processed === 2 && n.rows_processed === 5);
 * ```
 */
export function countCommandWork(json: unknown): PipelineOutcome {
  const rows = rowsOf(json);
  const ok = rows.filter((r) => ["success", "pass", "ok", "succeeded"].includes(String(r.status)));
  const affected = ok.reduce((sum, r) => sum + (typeof r.rows_affected === "number" ? r.rows_affected : 0), 0);
  const pass = (json as { counts?: { pass?: unknown } } | null)?.counts?.pass;
  return { rows_processed: affected, tables_processed: typeof pass === "number" ? pass : ok.length };
}

async function runChecked(ports: PipelinePorts, argv: readonly string[], signal: AbortSignal, log: Logger): Promise<PipelineOutcome> {
  const outcome = await ports.runCommand(argv, { signal, log });
  if (outcome.exitCode === ExitCode.ok) return countCommandWork(outcome.json);
  const status = (outcome.json as { status?: unknown } | null)?.status;
  const message = `'adops ${argv.join(" ")}' exited with ${outcome.exitCode}${typeof status === "string" ? ` (${status})` : ""}`;
  if (outcome.exitCode === ExitCode.config) throw new PermanentStepError(message, { exitCode: ExitCode.config });
  throw new AdopsError(message, { exitCode: ExitCode.partial });
}

/**
 * The real pipelines by step name: each platform step syncs its connections
 * for every tenant and then builds its dbt models; `marts`, `metrics` and
 * `health` run their adops command.
 *
 * @param ports Sync and in-process commands.
 * @returns Pipelines for {@link createRegistry}.
 * @example
 * ```ts ignore
 * const registry = createRegistry(createPipelines({ syncPlatform, runCommand }));
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
            { exitCode: ExitCode.partial },
          );
        }
        const built = await runChecked(ports, STEP_COMMANDS.staging(platformId), signal, context.log);
        return { rows_processed: synced.records + built.rows_processed, tables_processed: built.tables_processed };
      },
    };
  }
  for (const name of ["marts", "metrics", "health"] as const) {
    pipelines[name] = { run: (context, signal) => runChecked(ports, STEP_COMMANDS[name], signal, context.log) };
  }
  return pipelines;
}
