import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CommandContext } from "../cli/command.ts";
import { ConfigError } from "../core/mod.ts";
import { loadConfig } from "../config/mod.ts";

/** What the status site takes from config. */
export interface SiteSettings {
  /** Tenant slugs (listed even before any run). */
  tenants: string[];
  /** The SLAs health judges by (`platform.yml` `sla`). */
  sla: { airbyteFreshMinutes: number; dbtFreshHours: number };
}

/**
 * The tenants and SLAs of config for the site; an unreadable config (the site
 * must still build from reports alone) gives no tenants and the runbook's SLAs.
 *
 * @param ctx The command context.
 * @returns Tenants and SLAs.
 * @example
 * ```ts ignore
 * const { tenants, sla } = await siteSettings(ctx);
 * ```
 */
export async function siteSettings(ctx: CommandContext): Promise<SiteSettings> {
  const result = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: false }).catch(() => undefined);
  if (!result?.ok) return { tenants: [], sla: { airbyteFreshMinutes: 60, dbtFreshHours: 24 } };
  const { sla } = result.config.platform;
  return { tenants: result.config.tenants.map((t) => t.slug), sla: { airbyteFreshMinutes: sla.airbyte_fresh_minutes, dbtFreshHours: sla.dbt_fresh_hours } };
}

/**
 * Chart.js's UMD build, the one file of the library the site ships: from the
 * project's `node_modules` (the working folder's, else wherever Node resolves
 * `chart.js` from this file).
 *
 * @param ctx The command context.
 * @returns The library's code.
 * @throws {ConfigError} When chart.js is not installed.
 * @example
 * ```ts ignore
 * const chartLibrary = await readChartLibrary(ctx);
 * ```
 */
export async function readChartLibrary(ctx: CommandContext): Promise<string> {
  const file = "chart.umd.min.js";
  const local = await ctx.files.tryReadText(join(ctx.cwd, "node_modules/chart.js/dist", file));
  if (local !== undefined) return local;
  try {
    const resolved = createRequire(import.meta.url).resolve("chart.js");
    const text = await ctx.files.tryReadText(join(dirname(resolved), file));
    if (text !== undefined) return text;
  } catch {
    // Not resolvable from here either: the error below says what to do.
  }
  throw new ConfigError(`Cannot find the chart library file '${file}' of chart.js`, { hint: "Run npm ci (chart.js is a dependency of adops)" });
}
