import { redactDeep } from "../core/mod.ts";
import type { AdopsConfig, ResolvedTenant } from "../config/mod.ts";
import { DAY, HOUR } from "./_shared.ts";
import { evaluateCadence } from "./evaluate-cadence.ts";
import { type EvaluateCredentialsOptions, evaluateCredentials } from "./evaluate-credentials.ts";
import { evaluateDbtRun } from "./evaluate-dbt-run.ts";
import { evaluateEmptySync } from "./evaluate-empty-sync.ts";
import { evaluateSourceFreshness } from "./evaluate-source-freshness.ts";
import { evaluateSync } from "./evaluate-sync.ts";
import { evaluateTransformLag, type SuccessfulSync } from "./evaluate-transform-lag.ts";
import { evaluateStagingVolume } from "./evaluate-staging-volume.ts";
import { evaluateVolumeAnomaly } from "./evaluate-volume-anomaly.ts";
import { judgesVolume, type VolumePolicy, volumePolicy } from "./volume-policy.ts";
import { buildHealthDocument, type HealthDocument } from "./health-document.ts";
import type { DbtArtifactsPort, HealthCheck, JobHistoryPort, JobHistoryResult } from "./types.ts";

/** The inputs of a health run. */
export interface HealthPorts {
  /** Airbyte job history per connection. */
  jobs: JobHistoryPort;
  /** dbt artifacts. */
  dbt: DbtArtifactsPort;
}

/** Options of {@link collectHealth}. */
export interface CollectHealthOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** Aborts the job-history reads. */
  signal?: AbortSignal;
  /**
   * Only these tenant slugs (platform-wide dbt checks always run).
   * @default every tenant
   */
  tenants?: readonly string[];
  /**
   * Connections whose history is read at the same time.
   * @default config.platform.airbyte.concurrency, else 4
   */
  concurrency?: number;
  /**
   * Hours of job history compared with the schedule.
   * @default 26
   */
  driftLookbackHours?: number;
  /**
   * Masks secrets in what the ports return (Airbyte failure messages, dbt
   * errors), before any evaluator cuts a message short.
   * @default identity
   */
  redact?: (text: string) => string;
  /**
   * Rotation dates (the fingerprint store) and failed source checks, for
   * `credential_expiring` against platform.yml's `credentials:` policies.
   * @default no credential checks
   */
  credentials?: Pick<EvaluateCredentialsOptions, "rotations" | "checkFailures">;
}

