import type { AdopsConfig } from "../config/mod.ts";
import { freshnessWindows, localDay } from "../health/mod.ts";
import type { OpsRow } from "./ops-tables.ts";

const DAY = 86_400_000;

/**
 * The `sla_windows` rows for every configured connection (active or not: a
 * paused one keeps its windows, dbt decides what to count) over the time the
 * loaded data covers (pure): the stretches in which health's freshness rule
 * expects the connection fresh (`freshnessWindows`, the one definition), one
 * row per window, `day` the tenant-local date it starts on. The range is
 * widened by a day on each side so every tenant-local day it touches is whole.
 *
 * @param config The resolved config (tenants, their time zones, the platform's groups).
 * @param range The instants the loaded facts cover (epoch ms).
 * @returns The rows.
 * @example
 * ```ts
 * import { slaWindowRows } from "./sla-windows.ts";
 * import { makeConfig } from "../config/testing.ts";
 * const rows = slaWindowRows(makeConfig(), { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 23, 12) });
 * console.assert(rows.length > 0 && rows.every((r) => r.window_start !== null));
 * ```
 */
export function slaWindowRows(config: Pick<AdopsConfig, "tenants" | "platform">, range: { from: number; to: number }): OpsRow<"sla_windows">[] {
  const from = Math.floor(range.from / DAY) * DAY - DAY;
  const to = Math.ceil(range.to / DAY) * DAY + DAY;
  const rows: OpsRow<"sla_windows">[] = [];
  for (const tenant of config.tenants) {
    for (const connection of tenant.connections) {
      for (const w of freshnessWindows(connection, config.platform, { from, to, timeZone: tenant.timeZone })) {
        rows.push({
          tenant: tenant.slug, connection_name: connection.name, schedule_group: connection.scheduleGroup, day: localDay(w.start, tenant.timeZone),
          window_start: new Date(w.start).toISOString(), window_end: new Date(w.end).toISOString(), fresh_minutes: w.freshMinutes,
          freshness_rule: w.mode, threshold_minutes: w.thresholdMinutes,
        });
      }
    }
  }
  return rows;
}
