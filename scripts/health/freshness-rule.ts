import type { PlatformConfig } from "../../schemas/platform.ts";
import { nextFireTime, parseCron, previousFireTime, type ResolvedConnection, type ResolvedSchedule, zonedParts } from "../config/mod.ts";

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

/** The connection's group SLA and window, and the window's span in minutes (0: no span). */
function groupWindow(connection: ResolvedConnection, platform: PlatformConfig) {
  const group = platform.schedule_groups[connection.scheduleGroup];
  const fresh = group?.fresh_minutes ?? platform.sla.airbyte_fresh_minutes;
  const window = group?.window;
  const span = window === undefined ? 0 : (minutesOf(window.end) - minutesOf(window.start) + 1440) % 1440;
  return { fresh, window, span };
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
  const { fresh, window, span } = groupWindow(connection, platform);
  const schedule = connection.schedule;
  const interval = schedule.kind === "interval" ? intervalMinutes(schedule) : undefined;

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

/** One stretch of time during which {@link freshnessRule} enforces freshness. */
export interface FreshnessWindow {
  /** When freshness starts to be expected (epoch ms). */
  start: number;
  /** When it stops (epoch ms, exclusive). */
  end: number;
  /** The group's freshness SLA in minutes. */
  freshMinutes: number;
  /** How health judges inside it ({@link FreshnessRule}'s `mode`): `age` (younger than `thresholdMinutes`) or `cycle` (from the window's scheduled run or later). */
  mode: "age" | "cycle";
  /** The age limit in `age` mode (the SLA, or the interval when longer; interval + SLA without a window); the SLA in `cycle` mode. */
  thresholdMinutes: number;
}

/**
 * The stretches of time in which {@link freshnessRule} enforces freshness for
 * a connection, for every window that starts in `[from, to)` (pure; the same
 * rule, so SLA reporting and health judge "fresh" one way): a group with a
 * window that spans time, from `start + fresh` to `end + fresh` of each
 * tenant-local day; a daily (cron) group, from each scheduled run + fresh to
 * the next run + fresh; an interval schedule without a window, all day (one
 * stretch per tenant-local day).
 *
 * @param connection The connection.
 * @param platform The platform config (schedule groups, SLA).
 * @param options The range (epoch ms) and the tenant's time zone.
 * @returns The windows, in time order.
 * @example
 * ```ts
 * import { freshnessWindows } from "./freshness-rule.ts";
 * import { makeConnection, makePlatformConfig } from "../config/testing.ts";
 * const [w] = freshnessWindows(makeConnection(), makePlatformConfig(), { from: Date.UTC(2026, 10, 23, 5), to: Date.UTC(2026, 10, 24, 5), timeZone: "America/Jamaica" });
 * console.assert(w !== undefined && w.end > w.start);
 * ```
 */
export function freshnessWindows(
  connection: ResolvedConnection,
  platform: PlatformConfig,
  options: { from: number; to: number; timeZone: string },
): FreshnessWindow[] {
  const { fresh, window, span } = groupWindow(connection, platform);
  const schedule = connection.schedule;
  const out: FreshnessWindow[] = [];
  const interval = schedule.kind === "interval" ? intervalMinutes(schedule) : undefined;
  const each = (cron: string, timeZone: string, end: (start: number) => number | undefined, offset: number, rule: Pick<FreshnessWindow, "mode" | "thresholdMinutes">) => {
    const parsed = parseCron(cron);
    for (let at = nextFireTime(parsed, options.from - 1, { timeZone }); at !== undefined && at < options.to; at = nextFireTime(parsed, at, { timeZone })) {
      const until = end(at);
      if (until !== undefined) out.push({ start: at + offset, end: until, freshMinutes: fresh, ...rule });
    }
  };
  if (window !== undefined && span > 0) {
    const start = minutesOf(window.start);
    each(`${start % 60} ${Math.floor(start / 60)} * * *`, options.timeZone, (at) => at + (span + fresh) * MINUTE, fresh * MINUTE, { mode: "age", thresholdMinutes: Math.max(fresh, interval ?? 0) });
  } else if (schedule.kind === "interval") {
    each("0 0 * * *", options.timeZone, (at) => nextFireTime(parseCron("0 0 * * *"), at, { timeZone: options.timeZone }), 0, { mode: "age", thresholdMinutes: (interval ?? 0) + fresh });
  } else {
    const cron = parseCron(schedule.cron);
    each(schedule.cron, schedule.timeZone, (at) => {
      const next = nextFireTime(cron, at, { timeZone: schedule.timeZone });
      return next === undefined ? undefined : next + fresh * MINUTE;
    }, fresh * MINUTE, { mode: "cycle", thresholdMinutes: fresh });
  }
  return out;
}