async function readHistory(ports: HealthPorts, tenant: ResolvedTenant, options: CollectHealthOptions, since: number, volume: VolumePolicy): Promise<JobHistoryResult[]> {
  const out: JobHistoryResult[] = [];
  for (const connection of tenant.connections) {
    if (connection.status === "inactive") {
      out.push({ ok: true, connectionId: connection.connectionId ?? "", jobs: [] });
      continue;
    }
    // Volume anomalies need weeks of history: read back further (bounded), for the connections they judge.
    const long = judgesVolume(volume, connection) ? { since: Math.min(since, options.now - volume.historyDays * DAY), maxJobs: volume.maxJobs } : { since };
    try {
      out.push(await ports.jobs.listJobs(connection, { ...long, ...(options.signal ? { signal: options.signal } : {}) }));
    } catch (error) {
      if (options.signal?.aborted) throw error;
      out.push({ ok: false, reason: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

/** A history as the port answers for `since` alone: jobs created since then, and back to the newest success. */
function trimmed(history: JobHistoryResult, since: number): JobHistoryResult {
  if (!history.ok) return history;
  const lastSuccess = history.jobs.findIndex((j) => j.status === "succeeded");
  return { ...history, jobs: history.jobs.filter((j, i) => j.createdAt >= since || i <= lastSuccess) };
}

/**
 * Runs every health check: reads each connection's job history (weeks of it
 * for the connections the volume anomaly policy judges) and dbt's
 * artifacts through the ports, evaluates them with the pure evaluators and
 * assembles the health document. A failing history read becomes a
 * `check_failed` check, never an exception (except when aborted).
 *
 * @param config The config.
 * @param ports Job history and dbt artifacts.
 * @param options Clock reading, signal, tenant filter, concurrency, drift lookback.
 * @returns The health document.
 * @example
 * ```ts
 * import { collectHealth } from "./collect-health.ts";
 * import { createFakeDbtArtifacts, createFakeJobHistory } from "./testing.ts";
 * import { makeConfig } from "../config/testing.ts";
 * const doc = await collectHealth(makeConfig(), { jobs: createFakeJobHistory({}), dbt: createFakeDbtArtifacts({}) }, { now: Date.UTC(2026, 10, 23, 17) });
 * console.assert(doc.status === "down");
 * ```
 */
export async function collectHealth(config: AdopsConfig, ports: HealthPorts, options: CollectHealthOptions): Promise<HealthDocument> {
  const { now } = options;
  const lookbackHours = options.driftLookbackHours ?? 26;
  const since = now - lookbackHours * HOUR;
  const tenants = options.tenants === undefined || options.tenants.length === 0
    ? config.tenants
    : config.tenants.filter((t) => options.tenants?.includes(t.slug));
  const limit = Math.max(1, options.concurrency ?? config.platform.airbyte.concurrency ?? 4);
  const volume = volumePolicy(config.platform);
  const histories = new Map<ResolvedTenant, JobHistoryResult[]>();
  for (let i = 0; i < tenants.length; i += limit) {
    const batch = tenants.slice(i, i + limit);
    const results = await Promise.all(batch.map((t) => readHistory(ports, t, options, since, volume)));
    batch.forEach((t, j) => histories.set(t, results[j] as JobHistoryResult[]));
  }
  const clean = <T>(value: T): T => (options.redact ? redactDeep(value, options.redact) : value);
  const [run, sources, manifest, staging] = clean(
    await Promise.all([ports.dbt.readRunResults(), ports.dbt.readSourceFreshness(), ports.dbt.readFreshnessSources(), ports.dbt.readStagingVolume?.()]),
  );

  const checks: HealthCheck[] = [];
  const successes: SuccessfulSync[] = [];
  for (const tenant of tenants) {
    const results = clean(histories.get(tenant) ?? []);
    tenant.connections.forEach((connection, i) => {
      const full = results[i] as JobHistoryResult;
      const history = trimmed(full, since);
      checks.push(
        evaluateSync(connection, history, { now, platform: config.platform, timeZone: tenant.timeZone }),
        evaluateEmptySync(connection, history),
        evaluateCadence(connection, history, { now, platform: config.platform, lookbackHours }),
      );
      if (judgesVolume(volume, connection)) checks.push(...evaluateVolumeAnomaly(connection, full, { now, timeZone: tenant.timeZone, settings: volume.settings }));
      if (history.ok) {
        for (const j of history.jobs) if (j.status === "succeeded" && j.endedAt !== undefined) successes.push({ tenant: tenant.slug, connection: connection.name, endedAt: j.endedAt });
      }
    });
    if (options.credentials !== undefined) {
      checks.push(...evaluateCredentials(tenant, results, { now, policies: config.platform.credentials, ...options.credentials }));
    }
  }
  // The staging models' rows per platform, from the latest dbt report (health never reads the warehouse).
  const scope = tenants.map((t) => ({ slug: t.slug, timeZone: t.timeZone, platforms: [...new Set(t.connections.filter((c) => judgesVolume(volume, c)).map((c) => c.platform))] }));
  checks.push(...evaluateStagingVolume(staging, { scope, settings: volume.settings }));
  const freshHours = config.platform.sla.dbt_fresh_hours;
  checks.push(evaluateDbtRun(run, { now, freshHours }));
  checks.push(evaluateTransformLag(run, successes, { freshHours }));
  const inScope = new Set(tenants.map((t) => t.slug));
  checks.push(
    ...evaluateSourceFreshness(sources, manifest, {
      now,
      freshHours,
      tenants: config.tenants.map((t) => ({ slug: t.slug, namespace: t.destinationNamespace })),
    }).filter((c) => c.tenant === null || inScope.has(c.tenant)),
  );
  return buildHealthDocument(checks, { now, tenants: tenants.map((t) => ({ slug: t.slug, displayName: t.displayName })) });
}
