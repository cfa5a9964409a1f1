import type { TenantLayout } from "./tenant-layouts.ts";

/** One platform of a tenant in the dbt var `tenants`. */
export interface DbtPlatformVar {
  /** The ad account id as config holds it. */
  account_id: string;
  /** The account's currency. */
  currency: string;
  /** Namespace override. */
  namespace?: string;
  /** Prefix override. */
  prefix?: string;
  /** The streams the tenant's connections sync (only these tables are read). */
  streams?: string[];
  /** Per-stream namespace/prefix for connections that differ from the platform's. */
  stream_targets?: Record<string, { namespace: string; prefix: string }>;
}

/** One entry of the dbt var `tenants` (see dbt/README.md). */
export interface DbtTenantVar {
  slug: string;
  namespace: string;
  prefix: string;
  platforms: Record<string, DbtPlatformVar>;
}

/**
 * The dbt var `tenants` for tenant layouts: what `union_tenant_sources()` and
 * `configured_ad_accounts()` read to find each tenant's raw tables and accounts.
 *
 * @param layouts Tenant layouts (from {@link tenantLayoutsFromConfig}).
 * @returns The var value, ready for `--vars` (JSON is YAML).
 * @example
 * ```ts
 * import { dbtTenantsVar } from "./tenants-var.ts";
 * const v = dbtTenantsVar([{ slug: "a", namespace: "raw_a", prefix: "a_", platforms: { meta: { accountId: "act_1", currency: "USD" } }, streamTargets: {} }]);
 * console.assert(v[0]?.platforms.meta?.account_id === "act_1");
 * ```
 */
export function dbtTenantsVar(layouts: readonly TenantLayout[]): DbtTenantVar[] {
  return layouts.map((t) => {
    const platforms: DbtTenantVar["platforms"] = {};
    for (const [id, a] of Object.entries(t.platforms)) {
      if (a === undefined) continue;
      const targets = t.streamTargets[id as keyof TenantLayout["streamTargets"]];
      platforms[id] = {
        account_id: a.accountId,
        currency: a.currency,
        ...(a.namespace === undefined ? {} : { namespace: a.namespace }),
        ...(a.prefix === undefined ? {} : { prefix: a.prefix }),
        ...(a.streams === undefined ? {} : { streams: [...a.streams] }),
        ...(targets === undefined || Object.keys(targets).length === 0 ? {} : { stream_targets: targets }),
      };
    }
    return { slug: t.slug, namespace: t.namespace, prefix: t.prefix, platforms };
  });
}
