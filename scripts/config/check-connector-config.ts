import type { ErrorObject, ValidateFunction } from "ajv";
import type { TemplateConfig } from "../../schemas/mod.ts";
import type { SourcePosition } from "../core/mod.ts";
import type { ConnectorContract, JsonSchema } from "./connector-contracts.ts";
import type { ConfigProblem } from "./problem.ts";
import { closestNames, formatPath } from "./schema-problems.ts";
import { PLACEHOLDER, substitute, templateVariables, variableOriginKey } from "./substitute.ts";
import { describeOrigin } from "./resolve-tenants.ts";
import type { ResolvedTenant } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

/** What stands in for a secret's value while the configuration is checked (never a real secret). */
export const SECRET_PLACEHOLDER = "adops-secret-placeholder";

type Path = (string | number)[];

/** One template × tenant combination to check against its connector's spec. */
export interface ConnectorConfigCase {
  template: TemplateConfig;
  /** The template file, for positions. */
  source: YamlSource;
  tenant: ResolvedTenant;
  contract: ConnectorContract;
  /** The connector's name as templates write it (`Facebook Marketing`). */
  definition: string;
}

/** Sets `value` at a dotted path, creating objects on the way. */
function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/**
 * A tenant's configuration as the connector would get it: the template's
 * `source.configuration` with the tenant's values substituted (typed
 * placeholders become numbers) and a placeholder at every `secrets` path.
 *
 * @param template The template.
 * @param tenant The tenant.
 * @returns The configuration (holding no secret).
 * @example
 * ```ts
 * import { makeTenant } from "./testing.ts";
 * import { connectorConfiguration } from "./check-connector-config.ts";
 * const t = { name: "m", platform: "meta", schedule_group: "metrics", source: { definition: "Facebook Marketing", configuration: { account_ids: ["${account_id}"] }, secrets: { "credentials.access_token": "TOKEN" } } } as const;
 * const config = connectorConfiguration(t, makeTenant());
 * console.assert(JSON.stringify(config.account_ids) === '["act_1"]' && typeof (config.credentials as { access_token: string }).access_token === "string");
 * ```
 */
export function connectorConfiguration(template: TemplateConfig, tenant: ResolvedTenant): Record<string, unknown> {
  const out = substitute(structuredClone(template.source.configuration ?? {}), templateVariables(tenant, template.platform)) as Record<string, unknown>;
  for (const dotted of Object.keys(template.source.secrets ?? {})) setPath(out, dotted, SECRET_PLACEHOLDER);
  return out;
}

function plain(html: string | undefined): string {
  return (html ?? "").replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
}

/** The spec's own words for a property: `Title: description` (shortened). */
export function specWords(schema: JsonSchema | undefined): string {
  if (schema === undefined) return "";
  const description = plain(schema.description);
  const text = [schema.title, description.length > 220 ? `${description.slice(0, 217)}…` : description].filter((s) => s !== undefined && s !== "").join(": ");
  return text;
}

/** The spec's schemas along a configuration path, root first (through `items` and `oneOf` branches). */
function schemasAlong(spec: JsonSchema, path: Path): JsonSchema[] {
  const out: JsonSchema[] = [spec];
  let node: JsonSchema | undefined = spec;
  for (const key of path) {
    if (node === undefined) break;
    if (typeof key === "number") node = node.items;
    else node = node.properties?.[key] ?? (node.oneOf ?? node.anyOf ?? []).map((b) => b.properties?.[key]).find((x) => x !== undefined);
    if (node !== undefined) out.push(node);
  }
  return out;
}

/** The nearest titled schema at or above a path: the property the spec documents. */
function documented(spec: JsonSchema, path: Path): JsonSchema | undefined {
  return schemasAlong(spec, path).slice(1).reverse().find((s) => s.title !== undefined || s.description !== undefined);
}

