import type { PlatformId, ResolvedTenant } from "./types.ts";

/** A value that is exactly one typed placeholder, `${name:integer}` or `${name:number}`. */
const TYPED_PLACEHOLDER = /^\$\{(\w+):(integer|number)\}$/;

/** Any placeholder, typed or not, with its variable name in group 1. */
export const PLACEHOLDER = /\$\{(\w+)(?::(?:integer|number))?\}/g;

/**
 * Replaces `${name}` placeholders in a template value. A string that is exactly
 * `${name:integer}` or `${name:number}` becomes a number (connectors such as
 * LinkedIn's take integer ids); a value that is not one stays a string, so the
 * connector-spec check reports it at the tenant's line.
 *
 * @param value A template value (any JSON).
 * @param vars The variables (`account_id`, `account_name`, `tenant`).
 * @returns The value with every known placeholder replaced.
 * @example
 * ```ts
 * import { substitute } from "./substitute.ts";
 * const out = substitute({ ids: ["${account_id:integer}"], name: "${account_id}" }, { account_id: "42" });
 * console.assert(JSON.stringify(out) === '{"ids":[42],"name":"42"}');
 * ```
 */
export function substitute(value: unknown, vars: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === "string") {
    const typed = TYPED_PLACEHOLDER.exec(value);
    if (typed !== null) {
      const raw = vars[typed[1]!];
      if (raw === undefined) return value;
      const n = Number(raw);
      const ok = raw.trim() !== "" && Number.isFinite(n) && (typed[2] === "number" || Number.isSafeInteger(n));
      return ok ? n : raw;
    }
    return value.replace(/\$\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

/**
 * The placeholder variables of one tenant on one platform: `account_id`,
 * `account_name` (the platform's) and `tenant` (the slug).
 *
 * @param tenant The resolved tenant.
 * @param platform The template's platform.
 * @returns The variables for {@link substitute}.
 * @example
 * ```ts
 * import { makeTenant } from "./testing.ts";
 * import { templateVariables } from "./substitute.ts";
 * console.assert(templateVariables(makeTenant(), "meta").account_id === "act_1");
 * ```
 */
export function templateVariables(tenant: ResolvedTenant, platform: PlatformId): Record<string, string | undefined> {
  const account = tenant.platforms[platform];
  return { account_id: account?.accountId ?? "", account_name: account?.accountName, tenant: tenant.slug };
}

/** The tenant origin key of each placeholder variable (see `ResolvedTenant.origins`). */
export function variableOriginKey(variable: string, platform: PlatformId): string {
  if (variable === "tenant") return "slug";
  return `platforms.${platform}.${variable}`;
}
