import type { AdopsConfig } from "../config/mod.ts";

/** The dbt vars the ops models read from config (see dbt/README.md "ops models"). */
export interface DbtOpsVars {
  /** dbt's freshness SLA in hours (`sla.dbt_fresh_hours`): ops_dbt_sla_daily judges by it, as health does. */
  dbt_fresh_hours: number;
  /** The platform's time zone (`timezone`), for a tenant missing from `ops_time_zones`. */
  ops_time_zone: string;
  /** Each tenant's time zone by slug: sync runs are counted on the tenant-local day they ended. */
  ops_time_zones: Record<string, string>;
}

/**
 * The vars of the ops models for a config: dbt's freshness SLA and the tenants' time zones.
 *
 * @param config The loaded config.
 * @returns The vars, ready for `--vars`.
 * @example
 * ```ts
 * import { dbtOpsVars } from "./ops-vars.ts";
 * import { makeConfig } from "../config/testing.ts";
 * const v = dbtOpsVars(makeConfig());
 * console.assert(v.dbt_fresh_hours === 24 && v.ops_time_zones.acme === "America/Jamaica");
 * ```
 */
export function dbtOpsVars(config: Pick<AdopsConfig, "platform" | "tenants">): DbtOpsVars {
  return {
    dbt_fresh_hours: config.platform.sla.dbt_fresh_hours,
    ops_time_zone: config.platform.timezone,
    ops_time_zones: Object.fromEntries(config.tenants.map((t) => [t.slug, t.timeZone])),
  };
}
