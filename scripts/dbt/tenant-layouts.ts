import type { AdopsConfig } from "../config/mod.ts";

/** A platform whose raw Airbyte streams the dbt project reads. */
export type RawPlatform = "meta" | "google_ads" | "microsoft_ads" | "linkedin" | "tiktok";

/** Every platform the dbt project knows, in build order. */
export const RAW_PLATFORMS: readonly RawPlatform[] = ["meta", "google_ads", "microsoft_ads", "linkedin", "tiktok"];

/** One ad account of a tenant on a platform. */
export interface RawAccount {
  /** The platform's account id as config holds it (Meta's may start with `act_`). */
  accountId: string;
  /** ISO 4217 currency the account reports in. */
  currency: string;
  /** The account's name (Microsoft Ads' `account_names` filter matches it). */
  accountName?: string;
  /** Days each sync of the platform's stats stream re-reads (the template's lookback setting). */
  lookbackDays?: number;
  /** ISO 3166 country code; derived from the currency when absent. */
  country?: string;
  /** IANA time zone of the account. @default "America/Jamaica" */
  timeZone?: string;
  /** Namespace override for this platform's tables. */
  namespace?: string;
  /** Stream prefix override for this platform's tables. */
  prefix?: string;
  /** The streams the tenant's connections sync for this platform. @default every stream */
  streams?: readonly string[];
}

/** A tenant as the generator sees it: where its tables go and its accounts. */
export interface RawTenant {
  /** Tenant slug. */
  slug: string;
  /** Destination namespace (schema). */
  namespace: string;
  /** Stream prefix. */
  prefix: string;
  /** The tenant's account on each platform it has. */
  platforms: Partial<Record<RawPlatform, RawAccount>>;
}


/** Where one stream of one tenant lands, when its connection differs from the tenant default. */
export interface StreamTarget {
  /** Destination namespace. */
  namespace: string;
  /** Stream prefix. */
  prefix: string;
}

/** A tenant's raw layout: the generator's view plus per-stream targets for connections with their own prefix. */
export interface TenantLayout extends RawTenant {
  /** Per platform, streams whose connection uses another namespace or prefix than the platform's. */
  streamTargets: Partial<Record<RawPlatform, Record<string, StreamTarget>>>;
}

/** The source-configuration keys connectors read their re-read window from (Meta, Google Ads, Bing and LinkedIn, TikTok). */
const LOOKBACK_KEYS = ["insights_lookback_window", "conversion_window_days", "lookback_window", "attribution_window"];

function lookbackOf(configuration: Readonly<Record<string, unknown>> | undefined): number | undefined {
  for (const key of LOOKBACK_KEYS) {
    const value = configuration?.[key];
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  }
  return undefined;
}

function isRawPlatform(value: string): value is RawPlatform {
  return (RAW_PLATFORMS as readonly string[]).includes(value);
}

/**
 * The raw tables each tenant's Airbyte connections write, from the resolved config:
 * the tenant's namespace and prefix, each ad platform's account and currency, the
 * streams its connections select (from the templates), and connection-level overrides.
 * The platform's metrics connection (the one with the stats stream) sets the platform's
 * namespace and prefix; other connections that differ become per-stream targets.
 *
 * @param config The resolved config.
 * @returns One layout per tenant that has an ad platform.
 * @example
 * ```ts
 * import { tenantLayoutsFromConfig } from "./tenant-layouts.ts";
 * import { makeConfig } from "../config/testing.ts";
 * const [acme] = tenantLayoutsFromConfig(makeConfig());
 * console.assert(acme?.platforms.meta?.currency === "USD");
 * ```
 */
export function tenantLayoutsFromConfig(config: AdopsConfig): TenantLayout[] {
  const layouts: TenantLayout[] = [];
  for (const tenant of config.tenants) {
    const platforms: Partial<Record<RawPlatform, RawAccount>> = {};
    const streamTargets: TenantLayout["streamTargets"] = {};
    for (const [id, account] of Object.entries(tenant.platforms)) {
      if (!isRawPlatform(id) || account === undefined) continue;
      const connections = tenant.connections.filter((c) => c.platform === id);
      const streamsOf = (template: string) => (config.templates.get(template)?.streams ?? []).map((s) => s.name);
      const primary = connections.find((c) => /metrics/.test(c.template)) ?? connections[0];
      const entry: RawAccount = { accountId: account.accountId, currency: account.currency ?? "USD", timeZone: tenant.timeZone };
      if (account.accountName !== undefined) entry.accountName = account.accountName;
      const lookback = primary === undefined ? undefined : lookbackOf(config.templates.get(primary.template)?.source.configuration);
      if (lookback !== undefined) entry.lookbackDays = lookback;
      if (primary !== undefined && primary.namespace !== tenant.destinationNamespace) entry.namespace = primary.namespace;
      if (primary !== undefined && primary.prefix !== tenant.streamPrefix) entry.prefix = primary.prefix;
      const streams = connections.flatMap((c) => streamsOf(c.template));
      if (streams.length > 0) entry.streams = [...new Set(streams)];
      for (const c of connections) {
        if (c === primary || (c.namespace === primary?.namespace && c.prefix === primary?.prefix)) continue;
        const targets = (streamTargets[id] ??= {});
        for (const stream of streamsOf(c.template)) targets[stream] = { namespace: c.namespace, prefix: c.prefix };
      }
      platforms[id] = entry;
    }
    if (Object.keys(platforms).length === 0) continue;
    layouts.push({ slug: tenant.slug, namespace: tenant.destinationNamespace, prefix: tenant.streamPrefix, platforms, streamTargets });
  }
  return layouts;
}
