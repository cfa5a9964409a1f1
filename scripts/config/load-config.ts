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
import { CONTROL_CHARACTER, findControlCharacters } from "./control-characters.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";
import { checkConnectorContracts, type ContractCheckSummary } from "./check-connector-contracts.ts";
import { checkCredentialPolicies } from "./credential-checks.ts";
import type { ConnectorContracts } from "./connector-contracts.ts";

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
  /**
   * The vendored connector contracts: when given, every template of a known
   * connector is checked against its spec and catalog, with every tenant's
   * values substituted (see {@link checkConnectorContracts}).
   * @default undefined (no connector-contract check)
   */
  contracts?: ConnectorContracts | undefined;
}

/** Config files larger than this are refused (the shipped ones are a few kB). */
export const MAX_CONFIG_FILE_BYTES = 1_000_000;

const FS_REASONS: Readonly<Record<string, string>> = {
  EISDIR: "it is a directory",
  ENOTDIR: "it is not a directory",
  ELOOP: "it is a symbolic link loop",
  EACCES: "permission denied",
};

/** Why a path could not be read or listed, in words (the error code when it has none). */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return FS_REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

async function readSource(files: Files, path: string, problems: ConfigProblem[]): Promise<YamlSource | undefined> {
  let text: string | undefined;
  try {
    text = await files.tryReadText(path);
  } catch (error) {
    problems.push({ level: "error", code: "unreadable-file", message: `Cannot read '${path}': ${fsReason(error)}`, hint: "Config files are plain YAML files; replace or remove this path", position: { file: path, line: 1, column: 1 } });
    return undefined;
  }
  if (text === undefined) return undefined;
  const encoding = encodingProblem(path, text);
  if (encoding !== undefined) {
    problems.push(encoding);
    return undefined;
  }
  const parsed = parseYamlSource(path, text.startsWith("\uFEFF") ? text.slice(1) : text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  problems.push(...findInlineSecrets(parsed.source), ...findControlCharacters(parsed.source));
  return parsed.source;
}

/**
 * Why a file's text cannot be config: too large, not UTF-8 (UTF-16 shows as NUL
 * bytes, other encodings as replacement characters), or control characters.
 * Never quotes the text.
 *
 * @param path The file.
 * @param text Its text, decoded as UTF-8.
 * @returns The problem, or `undefined` when the text is fine (a UTF-8 BOM is fine).
 * @example
 * ```ts
 * import { encodingProblem } from "./load-config.ts";
 * console.assert(encodingProblem("a.yml", "\uFEFFa: 1\n") === undefined);
 * console.assert(encodingProblem("a.yml", "\uFFFD\uFFFDa\u0000:\u0000")?.message.includes("UTF-16"));
 * ```
 */
export function encodingProblem(path: string, text: string): ConfigProblem | undefined {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    return { file: path, line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const hint = "Save the file as UTF-8 (without NUL or control characters); a UTF-8 BOM is fine";
  if (text.length > MAX_CONFIG_FILE_BYTES) {
    return { level: "error", code: "file-too-large", message: `'${path}' is ${text.length} characters, more than the ${MAX_CONFIG_FILE_BYTES} a config file may have`, hint: "Split it or remove what does not belong in config", position: at(0) };
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const utf16 = /^\uFFFD\uFFFD/.test(text) || text.split("\u0000").length - 1 > text.length / 4;
    return { level: "error", code: "encoding", message: `'${path}' is not UTF-8${utf16 ? " (it looks like UTF-16)" : ""}: it holds NUL bytes`, hint, position: at(nul) };
  }
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0) return { level: "error", code: "encoding", message: `'${path}' is not valid UTF-8`, hint, position: at(bad) };
  const control = text.search(CONTROL_CHARACTER);
  if (control >= 0) {
    return { level: "error", code: "encoding", message: `'${path}' holds control character U+${text.charCodeAt(control).toString(16).toUpperCase().padStart(4, "0")}`, hint, position: at(control) };
  }
  return undefined;
}

async function yamlFilesIn(files: Files, dir: string, problems: ConfigProblem[]): Promise<string[]> {
  try {
    return (await files.list(dir)).filter((n) => /\.ya?ml$/.test(n));
  } catch (error) {
    problems.push({ level: "error", code: "unreadable-file", message: `Cannot list '${dir}': ${fsReason(error)}`, hint: "It must be a folder of YAML files", position: { file: dir, line: 1, column: 1 } });
    return [];
  }
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
  for (const name of await yamlFilesIn(files, `${dir}/templates`, problems)) {
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
  if (platform && platformSource) problems.push(...checkCredentialPolicies(platform, platformSource, [...templates.values()]));

  const inputs: TenantInput[] = [];
  for (const name of await yamlFilesIn(files, `${dir}/tenants`, problems)) {
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
      const known = inputs.filter((i) => i.file !== undefined).map((i) => i.slug);
      problems.push({
        level: "warning",
        code: "env-only-tenant",
        message: `AIRBYTE_TENANTS lists '${slug}', which has no file in ${dir}/tenants/: it is a tenant of env variables only`,
        hint: `Tenant files: ${known.join(", ") || "none"}. A typo? Else set AIRBYTE_${slug.toUpperCase().replace(/-/g, "_")}_WORKSPACE_ID and _DESTINATION_ID`,
      });
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

  let contractCheck: ContractCheckSummary | undefined;
  if (options.contracts !== undefined && platform) {
    const checked = await checkConnectorContracts(templateSources, tenants, options.contracts);
    problems.push(...checked.problems);
    contractCheck = checked.summary;
  }

  const secrets = platform ? requiredSecrets(platform, tenants) : [];
  problems.push(...checkSecretEnv(secrets, { env, production: options.production ?? false }));

  problems.sort((a, b) =>
    (a.position?.file ?? "~").localeCompare(b.position?.file ?? "~") ||
    (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
    (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
    a.message.localeCompare(b.message)
  );
  const summary = contractCheck ? { contractCheck } : {};
  if (platform === undefined || problems.some((p) => p.level === "error")) return { ok: false, problems, ...summary };
  return {
    ok: true,
    problems,
    ...summary,
    config: { dir, platform, templates, tenants, orchestrator, secretEnvNames: secrets.map((s) => s.name) },
  };
}
