import { formatDuration } from "../core/mod.ts";
import { HOUR, iso, roundMinutes, RUNBOOK } from "./_shared.ts";
import type { ArtifactRead, DbtManifestSource, DbtSourceFreshness, HealthCheck, Severity, SourceStatus } from "./types.ts";

/** A tenant as source attribution needs it. */
export interface SourceTenant {
  /** Tenant slug. */
  slug: string;
  /** The tenant's destination namespace: raw sources in this schema belong to it. */
  namespace: string;
}

/** Options of {@link evaluateSourceFreshness}. */
export interface EvaluateSourceFreshnessOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** sources.json older than this is itself stale (`sla.dbt_fresh_hours`). */
  freshHours: number;
  /** Tenants, to attribute each source by `meta.tenant` or by schema. */
  tenants: readonly SourceTenant[];
}

const VERDICT: Record<string, SourceStatus> = { pass: "pass", warn: "warn", error: "error", "runtime error": "runtime_error" };

function severityOf(status: SourceStatus): Severity {
  return status === "pass" ? "ok" : status === "warn" || status === "stale" || status === "artifact_missing" ? "warning" : "critical";
}

/**
 * Turns `dbt source freshness` output into one check per source (pure): dbt's
 * own verdict (`pass`, `warn`, `error`, `runtime error`), plus `runtime_error`
 * for every manifest source with freshness configured that sources.json leaves
 * out (dbt omits sources whose freshness query failed). Each source is
 * attributed to a tenant (its `meta.tenant`, or the tenant whose destination
 * namespace is its schema). A missing or old sources.json adds one
 * platform-wide check (`artifact_missing` / `stale`).
 *
 * @param sources sources.json, or why it is missing.
 * @param manifest The manifest's freshness-configured sources, or why they are missing.
 * @param options Clock reading, SLA and tenants.
 * @returns One `source_freshness` check per source (and the artifact check when needed).
 * @example
 * ```ts
 * import { evaluateSourceFreshness } from "./evaluate-source-freshness.ts";
 * const rows = evaluateSourceFreshness({ ok: false, reason: "missing", message: "No file" }, { ok: true, value: [] }, { now: 0, freshHours: 24, tenants: [] });
 * console.assert(rows[0]?.status === "artifact_missing");
 * ```
 */
export function evaluateSourceFreshness(
  sources: ArtifactRead<DbtSourceFreshness>,
  manifest: ArtifactRead<DbtManifestSource[]>,
  options: EvaluateSourceFreshnessOptions,
): HealthCheck[] {
  const { now } = options;
  const artifact = { tenant: null, check: "source_freshness" as const, subject: "sources.json", runbook: RUNBOOK.sources };
  if (!sources.ok) {
    return [{ ...artifact, status: "artifact_missing", severity: "warning", message: `No usable sources.json: ${sources.message}`, since: null, details: { reason: sources.reason } }];
  }
  const configured = manifest.ok ? manifest.value : [];
  const byId = new Map(configured.map((s) => [s.uniqueId, s]));
  function tenantOf(uniqueId: string): string | null {
    const source = byId.get(uniqueId);
    if (source?.tenant !== undefined) return source.tenant;
    return options.tenants.find((t) => t.namespace === source?.schema)?.slug ?? null;
  }
  const out: HealthCheck[] = [];
  const age = now - sources.value.generatedAt;
  if (age >= options.freshHours * HOUR) {
    out.push({
      ...artifact,
      status: "stale",
      severity: "warning",
      message: `sources.json is ${formatDuration(age)} old (limit ${options.freshHours} h): source freshness has not been checked since`,
      since: iso(sources.value.generatedAt + options.freshHours * HOUR),
      details: { generated_at: iso(sources.value.generatedAt) },
    });
  }
  const seen = new Set<string>();
  for (const result of sources.value.results) {
    seen.add(result.uniqueId);
    const status = VERDICT[result.status] ?? "runtime_error";
    const loadedAge = result.maxLoadedAt === undefined ? undefined : now - result.maxLoadedAt;
    out.push({
      tenant: tenantOf(result.uniqueId),
      check: "source_freshness",
      subject: result.uniqueId,
      status,
      severity: severityOf(status),
      message: `dbt says '${result.status}'${loadedAge === undefined ? "" : `; newest row loaded ${formatDuration(loadedAge)} ago`}`,
      since: status === "pass" ? null : iso(sources.value.generatedAt),
      runbook: RUNBOOK.sources,
      details: { max_loaded_at: iso(result.maxLoadedAt), age_minutes: loadedAge === undefined ? null : roundMinutes(loadedAge), checked_at: iso(sources.value.generatedAt) },
    });
  }
  for (const source of configured) {
    if (seen.has(source.uniqueId)) continue;
    out.push({
      tenant: tenantOf(source.uniqueId),
      check: "source_freshness",
      subject: source.uniqueId,
      status: "runtime_error",
      severity: "critical",
      message: "Freshness is configured but dbt left this source out of sources.json: its freshness query failed (missing table?)",
      since: iso(sources.value.generatedAt),
      runbook: RUNBOOK.sources,
      details: { omitted_by_dbt: true, checked_at: iso(sources.value.generatedAt) },
    });
  }
  return out;
}
