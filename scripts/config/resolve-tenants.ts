import type { PlatformConfig, TemplateConfig, TenantConfig } from "../../schemas/mod.ts";
import { tenantEnvPrefix } from "./env-names.ts";
import type { ConfigProblem } from "./problem.ts";
import type { Origin, PlatformId, ResolvedConnection, ResolvedSchedule, ResolvedTenant } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** A tenant as read: from a file (with its source for positions), or only from env. */
export interface TenantInput {
  /** The slug (from the file, or from AIRBYTE_TENANTS). */
  slug: string;
  /** The validated file contents, when there is a file. */
  file: TenantConfig | undefined;
  /** The file's source, for positions. */
  source: YamlSource | undefined;
}

const TIME_UNITS = ["minutes", "hours", "days", "weeks", "months"] as const;

/**
 * Resolves one tenant: file values, overlaid by the seed's `AIRBYTE_<SLUG>_*`
 * variables, completed by platform defaults. Records where every value came
 * from. Problems are values that cannot be resolved (e.g. an env-only tenant
 * without a workspace id).
 *
 * @param input The tenant as read.
 * @param options Platform config, templates and environment.
 * @returns The resolved tenant and the problems.
 */
export function resolveTenant(
  input: TenantInput,
  options: { platform: PlatformConfig; templates: ReadonlyMap<string, TemplateConfig>; env: Env; platformSource?: YamlSource | undefined },
): { tenant: ResolvedTenant; problems: ConfigProblem[] } {
  const { platform, templates, env } = options;
  const problems: ConfigProblem[] = [];
  const origins: Record<string, Origin> = {};
  const prefix = tenantEnvPrefix(input.slug);
  const file = input.file;

  function fromFile(path: (string | number)[]): Origin {
    return input.source ? { kind: "file", position: input.source.locate(path) } : { kind: "default", detail: "no tenant file" };
  }
  function pick<T>(key: string, filePath: (string | number)[], fileValue: T | undefined, envName: string | undefined, fallback?: { value: T; detail: string }): T | undefined {
    const envValue = envName === undefined ? undefined : env[envName];
    if (envValue !== undefined && envValue !== "") {
      origins[key] = { kind: "env", variable: envName as string };
      return envValue as T;
    }
    if (fileValue !== undefined) {
      origins[key] = fromFile(filePath);
      return fileValue;
    }
    if (fallback !== undefined) {
      origins[key] = { kind: "default", detail: fallback.detail };
      return fallback.value;
    }
    return undefined;
  }
  function required(key: string, value: string | undefined, envName: string): string {
    if (value !== undefined && value !== "") return value;
    problems.push({
      level: "error",
      code: "missing-value",
      message: `Tenant '${input.slug}' has no ${key}`,
      hint: input.file ? `Add '${key}:' to ${input.source?.file ?? "the tenant file"}, or set ${envName}` : `Set ${envName}, or add config/tenants/${input.slug}.yml`,
      ...(input.source ? { position: input.source.locate([], { key: true }) } : {}),
    });
    return "";
  }

  origins.slug = input.source ? fromFile(["slug"]) : { kind: "env", variable: "AIRBYTE_TENANTS" };
  const slugUnderscore = input.slug.replace(/-/g, "_");
  const timeZone = pick("timezone", ["timezone"], file?.timezone, `${prefix}TIMEZONE`, { value: platform.timezone, detail: env.AIRBYTE_DEFAULT_TIMEZONE ? "env AIRBYTE_DEFAULT_TIMEZONE, over platform.yml timezone" : "platform.yml timezone" }) as string;
  const workspaceId = required("workspace_id", pick("workspace_id", ["workspace_id"], file?.workspace_id, `${prefix}WORKSPACE_ID`), `${prefix}WORKSPACE_ID`);
  const destinationId = required("destination_id", pick("destination_id", ["destination_id"], file?.destination_id, `${prefix}DESTINATION_ID`), `${prefix}DESTINATION_ID`);
  const destinationNamespace = pick("destination_namespace", ["destination_namespace"], file?.destination_namespace, `${prefix}DESTINATION_NAMESPACE`, {
    value: platform.defaults?.destination_namespace ?? `raw_${slugUnderscore}`,
    detail: platform.defaults?.destination_namespace ? "platform.yml defaults.destination_namespace" : "raw_<slug>",
  }) as string;
  const destinationBucket = pick("destination_bucket", ["destination_bucket"], file?.destination_bucket, `${prefix}DESTINATION_BUCKET`, platform.defaults?.destination_bucket === undefined ? undefined : { value: platform.defaults.destination_bucket, detail: "platform.yml defaults.destination_bucket" });
  const streamPrefix = pick("stream_prefix", ["stream_prefix"], file?.stream_prefix, `${prefix}STREAM_PREFIX`, {
    value: platform.defaults?.stream_prefix ?? "",
    detail: platform.defaults?.stream_prefix !== undefined ? "platform.yml defaults.stream_prefix" : "empty",
  }) as string;

  const platforms: ResolvedTenant["platforms"] = {};
  for (const [id, account] of Object.entries(file?.platforms ?? {}) as [PlatformId, NonNullable<TenantConfig["platforms"][PlatformId]>][]) {
    if (account.enabled === false) continue;
    platforms[id] = { accountId: account.account_id, accountName: account.account_name, currency: account.currency };
    origins[`platforms.${id}`] = fromFile(["platforms", id]);
    origins[`platforms.${id}.account_id`] = fromFile(["platforms", id, "account_id"]);
    if (account.account_name !== undefined) origins[`platforms.${id}.account_name`] = fromFile(["platforms", id, "account_name"]);
  }
  if (file === undefined) {
    // Env-only tenants (AIRBYTE_TENANTS): every non-optional template's platform is on.
    for (const template of templates.values()) {
      if (template.optional) continue;
      const accountEnv = `${prefix}${template.platform.toUpperCase()}_ACCOUNT_ID`;
      const nameEnv = `${prefix}${template.platform.toUpperCase()}_ACCOUNT_NAME`;
      platforms[template.platform] = { accountId: env[accountEnv] ?? "", accountName: env[nameEnv], currency: undefined };
      origins[`platforms.${template.platform}`] = env[accountEnv] ? { kind: "env", variable: accountEnv } : { kind: "default", detail: `env-only tenant; ${accountEnv} is not set` };
      origins[`platforms.${template.platform}.account_id`] = origins[`platforms.${template.platform}`]!;
      origins[`platforms.${template.platform}.account_name`] = env[nameEnv] ? { kind: "env", variable: nameEnv } : { kind: "default", detail: `env-only tenant; ${nameEnv} is not set` };
    }
  }

  const connections: ResolvedConnection[] = [];
  for (const template of [...templates.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const override = file?.connections?.[template.name];
    const enabled = override?.enabled ?? !template.optional;
    if (!enabled || platforms[template.platform] === undefined) continue;
    const t = template.name;
    const T = t.toUpperCase();
    const base = `connections.${t}`;
    const filePath = ["connections", t];
    const name = pick(`${base}.name`, [...filePath, "name"], override?.name, `${prefix}${T}_NAME`, { value: `${input.slug} ${t}`, detail: "'<slug> <template>'" }) as string;
    const statusRaw = pick(`${base}.status`, [...filePath, "status"], override?.status, `${prefix}${T}_STATUS`, { value: "active", detail: "active" }) as string;
    const status = statusRaw === "inactive" ? "inactive" : "active";
    if (statusRaw !== "active" && statusRaw !== "inactive") {
      problems.push({ level: "error", code: "status", message: `Invalid status '${statusRaw}' for connection '${t}' of tenant '${input.slug}'`, hint: `Use active or inactive (${describeOrigin(origins[`${base}.status`])})`, ...positionOf(origins[`${base}.status`]) });
    }
    const connPrefix = pick(`${base}.prefix`, [...filePath, "prefix"], override?.prefix, `${prefix}${T}_PREFIX`, { value: streamPrefix, detail: "tenant stream_prefix" }) as string;
    const connectionId = pick(`${base}.connection_id`, [...filePath, "connection_id"], override?.connection_id, `${prefix}${T}_CONNECTION_ID`);
    const schedule = resolveSchedule(template.schedule_group, {
      key: `${base}.schedule`,
      connection: override?.schedule,
      connectionPath: [...filePath, "schedule"],
      tenantGroup: file?.schedules?.[template.schedule_group],
      tenantGroupPath: ["schedules", template.schedule_group],
      platform,
      timeZone,
      env,
      envPrefix: prefix,
      origins,
      fromFile,
      platformSource: options.platformSource,
    });
    const group = platform.schedule_groups[template.schedule_group];
    const secretEnv: Record<string, string> = {};
    for (const [field, envName] of Object.entries(template.source.secrets ?? {})) secretEnv[field] = file?.secrets?.[envName] ?? envName;
    connections.push({
      tenant: input.slug,
      template: t,
      platform: template.platform,
      name,
      status,
      prefix: connPrefix,
      namespace: destinationNamespace,
      connectionId: connectionId === "" ? undefined : connectionId,
      scheduleGroup: template.schedule_group,
      schedule,
      timeoutMinutes: override?.timeout_minutes ?? group?.timeout_minutes ?? 60,
      managedKey: `adops:${input.slug}:${t}`,
      secretEnv,
    });
  }

  return {
    tenant: {
      slug: input.slug,
      displayName: file?.display_name ?? input.slug,
      timeZone,
      workspaceId,
      destinationId,
      destinationNamespace,
      destinationBucket,
      streamPrefix,
      slackChannel: file?.slack_channel,
      slackWebhookEnv: file?.slack_webhook_env,
      platforms,
      connections,
      file: input.source?.file,
      origins,
    },
    problems,
  };
}

function resolveSchedule(
  groupName: string,
  o: {
    key: string;
    connection: { cron?: string | undefined; interval?: { units: number; time_unit: (typeof TIME_UNITS)[number] } | undefined } | undefined;
    connectionPath: (string | number)[];
    tenantGroup: { cron?: string | undefined; interval?: { units: number; time_unit: (typeof TIME_UNITS)[number] } | undefined } | undefined;
    tenantGroupPath: (string | number)[];
    platform: PlatformConfig;
    timeZone: string;
    env: Env;
    envPrefix: string;
    origins: Record<string, Origin>;
    fromFile: (path: (string | number)[]) => Origin;
    platformSource: YamlSource | undefined;
  },
): ResolvedSchedule {
  const G = groupName.toUpperCase();
  const envCron = o.env[`${o.envPrefix}${G}_CRON`];
  const envUnits = o.env[`${o.envPrefix}${G}_BASIC_UNITS`];
  const envUnit = o.env[`${o.envPrefix}${G}_BASIC_TIME_UNIT`];
  const group = o.platform.schedule_groups[groupName];
  const groupOrigin: Origin = o.platformSource
    ? { kind: "file", position: o.platformSource.locate(["schedule_groups", groupName]) }
    : { kind: "default", detail: `schedule group '${groupName}'` };
  const candidates: [Origin, { cron?: string | undefined; interval?: { units: number; time_unit: string } | undefined } | undefined][] = [
    [o.fromFile(o.connectionPath), o.connection],
    [envCron !== undefined || envUnits !== undefined ? { kind: "env", variable: envCron !== undefined ? `${o.envPrefix}${G}_CRON` : `${o.envPrefix}${G}_BASIC_UNITS` } : { kind: "default", detail: "" }, envCron !== undefined ? { cron: envCron } : envUnits !== undefined ? { interval: { units: Number(envUnits), time_unit: (envUnit ?? "hours").toLowerCase() } } : undefined],
    [o.fromFile(o.tenantGroupPath), o.tenantGroup],
    [groupOrigin, group],
  ];
  for (const [origin, s] of candidates) {
    if (s === undefined) continue;
    if (s.cron !== undefined) {
      o.origins[o.key] = origin;
      return { kind: "cron", cron: s.cron, timeZone: o.timeZone };
    }
    if (s.interval !== undefined) {
      o.origins[o.key] = origin;
      const unit = (TIME_UNITS as readonly string[]).includes(s.interval.time_unit) ? (s.interval.time_unit as (typeof TIME_UNITS)[number]) : "hours";
      return { kind: "interval", units: s.interval.units, timeUnit: unit };
    }
  }
  o.origins[o.key] = { kind: "default", detail: "manual (no schedule)" };
  return { kind: "interval", units: 24, timeUnit: "hours" };
}

function positionOf(origin: Origin | undefined): { position?: NonNullable<ConfigProblem["position"]> } {
  return origin?.kind === "file" ? { position: origin.position } : {};
}

/**
 * Says where a value came from, for messages and `--explain`.
 *
 * @param origin The origin.
 * @returns E.g. `config/tenants/acme.yml:4:3`, `env AIRBYTE_ACME_WORKSPACE_ID`, `default (raw_<slug>)`.
 * @example
 * ```ts
 * import { describeOrigin } from "./resolve-tenants.ts";
 * console.assert(describeOrigin({ kind: "env", variable: "X" }) === "env X");
 * ```
 */
export function describeOrigin(origin: Origin | undefined): string {
  if (origin === undefined) return "not set";
  if (origin.kind === "env") return `env ${origin.variable}`;
  if (origin.kind === "file") return `${origin.position.file}:${origin.position.line}:${origin.position.column}`;
  return `default (${origin.detail})`;
}
