import { type AdopsConfig, nextFireTime, parseCron, previousFireTime, zonedParts } from "../config/mod.ts";
import { freshnessRule } from "../health/mod.ts";

/** One connection's place in the scheduled cycle. */
export interface CyclePlanRow {
  tenant: string;
  connection: string;
  status: "active" | "inactive";
  schedule: string;
  /** Last scheduled run at or before now, tenant wall-clock time (`YYYY-MM-DD HH:MM`), or `-`. */
  lastDue: string;
  /** Next scheduled run, tenant wall-clock time. */
  next: string;
}

function wall(epochMs: number | undefined, timeZone: string): string {
  if (epochMs === undefined) return "-";
  const p = zonedParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * What the scheduled cycle would do now: every connection with its schedule,
 * its last due run and its next run, in the tenant's own time zone (pure).
 *
 * @param config The loaded config.
 * @param now The instant (epoch ms).
 * @returns One row per connection.
 * @example
 * ```ts
 * import { makeConfig } from "../config/testing.ts";
 * import { planCycle } from "./demo-cycle-plan.ts";
 * const rows = planCycle(makeConfig(), Date.UTC(2026, 10, 23, 17, 30));
 * console.assert(rows[0]?.lastDue === "2026-11-23 12:00");
 * ```
 */
export function planCycle(config: AdopsConfig, now: number): CyclePlanRow[] {
  const rows: CyclePlanRow[] = [];
  for (const tenant of config.tenants) {
    for (const c of tenant.connections) {
      if (c.schedule.kind === "cron") {
        const cron = parseCron(c.schedule.cron);
        rows.push({
          tenant: tenant.slug,
          connection: c.template,
          status: c.status,
          schedule: `cron ${c.schedule.cron} (${c.schedule.timeZone})`,
          lastDue: wall(previousFireTime(cron, now, { timeZone: c.schedule.timeZone }), tenant.timeZone),
          next: wall(nextFireTime(cron, now, { timeZone: c.schedule.timeZone }), tenant.timeZone),
        });
      } else {
        rows.push({
          tenant: tenant.slug,
          connection: c.template,
          status: c.status,
          schedule: `every ${c.schedule.units} ${c.schedule.timeUnit}`,
          lastDue: "after the last sync",
          next: "-",
        });
      }
    }
  }
  return rows;
}

/**
 * When the demo's what-if looks again: `gapMs` after `now`, or, when no active connection's
 * freshness is judged then (every hourly group outside its 06:00-22:00 window, as at night
 * in Jamaica), the first quarter hour after that at which one is (pure). Without it the
 * what-if found nothing stale at night and the demo failed by the clock.
 *
 * @param config The loaded config.
 * @param now The instant of the last sync (epoch ms).
 * @param gapMs How long no sync ran.
 * @returns The instant health judges the what-if at (epoch ms).
 * @example
 * ```ts
 * import { makeConfig } from "../config/testing.ts";
 * import { whatIfInstant } from "./demo-cycle-plan.ts";
 * const at = whatIfInstant(makeConfig(), Date.UTC(2026, 10, 23, 17, 30), 7_200_000);
 * console.assert(at === Date.UTC(2026, 10, 23, 19, 30));
 * ```
 */
export function whatIfInstant(config: AdopsConfig, now: number, gapMs: number): number {
  const QUARTER = 15 * 60_000;
  const judged = (at: number) =>
    config.tenants.some((t) =>
      t.connections.some((c) => {
        const rule = freshnessRule(c, config.platform, { now: at, timeZone: t.timeZone });
        return c.status === "active" && rule.mode === "age" && rule.enforced;
      })
    );
  const first = now + gapMs;
  for (let at = first; at < first + 2 * 86_400_000; at = Math.floor(at / QUARTER) * QUARTER + QUARTER) {
    if (judged(at)) return at;
  }
  return first;
}
