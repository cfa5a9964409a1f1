// Fakes and builders for health tests (and for other domains' tests that need a health document).
import type { ResolvedConnection } from "../config/mod.ts";
import type {
  ArtifactRead,
  DbtArtifactsPort,
  DbtManifestSource,
  DbtNodeResult,
  DbtRunResults,
  DbtSourceFreshness,
  JobHistoryPort,
  JobHistoryResult,
  SyncJob,
} from "./types.ts";

let nextId = 1000;

/**
 * A sync job; a succeeded job that ran five minutes unless overridden.
 *
 * @param overrides Fields to set (`createdAt` defaults to 0).
 * @returns The job.
 */
export function makeJob(overrides: Partial<SyncJob> = {}): SyncJob {
  const createdAt = overrides.createdAt ?? 0;
  const status = overrides.status ?? "succeeded";
  const terminal = status === "succeeded" || status === "failed" || status === "cancelled";
  return {
    id: nextId++,
    status,
    createdAt,
    endedAt: terminal ? createdAt + 5 * 60_000 : undefined,
    recordsCommitted: status === "succeeded" ? 100 : undefined,
    failure: status === "failed"
      ? { origin: "source", type: "config_error", message: "Invalid OAuth token" }
      : undefined,
    ...overrides,
  };
}

/**
 * A job history from memory, keyed by connection name (or managed key).
 * A value that is a string is returned as a read error with that message.
 *
 * @param byConnection Jobs (any order) or an error message, per connection.
 * @returns The port; `calls` counts reads.
 */
export function createFakeJobHistory(byConnection: Record<string, SyncJob[] | string>): JobHistoryPort & { calls: number } {
  const port = {
    calls: 0,
    listJobs(connection: ResolvedConnection, options: { since: number }): Promise<JobHistoryResult> {
      port.calls += 1;
      const entry = byConnection[connection.name] ?? byConnection[connection.managedKey];
      if (typeof entry === "string") return Promise.resolve({ ok: false, reason: "error", message: entry });
      const all = [...(entry ?? [])].sort((a, b) => b.createdAt - a.createdAt);
      const lastSuccess = all.findIndex((j) => j.status === "succeeded");
      const jobs = all.filter((j, i) => j.createdAt >= options.since || i <= lastSuccess);
      return Promise.resolve({ ok: true, connectionId: connection.connectionId ?? `conn-${connection.managedKey}`, jobs });
    },
  };
  return port;
}

/**
 * A run_results summary ending at `generatedAt` with the given node statuses.
 *
 * @param generatedAt When the run ended (epoch ms).
 * @param statuses Node unique id → status.
 * @param which The dbt command.
 * @returns The summary.
 */
export function makeRunResults(generatedAt: number, statuses: Record<string, string> = { "model.adops.fct_ads": "success" }, which = "build"): DbtRunResults {
  const results: DbtNodeResult[] = Object.entries(statuses).map(([uniqueId, status]) => ({
    uniqueId,
    status,
    message: status === "error" ? `Runtime Error in ${uniqueId}` : undefined,
  }));
  return { generatedAt, invocationId: "00000000-0000-4000-8000-00000000abcd", which, results };
}

function read<T>(value: T | undefined, name: string): Promise<ArtifactRead<T>> {
  return Promise.resolve(value === undefined ? { ok: false, reason: "missing", message: `No file '${name}'` } : { ok: true, value });
}

/**
 * dbt artifacts from memory; an absent one reads as missing.
 *
 * @param artifacts The artifacts.
 * @returns The port.
 */
export function createFakeDbtArtifacts(artifacts: {
  runResults?: DbtRunResults;
  sources?: DbtSourceFreshness;
  manifestSources?: DbtManifestSource[];
}): DbtArtifactsPort {
  return {
    readRunResults: () => read(artifacts.runResults, "target/run_results.json"),
    readSourceFreshness: () => read(artifacts.sources, "target/sources.json"),
    readFreshnessSources: () => read(artifacts.manifestSources, "target/manifest.json"),
  };
}
