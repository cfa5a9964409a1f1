import type { PlatformConfig, TemplateConfig } from "../../schemas/mod.ts";
import { isValidTimeZone, tryParseCron } from "./cron.ts";
import type { ConfigProblem } from "./problem.ts";
import { describeOrigin, type TenantInput } from "./resolve-tenants.ts";
import { didYouMean } from "./schema-problems.ts";
import type { Origin, ResolvedTenant } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

function at(origin: Origin | undefined): { position?: NonNullable<ConfigProblem["position"]> } {
  return origin?.kind === "file" ? { position: origin.position } : {};
}

function cronProblem(cron: string, where: string, origin: Origin | undefined): ConfigProblem | undefined {
  const parsed = tryParseCron(cron);
  if (parsed.ok) return undefined;
  return {
    level: "error",
    code: "cron",
    message: `Invalid cron '${cron}' for ${where}: ${parsed.reason}`,
    hint: `Write 5-field Unix cron like '0 6-22 * * *' (set in ${describeOrigin(origin)})`,
    ...at(origin),
  };
}

function zoneProblem(zone: string, where: string, origin: Origin | undefined): ConfigProblem | undefined {
  if (isValidTimeZone(zone)) return undefined;
  return {
    level: "error",
    code: "timezone",
    message: `Unknown time zone '${zone}' for ${where}`,
    hint: `Use an IANA name like America/Jamaica or Europe/London (set in ${describeOrigin(origin)})`,
    ...at(origin),
  };
}

/**
 * Checks platform.yml values the schema cannot: the default time zone and
 * every schedule group's cron.
 *
 * @param platform The parsed platform config.
 * @param source Its YAML source.
 * @returns The problems.
 */
export function checkPlatform(platform: PlatformConfig, source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const fileOrigin = (path: (string | number)[]): Origin => ({ kind: "file", position: source.locate(path) });
  const zone = zoneProblem(platform.timezone, "platform.yml timezone", fileOrigin(["timezone"]));
  if (zone) problems.push(zone);
  for (const [name, group] of Object.entries(platform.schedule_groups)) {
    if (group.cron !== undefined) {
      const p = cronProblem(group.cron, `schedule group '${name}'`, fileOrigin(["schedule_groups", name, "cron"]));
      if (p) problems.push(p);
    }
    if (group.cron === undefined && group.interval === undefined) {
      problems.push({ level: "error", code: "schedule", message: `Schedule group '${name}' has neither cron nor interval`, hint: "Add 'cron:' or 'interval:'", position: source.locate(["schedule_groups", name], { key: true }) });
    }
  }
  // anomalies.schedule_groups (volume anomalies) must name groups that exist.
  const groups = Object.keys(platform.schedule_groups);
  platform.anomalies?.schedule_groups?.forEach((name, i) => {
    if (groups.includes(name)) return;
    const guess = didYouMean(name, groups);
    problems.push({
      level: "error",
      code: "unknown-schedule-group",
      message: `anomalies.schedule_groups names unknown schedule group '${name}'`,
      hint: `${guess ? `Did you mean '${guess}'? ` : ""}Groups in platform.yml: ${groups.join(", ")}`,
      position: source.locate(["anomalies", "schedule_groups", i]),
    });
  });
  return problems;
}

/**
 * Checks templates against the platform config: known schedule groups.
 *
 * @param templates Templates with their sources.
 * @param platform The platform config.
 * @returns The problems.
 */
export function checkTemplates(
  templates: readonly { template: TemplateConfig; source: YamlSource }[],
  platform: PlatformConfig,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const groups = Object.keys(platform.schedule_groups);
  const seen = new Map<string, string>();
  for (const { template, source } of templates) {
    if (!groups.includes(template.schedule_group)) {
      const guess = didYouMean(template.schedule_group, groups);
      problems.push({
        level: "error",
        code: "unknown-schedule-group",
        message: `Template '${template.name}' uses unknown schedule group '${template.schedule_group}'`,
        hint: `${guess ? `Did you mean '${guess}'? ` : ""}Groups in platform.yml: ${groups.join(", ")}`,
        position: source.locate(["schedule_group"]),
      });
    }
    const other = seen.get(template.name);
    if (other !== undefined) {
      problems.push({ level: "error", code: "duplicate-template", message: `Template '${template.name}' is defined twice (also in ${other})`, hint: "Rename one of them", position: source.locate(["name"]) });
    }
    seen.set(template.name, source.file);
  }
  return problems;
}

/**
 * Checks one tenant's file against templates and groups: unknown template
 * names in `connections`, unknown groups in `schedules`, connections whose
 * platform is not enabled, and that the file name matches the slug.
 *
 * @param input The tenant as read.
 * @param options Templates and the platform config.
 * @returns The problems.
 */
