/**
 * The seed's environment conventions (Airbyte stack guide): `AIRBYTE_TENANTS`
 * lists slugs, and each slug expands into `AIRBYTE_<SLUG>_*` with the slug
 * upper-cased and dashes turned into underscores.
 *
 * @param slug The tenant slug.
 * @returns The env prefix, e.g. `AIRBYTE_ACME_RETAIL_`.
 * @example
 * ```ts
 * import { tenantEnvPrefix } from "./env-names.ts";
 * console.assert(tenantEnvPrefix("acme-retail") === "AIRBYTE_ACME_RETAIL_");
 * ```
 */
export function tenantEnvPrefix(slug: string): string {
  return `AIRBYTE_${slug.toUpperCase().replace(/-/g, "_")}_`;
}

/**
 * The slugs in `AIRBYTE_TENANTS` (comma or whitespace separated).
 *
 * @param value The variable's value.
 * @returns Lower-case slugs, in order, without duplicates.
 * @example
 * ```ts
 * import { parseTenantList } from "./env-names.ts";
 * console.assert(parseTenantList("acme, Beta ").join() === "acme,beta");
 * ```
 */
export function parseTenantList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

/**
 * The env var holding a template's golden connection id (seed:
 * `AIRBYTE_TEMPLATE_<NAME>_CONNECTION_ID`).
 *
 * @param template The template name.
 * @returns The variable name.
 * @example
 * ```ts
 * import { templateConnectionEnv } from "./env-names.ts";
 * console.assert(templateConnectionEnv("meta_metrics") === "AIRBYTE_TEMPLATE_META_METRICS_CONNECTION_ID");
 * ```
 */
export function templateConnectionEnv(template: string): string {
  return `AIRBYTE_TEMPLATE_${template.toUpperCase()}_CONNECTION_ID`;
}
