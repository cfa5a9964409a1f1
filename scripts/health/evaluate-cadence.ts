import type { PlatformConfig } from "../../schemas/platform.ts";
import { nextFireTime, parseCron, type ResolvedConnection } from "../config/mod.ts";
import { HOUR, iso, MINUTE, newestFirst, roundMinutes, RUNBOOK } from "./_shared.ts";
import { intervalMinutes } from "./freshness-rule.ts";
import type { HealthCheck, JobHistoryResult } from "./types.ts";

/** Options of {@link evaluateCadence}. */
export interface EvaluateCadenceOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** Platform config (the group's SLA is the lateness a run may have). */
  platform: PlatformConfig;
  /**
   * How far back scheduled runs are compared with real job starts. 26 h covers
   * one run of a daily group at any time of day.
   * @default 26
   */
  lookbackHours?: number;
  /**
   * How early a job may start before its scheduled time and still count.
   * @default 5
   */
  earlyMinutes?: number;
}

/** How many missed runs a check lists at most. */
const MAX_LISTED = 20;

/**
 * Compares a connection's real job starts with its schedule (pure). Each
 * scheduled run (cron fire in the schedule's time zone) is matched with the
 * first unmatched job created between `earlyMinutes` before it and the
 * group's SLA after it; a run with no job is missed (for example GitHub
 * dropped the trigger), and any missed run makes the check `cadence_drift`.
 * Interval schedules are judged by the largest gap between job starts
 * (and from the last start to now) against interval + SLA.
 *
 * @param connection The connection.
 * @param history Its job history (at least `lookbackHours` of it).
 * @param options Clock reading, platform config, lookback and tolerance.
 * @returns The `cadence` check.
 * @example
 * ```ts
 * import { evaluateCadence } from "./evaluate-cadence.ts";
 * import { makeConnection, makePlatformConfig } from "../config/testing.ts";
 * const check = evaluateCadence(makeConnection(), { ok: true, connectionId: "c1", jobs: [] }, { now: Date.UTC(2026, 10, 23, 17), platform: makePlatformConfig() });
 * console.assert(check.status === "cadence_drift");
 * ```
 */
export function evaluateCadence(connection: ResolvedConnection, history: JobHistoryResult, options: EvaluateCadenceOptions): HealthCheck {
  const { now } = options;
  const lookback = (options.lookbackHours ?? 26) * HOUR;
  const early = (options.earlyMinutes ?? 5) * MINUTE;
  const group = options.platform.schedule_groups[connection.scheduleGroup];
  const grace = (group?.fresh_minutes ?? options.platform.sla.airbyte_fresh_minutes) * MINUTE;
  const base = {
    tenant: connection.tenant,
    check: "cadence" as const,
    subject: connection.name,
    runbook: RUNBOOK.cadence,
  };
  if (connection.status === "inactive" || !history.ok) {
    return { ...base, status: "not_checked", severity: "ok", message: connection.status === "inactive" ? "Connection is inactive" : "Job history unavailable", since: null, details: {} };
  }
  const starts = newestFirst(history.jobs).map((j) => j.createdAt).filter((t) => t >= now - lookback - early).reverse();
  const gaps = [...starts, now].map((t, i, all) => (i === 0 ? 0 : t - (all[i - 1] as number)));
  const maxGap = starts.length === 0 ? null : roundMinutes(Math.max(...gaps));

  if (connection.schedule.kind === "interval") {
    const limit = intervalMinutes(connection.schedule) * MINUTE + grace;
    const firstStart = starts[0];
    const drift = firstStart === undefined || Math.max(...gaps) > limit;
    return {
      ...base,
      status: drift ? "cadence_drift" : "ok",
      severity: drift ? "warning" : "ok",
      message: drift
        ? `Gap between syncs exceeds ${roundMinutes(limit)} min (largest ${maxGap ?? "∞"} min in ${options.lookbackHours ?? 26} h)`
        : `${starts.length} runs in ${options.lookbackHours ?? 26} h, largest gap ${maxGap} min`,
      since: null,
      details: { schedule: "interval", actual_runs: starts.length, max_gap_minutes: maxGap, limit_minutes: roundMinutes(limit) },
    };
  }

  const cron = parseCron(connection.schedule.cron);
  const timeZone = connection.schedule.timeZone;
  // Fires before the connection's first known job do not count: it did not exist yet
  // (a connection provisioned an hour ago has not missed yesterday's runs; one that
  // never synced is no_recent_sync's business).
  const fires: number[] = [];
  if (history.jobs.length > 0) {
    const firstEver = Math.min(...history.jobs.map((j) => j.createdAt));
    const from = Math.max(now - lookback, firstEver - early);
    for (let t = nextFireTime(cron, from - 1, { timeZone }); t !== undefined && t + grace <= now; t = nextFireTime(cron, t, { timeZone })) {
      fires.push(t);
    }
  }
  const missed: number[] = [];
  let next = 0;
  for (const fire of fires) {
    while (starts[next] !== undefined && (starts[next] as number) < fire - early) next += 1;
    const start = starts[next];
    if (start !== undefined && start < fire + grace) next += 1;
    else missed.push(fire);
  }
  const drift = missed.length > 0;
  return {
    ...base,
    status: drift ? "cadence_drift" : "ok",
    severity: drift ? "warning" : "ok",
    message: drift
      ? `${missed.length} of ${fires.length} scheduled runs in ${options.lookbackHours ?? 26} h did not start (first missed ${iso(missed[0])})`
      : `${fires.length} scheduled runs in ${options.lookbackHours ?? 26} h all started`,
    since: drift ? iso((missed[0] as number) + grace) : null,
    details: {
      schedule: connection.schedule.cron,
      time_zone: timeZone,
      expected_runs: fires.length,
      matched_runs: fires.length - missed.length,
      missed_runs: missed.slice(-MAX_LISTED).map((t) => iso(t)),
      actual_runs: starts.length,
      max_gap_minutes: maxGap,
      scheduled_max_gap_minutes: fires.length < 2 ? null : roundMinutes(Math.max(...fires.slice(1).map((t, i) => t - (fires[i] as number)))),
    },
  };
}
