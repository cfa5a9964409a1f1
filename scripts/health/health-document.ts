import type { Outcome } from "../core/mod.ts";
import { iso, roundMinutes } from "./_shared.ts";
import type { HealthCheck, Severity } from "./types.ts";

/** Overall status words of the runbook's health payload. */
export type OverallStatus = "healthy" | "degraded" | "down";

/** One tenant's entry in the health document. */
export interface TenantHealth {
  /** Tenant slug. */
  tenant: string;
  /** Human name. */
  display_name: string;
  /** healthy, degraded, or down (every sync check failing). */
  status: OverallStatus;
  /** Newest row loaded into any of the tenant's dbt sources (the runbook's snapshot lag). */
  newest_loaded_at: string | null;
  /** Minutes since `newest_loaded_at`. */
  snapshot_lag_minutes: number | null;
  /** The tenant's checks. */
  checks: HealthCheck[];
}

/** The runbook's machine-friendly health payload: one document, per-tenant entries, an overall status. */
export interface HealthDocument {
  /** Format version. */
  schema_version: 1;
  /** The checker's clock reading (ISO). */
  checked_at: string;
  /** healthy (all ok), down (no primary check ok), degraded otherwise. */
  status: OverallStatus;
  /** Counts by severity. */
  summary: { checks: number; ok: number; warning: number; critical: number };
  /** Per-tenant entries, in config order. */
  tenants: TenantHealth[];
  /** Platform-wide checks: the dbt run, and sources no tenant owns. */
  platform: { status: OverallStatus; checks: HealthCheck[] };
}

/** Checks that decide "down": a sync check (unless inactive) or the dbt run. */
function isPrimary(check: HealthCheck): boolean {
  return (check.check === "airbyte_sync" && check.status !== "inactive") || check.check === "dbt_run";
}

/**
 * The status of a set of checks: healthy when all are ok, down when there is a
 * primary check (Airbyte sync, dbt run) and none of them is ok, degraded
 * otherwise.
 *
 * @param checks The checks.
 * @returns The status word.
 * @example
 * ```ts
 * import { statusOf } from "./health-document.ts";
 * console.assert(statusOf([]) === "healthy");
 * ```
 */
export function statusOf(checks: readonly HealthCheck[]): OverallStatus {
  if (checks.every((c) => c.severity === "ok")) return "healthy";
  const primary = checks.filter(isPrimary);
  if (primary.length > 0 && primary.every((c) => c.severity !== "ok")) return "down";
  return "degraded";
}

/**
 * Assembles the health document from evaluated checks (pure).
 *
 * @param checks Every check of the run.
 * @param options The clock reading and the tenants in scope (slug and name, in order).
 * @returns The document.
 * @example
 * ```ts
 * import { buildHealthDocument } from "./health-document.ts";
 * const doc = buildHealthDocument([], { now: 0, tenants: [{ slug: "acme", displayName: "Acme" }] });
 * console.assert(doc.status === "healthy" && doc.tenants.length === 1);
 * ```
 */
export function buildHealthDocument(
  checks: readonly HealthCheck[],
  options: { now: number; tenants: readonly { slug: string; displayName: string }[] },
): HealthDocument {
  const count = (s: Severity) => checks.filter((c) => c.severity === s).length;
  const tenants = options.tenants.map((t): TenantHealth => {
    const own = checks.filter((c) => c.tenant === t.slug);
    const loaded = own
      .filter((c) => c.check === "source_freshness")
      .map((c) => c.details.max_loaded_at)
      .filter((v): v is string => typeof v === "string")
      .map((v) => Date.parse(v));
    const newest = loaded.length === 0 ? undefined : Math.max(...loaded);
    return {
      tenant: t.slug,
      display_name: t.displayName,
      status: statusOf(own),
      newest_loaded_at: iso(newest),
      snapshot_lag_minutes: newest === undefined ? null : roundMinutes(options.now - newest),
      checks: own,
    };
  });
  const known = new Set(options.tenants.map((t) => t.slug));
  const platform = checks.filter((c) => c.tenant === null || !known.has(c.tenant));
  return {
    schema_version: 1,
    checked_at: new Date(options.now).toISOString(),
    status: statusOf(checks),
    summary: { checks: checks.length, ok: count("ok"), warning: count("warning"), critical: count("critical") },
    tenants,
    platform: { status: statusOf(platform), checks: platform },
  };
}

/**
 * The outcome of a health run: `ok` healthy, `partial` degraded, `failed` down.
 *
 * @param status The overall status.
 * @returns The exit code.
 * @example
 * ```ts
 * import { healthOutcome } from "./health-document.ts";
 * console.assert(healthOutcome("degraded") === "partial");
 * ```
 */
export function healthOutcome(status: OverallStatus): Outcome {
  return status === "healthy" ? "ok" : status === "down" ? "failed" : "partial";
}

/**
 * Every check of a document, tenants first then platform-wide.
 *
 * @param doc The document.
 * @returns The checks.
 * @example
 * ```ts
 * import { allChecks, buildHealthDocument } from "./health-document.ts";
 * console.assert(allChecks(buildHealthDocument([], { now: 0, tenants: [] })).length === 0);
 * ```
 */
export function allChecks(doc: HealthDocument): HealthCheck[] {
  return [...doc.tenants.flatMap((t) => t.checks), ...doc.platform.checks];
}