function pointer(path: string): string[] {
  return path.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function schemaAtPointer(root: JsonSchema, schemaPath: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const key of pointer(schemaPath.replace(/^#/, ""))) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as JsonSchema | undefined;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** ajv's instance path as keys and indexes. */
function instancePath(error: ErrorObject, data: unknown): Path {
  const out: Path = [];
  for (const key of pointer(error.instancePath)) {
    out.push(Array.isArray(valueAt(data, out)) && /^\d+$/.test(key) ? Number(key) : key);
  }
  return out;
}

function show(value: unknown, secret: boolean): string {
  if (secret) return "(a secret, not shown)";
  if (typeof value === "string") return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return `a ${typeof value}`;
}

/** The property whose `const` tells a `oneOf`'s branches apart (`auth_type`, `auth_method`), if any. */
export function discriminatorOf(branches: readonly JsonSchema[]): string | undefined {
  const first = branches[0]?.properties ?? {};
  return Object.keys(first).find((key) => branches.every((b) => b.properties?.[key]?.const !== undefined));
}

function describeBranches(branches: readonly JsonSchema[], key: string | undefined): string {
  return branches.map((b) => {
    const needs = (b.required ?? []).filter((r) => r !== key);
    const name = key === undefined ? `'${b.title ?? "?"}'` : `${key}: '${String(b.properties?.[key]?.const)}'${b.title ? ` (${b.title})` : ""}`;
    return `${name}${needs.length > 0 ? ` with ${needs.join(", ")}` : ""}`;
  }).join(" or ");
}

interface Located {
  position: SourcePosition | undefined;
  /** Set when the value came from the tenant: which variable, and where it was set. */
  tenantValue: { variable: string; origin: string } | undefined;
}

/** Problems of one template × tenant combination, before positions are attached. */
interface Finding {
  path: Path;
  /** The message after `'<path>' ...`, or the whole message when `whole`. */
  message: string;
  hint: string;
  /** True when the problem is about a missing key under `path` (located at the parent's key). */
  missing?: boolean;
  /** True when the fix belongs in the template even if the value came from a tenant (an unknown option, an untyped placeholder). */
  inTemplate?: boolean;
}

/**
 * Checks one tenant's configuration of one template against the connector's
 * `connectionSpecification` with ajv (draft-07), plus two checks the spec
 * cannot express: options the connector does not have (it would ignore them)
 * and a `oneOf` without its discriminator (`auth_type`, `auth_method`), which
 * the connectors read at run time. A problem is located at the template's
 * line, or at the tenant's when the offending value came from a tenant
 * placeholder (`${account_id}`); secrets are never shown.
 *
 * @param validate The compiled `connectionSpecification`.
 * @param c The combination.
 * @returns The problems.
 */
export function checkConnectorConfig(validate: ValidateFunction, c: ConnectorConfigCase): ConfigProblem[] {
  const spec = c.contract.connectionSpecification;
  const data = connectorConfiguration(c.template, c.tenant);
  const raw = c.template.source.configuration ?? {};
  const secrets = new Set(Object.keys(c.template.source.secrets ?? {}));
  const isSecret = (path: Path) => secrets.has(path.join("."));
  const findings: Finding[] = [];
  validate(data);
  const errors = validate.errors ?? [];
  const oneOfs = errors.filter((e) => e.keyword === "oneOf");
  const inBranch = (e: ErrorObject) => oneOfs.some((o) => e !== o && e.schemaPath.startsWith(`${o.schemaPath}/`));
  for (const error of errors) {
    if (inBranch(error)) continue;
    const path = instancePath(error, data);
    const schema = error.parentSchema as JsonSchema | undefined;
    const value = valueAt(data, path);
    const doc = documented(spec, path);
    const words = specWords(schema?.title !== undefined || schema?.description !== undefined ? schema : doc);
    const descriptor = schema?.pattern_descriptor ?? doc?.pattern_descriptor;
    const rawValue = valueAt(raw, path);
    switch (error.keyword) {
      case "oneOf": {
        const branches = schemaAtPointer(spec, error.schemaPath) as unknown as JsonSchema[] | undefined ?? [];
        const key = discriminatorOf(branches);
        const chosen = key === undefined ? undefined : (value as Record<string, unknown> | undefined)?.[key];
        const index = branches.findIndex((b) => key !== undefined && b.properties?.[key]?.const === chosen);
        if (chosen !== undefined && index >= 0) {
          // The discriminator picks a branch: that branch's own errors say what is wrong.
          const branch = branches[index]!;
          const own = errors.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/${index}/`));
          for (const e of own) {
            const p = instancePath(e, data);
            if (e.keyword === "required") {
              const prop = (e.params as { missingProperty: string }).missingProperty;
              findings.push({ path: [...p, prop], missing: true, message: `is missing: with ${key} '${String(chosen)}' (${branch.title ?? "this option"}) the connector requires it`, hint: specWords(branch.properties?.[prop]) || `Add it (or its secret under source.secrets)` });
            } else {
              findings.push({ path: p, message: `${e.message ?? "is invalid"} (${key} '${String(chosen)}', ${branch.title ?? "this option"})`, hint: specWords(e.parentSchema as JsonSchema) || words });
            }
          }
          if (own.length === 0) findings.push({ path, message: `matches more than one of the connector's options`, hint: describeBranches(branches, key) });
        } else if (key !== undefined && chosen !== undefined) {
          findings.push({ path: [...path, key], message: `is ${show(chosen, false)}, which the connector does not accept: it takes ${describeBranches(branches, key)}`, hint: words || specWords(schema) });
        } else {
          findings.push({
            path,
            message: key === undefined
              ? `matches ${(error.params as { passingSchemas?: unknown }).passingSchemas ? "more than one" : "none"} of the connector's options: ${describeBranches(branches, key)}`
              : `has no '${key}', so it matches none of the connector's options: set ${describeBranches(branches, key)}`,
            hint: words || "See the connector's spec",
          });
        }
        break;
      }
      case "required": {
        const prop = (error.params as { missingProperty: string }).missingProperty;
        findings.push({ path: [...path, prop], missing: true, message: `is required by the connector and missing`, hint: specWords(schema?.properties?.[prop]) || "Add it" });
        break;
      }
      case "pattern":
        findings.push({ path, message: `is ${show(value, isSecret(path))}, which does not match the connector's pattern ${String((error.params as { pattern: string }).pattern)}${descriptor ? ` (${descriptor})` : ""}`, hint: words });
        break;
      case "type": {
        const want = String((error.params as { type: string }).type);
        const untyped = typeof rawValue === "string" && /^\$\{(\w+)\}$/.exec(rawValue)?.[1];
        findings.push({
          path,
          message: `is ${typeName(value)}${isSecret(path) ? "" : ` (${show(value, false)})`}, but the connector takes ${want === "integer" ? "an integer" : want === "object" || want === "array" ? `an ${want}` : `a ${want}`}`,
          hint: untyped && (want === "integer" || want === "number") ? `Write "\${${untyped}:${want}}" in the template so the tenant's value is substituted as a number${words ? `. ${words}` : ""}` : words,
          ...(untyped && (want === "integer" || want === "number") ? { inTemplate: true } : {}),
        });
        break;
      }
      case "enum":
      case "const": {
        const allowed = error.keyword === "enum" ? (error.params as { allowedValues: unknown[] }).allowedValues : [(error.params as { allowedValue: unknown }).allowedValue];
        findings.push({ path, message: `is ${show(value, isSecret(path))}; the connector accepts ${allowed.map((a) => show(a, false)).join(", ")}`, hint: words });
        break;
      }
      case "format":
        findings.push({ path, message: `is ${show(value, isSecret(path))}, not a ${String((error.params as { format: string }).format)} as the connector requires`, hint: words });
        break;
      case "additionalProperties": {
        const prop = (error.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys(schema?.properties ?? {});
        findings.push({ path: [...path, prop], message: `is not an option of the connector here (it refuses unknown keys)`, hint: `Options: ${allowed.join(", ")}` });
        break;
      }
      default:
        findings.push({ path, message: `is ${show(value, isSecret(path))}: the connector's spec says it ${error.message ?? "is invalid"}`, hint: words });
    }
  }
  findings.push(...unresolved(data, []), ...unknownOptions(raw, spec, []), ...missingDiscriminators(data, spec, [], new Set(oneOfs.map((o) => o.instancePath))));
  return findings.map((f) => toProblem(f, c, raw));
}

/** Placeholders left after substitution: the tenant does not set the variable (`${account_name}`). */
function unresolved(value: unknown, path: Path): Finding[] {
  if (typeof value === "string") {
    const left = [...value.matchAll(PLACEHOLDER)].map((m) => m[0]);
    return left.length === 0 ? [] : [{ path, message: `would be sent as '${left.join("', '")}': the tenant does not set ${left.map((l) => l.slice(2, -1).replace(/:.*/, "")).join(", ")}`, hint: "Set it under the tenant's platforms entry (account_id, account_name)" }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unresolved(v, [...path, i]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => unresolved(v, [...path, k]));
  return [];
}

/** Options the connector does not have (ignored at run time), with the closest names. */
function unknownOptions(value: unknown, schema: JsonSchema | undefined, path: Path): Finding[] {
  if (schema === undefined || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownOptions(item, schema.items, [...path, i]));
  const branches = schema.oneOf ?? schema.anyOf;
  const props: Record<string, JsonSchema> = { ...schema.properties };
  for (const b of branches ?? []) Object.assign(props, b.properties);
  if (Object.keys(props).length === 0 || schema.additionalProperties === false) {
    return Object.entries(value).flatMap(([k, v]) => unknownOptions(v, props[k], [...path, k]));
  }
  const out: Finding[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key in props) {
      out.push(...unknownOptions(v, props[key], [...path, key]));
      continue;
    }
    const closest = closestNames(key, Object.keys(props));
    out.push({ path: [...path, key], message: `is not an option of the connector, which ignores it`, inTemplate: true, hint: `Closest options: ${closest.join(", ")} (every option: the connector's spec.json)` });
  }
  return out;
}

/** A `oneOf` object without its discriminator: the connectors read it at run time even when the spec does not require it. */
function missingDiscriminators(value: unknown, schema: JsonSchema | undefined, path: Path, reported: ReadonlySet<string>): Finding[] {
  if (schema === undefined || value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const out: Finding[] = [];
  const branches = schema.oneOf;
  const pointerPath = path.map((p) => `/${p}`).join("");
  if (branches !== undefined && !reported.has(pointerPath)) {
    const key = discriminatorOf(branches);
    if (key !== undefined && !(key in value)) {
      out.push({ path: [...path, key], missing: true, message: `is missing: the connector reads it at run time to pick ${describeBranches(branches, key)}`, hint: "The spec does not mark it required, but the connector fails without it" });
    }
  }
  for (const [k, v] of Object.entries(value)) out.push(...missingDiscriminators(v, schema.properties?.[k], [...path, k], reported));
  return out;
}

/** The placeholder variables a template value holds. */
function placeholders(value: unknown): string[] {
  return typeof value === "string" ? [...value.matchAll(PLACEHOLDER)].map((m) => m[1]!) : [];
}

function toProblem(f: Finding, c: ConnectorConfigCase, raw: unknown): ConfigProblem {
  const where = `source.configuration.${formatPath(f.path)}`;
  const located = locate(f, c, raw);
  const message = located.tenantValue
    ? `Tenant '${c.tenant.slug}' (template '${c.template.name}', ${c.definition} connector): '${formatPath(f.path)}' ${f.message}; the value is ${located.tenantValue.variable} from ${located.tenantValue.origin}`
    : `Template '${c.template.name}' (${c.definition} connector): '${where}' ${f.message}`;
  return {
    level: "error",
    code: "connector-spec",
    message,
    hint: f.hint || `See ${c.contract.specFile}`,
    ...(located.position ? { position: located.position } : {}),
  };
}

function locate(f: Finding, c: ConnectorConfigCase, raw: unknown): Located {
  const base = ["source", "configuration"];
  // The nearest path the template itself writes.
  let depth = f.path.length;
  while (depth > 0 && valueAt(raw, f.path.slice(0, depth)) === undefined) depth--;
  const written = f.path.slice(0, depth);
  const vars = placeholders(valueAt(raw, written));
  if (vars.length > 0 && !f.inTemplate && !f.missing) {
    const variable = vars[0]!;
    const origin = c.tenant.origins[variableOriginKey(variable, c.template.platform)] ?? c.tenant.origins[`platforms.${c.template.platform}`];
    const describe = origin?.kind === "file" ? `${origin.position.file}:${origin.position.line}` : describeOrigin(origin);
    return { position: origin?.kind === "file" ? origin.position : undefined, tenantValue: { variable: `\${${variable}}`, origin: describe } };
  }
  if (depth === 0 || (f.missing && depth < f.path.length - 1)) {
    // Not written in the configuration: a secret path may create it (credentials.access_token).
    const first = String(f.path[0] ?? "");
    const secret = Object.keys(c.template.source.secrets ?? {}).find((s) => s === first || s.startsWith(`${first}.`));
    if (secret !== undefined) return { position: c.source.locate(["source", "secrets", secret], { key: true }), tenantValue: undefined };
  }
  const atKey = f.missing || depth < f.path.length;
  const target = f.missing ? f.path.slice(0, Math.min(depth, f.path.length - 1)) : written;
  return { position: c.source.locate([...base, ...target], { key: atKey || target.length === 0 }), tenantValue: undefined };
}
