import {
  OrchestratorConfigSchema,
  type PlatformConfig,
  PlatformConfigSchema,
  type TemplateConfig,
  TemplateConfigSchema,
  TenantConfigSchema,
} from "../../schemas/mod.ts";
import type { Files } from "../core/mod.ts";
import { parseTenantList, templateConnectionEnv } from "./env-names.ts";
import { checkOrchestrator } from "./orchestrator-checks.ts";
import type { ConfigProblem } from "./problem.ts";
import { resolveTenant, type TenantInput } from "./resolve-tenants.ts";
import { checkAgainstSchema } from "./schema-problems.ts";
import { checkSecretEnv, findInlineSecrets, type RequiredSecret } from "./secret-checks.ts";
import { checkPlatform, checkResolvedTenants, checkTemplates, checkTenantReferences } from "./tenant-checks.ts";
import type { AdopsConfig, LoadResult, ResolvedTenant } from "./types.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The environment (for the seed's AIRBYTE_* overlay and secret checks). */
  env: Env;
  /**
   * Production readiness (seed verify_production_readiness): unset secrets and
   * placeholder values are errors, not warnings.
   * @default false
   */
  production?: boolean;
}

async function readSource(files: Files, path: string, problems: ConfigProblem[]): Promise<YamlSource | undefined> {
  const text = await files.tryReadText(path);
  if (text === undefined) return undefined;
  const parsed = parseYamlSource(path, text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  problems.push(...findInlineSecrets(parsed.source));
  return parsed.source;
}

function yamlFiles(names: readonly string[]): string[] {
  return names.filter((n) => /\.ya?ml$/.test(n));
}

function applyPlatformEnv(platform: PlatformConfig, env: Env, problems: ConfigProblem[]): PlatformConfig {
  const out: PlatformConfig = structuredClone(platform);
  if (env.AIRBYTE_BASE_URL) {
    try {
      new URL(env.AIRBYTE_BASE_URL);
      out.airbyte.base_url = env.AIRBYTE_BASE_URL.replace(/\/+$/, "").replace(/\/api$/, "");
    } catch {
      problems.push({ level: "error", code: "env", message: `AIRBYTE_BASE_URL '${env.AIRBYTE_BASE_URL}' is not a URL`, hint: "Set it like http://localhost:8000" });
    }
  }
  if (env.AIRBYTE_DEFAULT_TIMEZONE) out.timezone = env.AIRBYTE_DEFAULT_TIMEZONE;
  if (env.AIRBYTE_TEMPLATE_DESTINATION_ID) out.airbyte.template_destination_id = env.AIRBYTE_TEMPLATE_DESTINATION_ID;
  if (out.airbyte.auth.mode === "none" && env.AIRBYTE_API_AUTH_HEADER) {
    out.airbyte.auth = { ...out.airbyte.auth, mode: "header", header_env: out.airbyte.auth.header_env ?? "AIRBYTE_API_AUTH_HEADER" };
  }
  const defaults = { ...out.defaults };
  if (env.AIRBYTE_DEFAULT_STREAM_PREFIX !== undefined) defaults.stream_prefix = env.AIRBYTE_DEFAULT_STREAM_PREFIX;
  if (env.AIRBYTE_DEFAULT_DESTINATION_NAMESPACE) defaults.destination_namespace = env.AIRBYTE_DEFAULT_DESTINATION_NAMESPACE;
  if (env.AIRBYTE_DEFAULT_DESTINATION_BUCKET) defaults.destination_bucket = env.AIRBYTE_DEFAULT_DESTINATION_BUCKET;
  out.defaults = defaults;
  for (const [name, group] of Object.entries(out.schedule_groups)) {
    const G = name.toUpperCase();
    const cron = env[`AIRBYTE_DEFAULT_${G}_CRON`];
    const units = env[`AIRBYTE_DEFAULT_${G}_BASIC_UNITS`];
    const unit = env[`AIRBYTE_DEFAULT_${G}_BASIC_TIME_UNIT`];
    if (cron) group.cron = cron;
    if (units) {
      const n = Number(units);
      const tu = (unit ?? group.interval?.time_unit ?? "hours").toLowerCase();
      if (!Number.isInteger(n) || n < 1 || !["minutes", "hours", "days", "weeks", "months"].includes(tu)) {
        problems.push({ level: "error", code: "env", message: `AIRBYTE_DEFAULT_${G}_BASIC_UNITS '${units}' / _BASIC_TIME_UNIT '${unit ?? ""}' is not a valid interval`, hint: "Use a positive whole number and one of minutes, hours, days, weeks, months" });
      } else {
        group.interval = { units: n, time_unit: tu as "hours" };
      }
    }
  }
  return out;
}

function requiredSecrets(platform: PlatformConfig, tenants: readonly ResolvedTenant[]): RequiredSecret[] {
  const out = new Map<string, Set<string>>();
  const need = (name: string | undefined, by: string) => {
    if (name === undefined) return;
    const set = out.get(name) ?? new Set<string>();
    set.add(by);
    out.set(name, set);
  };
  const auth = platform.airbyte.auth;
  if (auth.mode === "bearer") need(auth.token_env ?? "AIRBYTE_API_TOKEN", "Airbyte bearer auth");
  if (auth.mode === "header") need(auth.header_env ?? "AIRBYTE_API_AUTH_HEADER", "Airbyte header auth");
  if (auth.mode === "client_credentials") {
    need(auth.client_id_env ?? "AIRBYTE_CLIENT_ID", "Airbyte client credentials");
    need(auth.client_secret_env ?? "AIRBYTE_CLIENT_SECRET", "Airbyte client credentials");
  }
  if (platform.slack) need(platform.slack.webhook_env, "Slack alerts");
  for (const tenant of tenants) {
    need(tenant.slackWebhookEnv, `Slack alerts of tenant ${tenant.slug}`);
    for (const c of tenant.connections) for (const envName of Object.values(c.secretEnv)) need(envName, `template ${c.template}`);
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, by]) => {
    const list = [...by];
    const templates = new Set(list);
    return { name, neededBy: templates.size > 3 ? `${list.slice(0, 3).join(", ")} and ${templates.size - 3} more` : list.join(", ") };
  });
}