export function checkTenantReferences(
  input: TenantInput,
  options: { templates: ReadonlyMap<string, TemplateConfig>; platform: PlatformConfig },
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const file = input.file;
  const source = input.source;
  if (file === undefined || source === undefined) return problems;
  const base = source.file.split("/").pop()?.replace(/\.ya?ml$/, "");
  if (base !== undefined && base !== file.slug) {
    problems.push({ level: "error", code: "file-name", message: `Tenant file '${source.file}' holds slug '${file.slug}'`, hint: `Rename the file to ${file.slug}.yml (or fix the slug): env variables, reports and alerts name the tenant by its slug`, position: source.locate(["slug"]) });
  }
  const templateNames = [...options.templates.keys()];
  for (const [name, override] of Object.entries(file.connections ?? {})) {
    const template = options.templates.get(name);
    if (template === undefined) {
      const guess = didYouMean(name, templateNames);
      problems.push({
        level: "error",
        code: "unknown-template",
        message: `Tenant '${file.slug}' overrides unknown template '${name}'`,
        hint: `${guess ? `Did you mean '${guess}'? ` : ""}Templates: ${templateNames.join(", ")}`,
        position: source.locate(["connections", name], { key: true }),
      });
      continue;
    }
    const platformOn = file.platforms[template.platform] !== undefined && file.platforms[template.platform]?.enabled !== false;
    if ((override.enabled ?? !template.optional) && !platformOn) {
      problems.push({
        level: "error",
        code: "platform-not-enabled",
        message: `Tenant '${file.slug}' enables template '${name}' but not its platform '${template.platform}'`,
        hint: `Add '${template.platform}: { account_id: ... }' under platforms, or set enabled: false`,
        position: source.locate(["connections", name], { key: true }),
      });
    }
  }
  const groups = Object.keys(options.platform.schedule_groups);
  for (const group of Object.keys(file.schedules ?? {})) {
    if (!groups.includes(group)) {
      const guess = didYouMean(group, groups);
      problems.push({ level: "error", code: "unknown-schedule-group", message: `Tenant '${file.slug}' overrides unknown schedule group '${group}'`, hint: `${guess ? `Did you mean '${guess}'? ` : ""}Groups: ${groups.join(", ")}`, position: source.locate(["schedules", group], { key: true }) });
    }
  }
  return problems;
}

/**
 * Checks resolved tenants: time zones, every effective cron, duplicate slugs,
 * and namespace + prefix collisions between tenants (one tenant's data must
 * never land in another's tables).
 *
 * @param tenants The resolved tenants.
 * @returns The problems.
 */
export function checkResolvedTenants(tenants: readonly ResolvedTenant[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const bySlug = new Map<string, ResolvedTenant>();
  const tables = new Map<string, { tenant: ResolvedTenant; template: string }>();
  for (const tenant of tenants) {
    const previous = bySlug.get(tenant.slug);
    if (previous !== undefined) {
      problems.push({
        level: "error",
        code: "duplicate-slug",
        message: `Tenant slug '${tenant.slug}' is used twice (${previous.file ?? "env"} and ${tenant.file ?? "env"})`,
        hint: "Give each tenant its own slug; slugs name env vars, connections and schemas",
        ...at(tenant.origins.slug),
      });
      continue;
    }
    bySlug.set(tenant.slug, tenant);
    const zone = zoneProblem(tenant.timeZone, `tenant '${tenant.slug}'`, tenant.origins.timezone);
    if (zone) problems.push(zone);
    for (const c of tenant.connections) {
      if (c.schedule.kind === "cron") {
        const p = cronProblem(c.schedule.cron, `connection '${c.template}' of tenant '${tenant.slug}'`, tenant.origins[`connections.${c.template}.schedule`]);
        if (p) problems.push(p);
      } else if (!Number.isInteger(c.schedule.units) || c.schedule.units < 1) {
        const origin = tenant.origins[`connections.${c.template}.schedule`];
        const fromEnv = origin?.kind === "env" ? ` (from env ${origin.variable})` : "";
        problems.push({ level: "error", code: "interval", message: `Invalid interval ${c.schedule.units} for connection '${c.template}' of tenant '${tenant.slug}'${fromEnv}`, hint: "Use a positive whole number of units", ...at(origin) });
      }
      const key = `${c.namespace}.${c.prefix}`;
      const owner = tables.get(key);
      if (owner !== undefined && owner.tenant.slug !== tenant.slug) {
        problems.push({
          level: "error",
          code: "namespace-collision",
          message: `Tenants '${owner.tenant.slug}' and '${tenant.slug}' would both write to namespace '${c.namespace}' with prefix '${c.prefix}' (templates ${owner.template} and ${c.template})`,
          hint: "Give each tenant its own destination_namespace or stream_prefix, or one tenant's data lands in the other's tables",
          ...at(tenant.origins.destination_namespace ?? tenant.origins.stream_prefix),
        });
      } else if (owner === undefined) {
        tables.set(key, { tenant, template: c.template });
      }
    }
  }
  return problems;
}
