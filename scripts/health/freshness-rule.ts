import type { PlatformConfig } from "../../schemas/platform.ts";
import { parseCron, previousFireTime, type ResolvedConnection, type ResolvedSchedule, zonedParts } from "../config/mod.ts";

const MINUTE = 60_000;

/** What "fresh" means for one connection at one instant. */
export interface FreshnessRule {
  /**
   * `age`: the newest success must be younger than `thresholdMinutes` (hourly
   * groups, inside their window). `cycle`: the newest success must have ended
   * at or after `due`, the latest scheduled run whose SLA has passed (daily groups).
   */
  mode: "age" | "cycle";
  /** The group's freshness SLA in minutes. */
  freshMinutes: number;
  /** Age limit in `age` mode (the SLA, or the interval when longer). */
  thresholdMinutes: number;
  /** Whether freshness is expected right now (inside the window, or once the first run's SLA passed). */
  enforced: boolean;
  /** Start of the current window or cycle (epoch ms): jobs created since count as "in the window". */
  windowStart: number | undefined;
  /** `cycle` mode: the scheduled run the data must include (epoch ms). */
  due: number | undefined;
  /** When the current expectation started to bite (epoch ms), for "since". */
  deadline: number | undefined;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * The length of an interval schedule in minutes (months count 30 days).
 *
 * @param schedule An interval schedule.
 * @returns Minutes between syncs.
 * @example
 * ```ts
 * import { intervalMinutes } from "./freshness-rule.ts";
 * console.assert(intervalMinutes({ kind: "interval", units: 2, timeUnit: "hours" }) === 120);
 * ```
 */
export function intervalMinutes(schedule: Extract<ResolvedSchedule, { kind: "interval" }>): number {
  const per = { minutes: 1, hours: 60, days: 1440, weeks: 10_080, months: 43_200 } as const;
  return schedule.units * per[schedule.timeUnit];
}

/**
 * Decides how freshness is judged for a connection at `now` (pure).
 *
 * - A schedule group with a window that spans time (metrics, 06:00-22:00 tenant
 *   time) uses the runbook's age rule, enforced from `start + fresh` to
 *   `end + fresh`: the first run of the day has its SLA to land, the last
 *   run's data stays fresh for one SLA after it.
 * - A group without a span (daily, window 02:15-02:15, or none) uses the cycle
 *   rule: after the scheduled run + SLA (02:15 + 60 min) the newest success
 *   must be from that run or later.
 * - Interval schedules without a window use the age rule with the interval + SLA.
 *
 * The SLA is the group's `fresh_minutes`, else `sla.airbyte_fresh_minutes`.
 *
 * @param connection The connection.
 * @param platform The platform config (schedule groups, SLA).
 * @param options `now` and the tenant's time zone (windows are tenant time).
 * @returns The rule.
 * @example
 * ```ts
 * import { freshnessRule } from "./freshness-rule.ts";
 * import { makeConnection, makePlatformConfig } from "../config/testing.ts";
 * const rule = freshnessRule(makeConnection(), makePlatformConfig(), { now: Date.UTC(2026, 10, 23, 17), timeZone: "America/Jamaica" });
 * console.assert(rule.mode === "age" && rule.enforced);
 * ```
 */
export function freshnessRule(
  connection: ResolvedConnection,
  platform: PlatformConfig,
  options: { now: number; timeZone: string },
): FreshnessRule {
  const { now } = options;
  const group = platform.schedule_groups[connection.scheduleGroup];
  const fresh = group?.fresh_minutes ?? platform.sla.airbyte_fresh_minutes;
  const schedule = connection.schedule;
  const interval = schedule.kind === "interval" ? intervalMinutes(schedule) : undefined;
  const window = group?.window;
  const span = window === undefined ? 0 : (minutesOf(window.end) - minutesOf(window.start) + 1440) % 1440;

  if (window !== undefined && span > 0) {
    const threshold = Math.max(fresh, interval ?? 0);
    const parts = zonedParts(now, options.timeZone);
    const elapsedMinutes = (parts.hour * 60 + parts.minute - minutesOf(window.start) + 1440) % 1440;
    const elapsed = elapsedMinutes * MINUTE + (now % MINUTE);
    const windowStart = now - elapsed;
    const enforced = elapsed >= fresh * MINUTE && elapsed < (span + fresh) * MINUTE;
    return { mode: "age", freshMinutes: fresh, thresholdMinutes: threshold, enforced, windowStart, due: undefined, deadline: windowStart + fresh * MINUTE };
  }
  if (schedule.kind === "interval") {
    const threshold = (interval ?? 0) + fresh;
    return { mode: "age", freshMinutes: fresh, thresholdMinutes: threshold, enforced: true, windowStart: now - threshold * MINUTE, due: undefined, deadline: undefined };
  }
  const due = previousFireTime(parseCron(schedule.cron), now - fresh * MINUTE, { timeZone: schedule.timeZone });
  return {
    mode: "cycle",
    freshMinutes: fresh,
    thresholdMinutes: fresh,
    enforced: due !== undefined,
    windowStart: due,
    due,
    deadline: due === undefined ? undefined : due + fresh * MINUTE,
  };
}
