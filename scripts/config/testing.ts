// Builders for in-memory config fixtures, for tests of every domain.
import type { PlatformConfig } from "../../schemas/mod.ts";
import type { AdopsConfig, ResolvedConnection, ResolvedTenant } from "./types.ts";

/** A platform config with the seed's defaults. */
export function makePlatformConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    timezone: "America/Jamaica",
    airbyte: { base_url: "http://127.0.0.1:8000", auth: { mode: "none" }, concurrency: 4 },
    schedule_groups: {
      metrics: { cron: "0 6-22 * * *", interval: { units: 1, time_unit: "hours" }, window: { start: "06:00", end: "22:00" }, fresh_minutes: 60 },
      daily: { cron: "15 2 * * *", interval: { units: 24, time_unit: "hours" }, fresh_minutes: 60 },
    },
    sla: { airbyte_fresh_minutes: 60, dbt_fresh_hours: 24 },
    retry: { base: 2, max_attempts: 5, jitter: true, initial_delay_seconds: 30, max_delay_seconds: 900, config_error: { base_seconds: 300, cap_seconds: 900 } },
    ...overrides,
  };
}

/** A resolved connection for tenant `tenant` and template `template`. */
export function makeConnection(overrides: Partial<ResolvedConnection> = {}): ResolvedConnection {
  const tenant = overrides.tenant ?? "acme";
  const template = overrides.template ?? "meta_metrics";
  return {
    tenant,
    template,
    platform: "meta",
    name: `${tenant} ${template}`,
    status: "active",
    prefix: `${tenant.replace(/-/g, "_")}_`,
    namespace: `raw_${tenant.replace(/-/g, "_")}`,
    connectionId: undefined,
    scheduleGroup: "metrics",
    schedule: { kind: "cron", cron: "0 6-22 * * *", timeZone: "America/Jamaica" },
    timeoutMinutes: 60,
    managedKey: `adops:${tenant}:${template}`,
    secretEnv: {},
    ...overrides,
  };
}

/** A resolved tenant with one Meta connection unless `connections` is given. */
export function makeTenant(overrides: Partial<ResolvedTenant> = {}): ResolvedTenant {
  const slug = overrides.slug ?? "acme";
  return {
    slug,
    displayName: slug,
    timeZone: "America/Jamaica",
    workspaceId: "00000000-0000-4000-8000-000000000001",
    destinationId: "00000000-0000-4000-8000-000000000002",
    destinationNamespace: `raw_${slug.replace(/-/g, "_")}`,
    destinationBucket: undefined,
    streamPrefix: `${slug.replace(/-/g, "_")}_`,
    slackChannel: undefined,
    slackWebhookEnv: undefined,
    platforms: { meta: { accountId: "act_1", currency: "USD" } },
    connections: overrides.connections ?? [makeConnection({ tenant: slug })],
    file: `config/tenants/${slug}.yml`,
    origins: {},
    ...overrides,
  };
}

/** A whole config from parts. */
export function makeConfig(overrides: Partial<AdopsConfig> = {}): AdopsConfig {
  return {
    dir: "config",
    platform: makePlatformConfig(),
    templates: new Map(),
    tenants: [makeTenant()],
    orchestrator: undefined,
    secretEnvNames: [],
    ...overrides,
  };
}
export { type ConfigCopy, copyShippedConfig, lineOf } from "./_copy-config.ts";