/**
 * Loads `config/`: reads every file, checks it against its schema (all
 * problems, not the first), overlays the seed's AIRBYTE_* variables, resolves
 * tenants, and runs the semantic checks (cron, time zones, duplicates,
 * collisions, unknown names, cycles, inline secrets, secret env vars).
 *
 * @param files File access.
 * @param dir The config folder.
 * @param options Environment and production mode.
 * @returns The config and warnings, or every problem found.
 * @example
 * ```ts ignore
 * const result = await loadConfig(files, "config", { env: process.env });
 * if (!result.ok) for (const p of result.problems) console.error(formatProblem(p));
 * ```
 */
export async function loadConfig(files: Files, dir: string, options: LoadConfigOptions): Promise<LoadResult> {
  const env = options.env;
  const problems: ConfigProblem[] = [];
  const platformPath = `${dir}/platform.yml`;
  const platformSource = await readSource(files, platformPath, problems);
  if (platformSource === undefined && !(await files.exists(platformPath))) {
    problems.push({
      level: "error",
      code: "missing-file",
      message: `No platform.yml in config folder '${dir}'`,
      hint: `Point --config at the folder holding platform.yml, tenants/ and templates/ (default: config)`,
    });
  }
  let platform: PlatformConfig | undefined;
  if (platformSource) {
    const checked = checkAgainstSchema(platformSource, PlatformConfigSchema, "platform.yml");
    problems.push(...checked.problems);
    if (checked.value) {
      problems.push(...checkPlatform(checked.value, platformSource));
      platform = applyPlatformEnv(checked.value, env, problems);
    }
  }

  const templates = new Map<string, TemplateConfig>();
  const templateSources: { template: TemplateConfig; source: YamlSource }[] = [];
  for (const name of yamlFiles(await files.list(`${dir}/templates`))) {
    const source = await readSource(files, `${dir}/templates/${name}`, problems);
    if (!source) continue;
    const checked = checkAgainstSchema(source, TemplateConfigSchema, "template file");
    problems.push(...checked.problems);
    if (!checked.value) continue;
    const template = { ...checked.value };
    const envName = template.template_connection_id_env ?? templateConnectionEnv(template.name);
    if (env[envName]) template.template_connection_id = env[envName];
    templates.set(template.name, template);
    templateSources.push({ template, source });
  }
  if (platform) problems.push(...checkTemplates(templateSources, platform));

  const inputs: TenantInput[] = [];
  for (const name of yamlFiles(await files.list(`${dir}/tenants`))) {
    const source = await readSource(files, `${dir}/tenants/${name}`, problems);
    if (!source) continue;
    const checked = checkAgainstSchema(source, TenantConfigSchema, "tenant file");
    problems.push(...checked.problems);
    if (checked.value) inputs.push({ slug: checked.value.slug, file: checked.value, source });
  }
  for (const slug of parseTenantList(env.AIRBYTE_TENANTS)) {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) {
      problems.push({ level: "error", code: "env", message: `AIRBYTE_TENANTS lists '${slug}', which is not a valid slug`, hint: "Use lower case letters, digits and dashes" });
    } else if (!inputs.some((i) => i.slug === slug)) {
      inputs.push({ slug, file: undefined, source: undefined });
    }
  }

  let orchestrator: AdopsConfig["orchestrator"];
  const orchestratorSource = await readSource(files, `${dir}/orchestrator.yml`, problems);
  if (orchestratorSource) {
    const checked = checkAgainstSchema(orchestratorSource, OrchestratorConfigSchema, "orchestrator.yml");
    problems.push(...checked.problems);
    if (checked.value) {
      problems.push(...checkOrchestrator(checked.value, orchestratorSource));
      orchestrator = checked.value;
    }
  }

  const tenants: ResolvedTenant[] = [];
  if (platform) {
    for (const input of inputs) {
      problems.push(...checkTenantReferences(input, { templates, platform }));
      const resolved = resolveTenant(input, { platform, templates, env, platformSource });
      problems.push(...resolved.problems);
      tenants.push(resolved.tenant);
    }
    problems.push(...checkResolvedTenants(tenants));
  }
  tenants.sort((a, b) => a.slug.localeCompare(b.slug));

  const secrets = platform ? requiredSecrets(platform, tenants) : [];
  problems.push(...checkSecretEnv(secrets, { env, production: options.production ?? false }));

  problems.sort((a, b) =>
    (a.position?.file ?? "~").localeCompare(b.position?.file ?? "~") ||
    (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
    (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
    a.message.localeCompare(b.message)
  );
  if (platform === undefined || problems.some((p) => p.level === "error")) return { ok: false, problems };
  return {
    ok: true,
    problems,
    config: { dir, platform, templates, tenants, orchestrator, secretEnvNames: secrets.map((s) => s.name) },
  };
}
