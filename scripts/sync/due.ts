import { nextFireTime, parseCron, previousFireTime, type ResolvedSchedule } from "../config/mod.ts";
import type { SyncJob } from "./sync-api.ts";

/** Whether a connection should sync now, and why. */
export interface DueDecision {
  /** Whether to trigger a sync. */
  due: boolean;
  /** Why, in words, for logs and `--dry-run`. */
  reason: string;
  /** The start of the current schedule slot: a sync created at or after it satisfies the schedule (epoch ms). */
  slotStart: number | undefined;
  /** When the newest successful job was created (epoch ms). */
  lastSuccessAt: number | undefined;
  /** When the next slot opens (epoch ms), when known. */
  nextDueAt: number | undefined;
}

const MINUTE = 60_000;
const UNIT_MS = { minutes: MINUTE, hours: 60 * MINUTE, days: 1440 * MINUTE, weeks: 7 * 1440 * MINUTE, months: 30 * 1440 * MINUTE } as const;

/** Options of {@link decideDue}. */
export interface DecideDueOptions {
  /** The run's time (epoch ms). */
  now: number;
  /** Sync whatever the schedule says. @default false */
  force?: boolean;
  /**
   * Interval schedules: how much earlier than a full interval a sync counts as due,
   * so an hourly workflow that fires a little early still syncs an hourly connection.
   * @default min(10% of the interval, 15 minutes)
   */
  intervalSlackMs?: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function slotFor(schedule: ResolvedSchedule, now: number, slackMs: number | undefined): { start: number | undefined; next: number | undefined; what: string } {
  if (schedule.kind === "cron") {
    const cron = parseCron(schedule.cron);
    const start = previousFireTime(cron, now, { timeZone: schedule.timeZone });
    const next = nextFireTime(cron, now, { timeZone: schedule.timeZone });
    return { start, next, what: `cron '${schedule.cron}' (${schedule.timeZone})` };
  }
  const interval = schedule.units * UNIT_MS[schedule.timeUnit];
  const slack = slackMs ?? Math.min(interval * 0.1, 15 * MINUTE);
  return { start: now - interval + slack, next: undefined, what: `every ${schedule.units} ${schedule.timeUnit}` };
}

/**
 * Decides whether a connection is due, from its schedule and Airbyte's job
 * history, not from when the workflow fired: a run that fires late still syncs
 * the slot it missed, and a second run in the same slot does nothing. A slot is
 * the time since the last cron fire (in the tenant's time zone), or the last
 * interval (minus a small slack). It is satisfied by a successful job created
 * in it, or by a job still in progress that was created in it.
 *
 * @param schedule The connection's schedule.
 * @param history The connection's sync jobs, newest first.
 * @param options The run's time and `force`.
 * @returns The decision with its reason.
 * @example
 * ```ts
 * import { decideDue } from "./due.ts";
 * const schedule = { kind: "cron", cron: "0 * * * *", timeZone: "UTC" } as const;
 * const d = decideDue(schedule, [], { now: Date.UTC(2026, 0, 1, 12, 45) });
 * console.assert(d.due && d.slotStart === Date.UTC(2026, 0, 1, 12, 0));
 * ```
 */
export function decideDue(schedule: ResolvedSchedule, history: readonly SyncJob[], options: DecideDueOptions): DueDecision {
  const { now } = options;
  const slot = slotFor(schedule, now, options.intervalSlackMs);
  const lastSuccess = history.filter((j) => j.status === "succeeded").sort((a, b) => b.createdAt - a.createdAt)[0];
  const lastSuccessAt = lastSuccess?.createdAt;
  const base = { slotStart: slot.start, lastSuccessAt, nextDueAt: slot.next };
  const verdict = ((): { due: boolean; reason: string } => {
    if (slot.start === undefined) {
      return lastSuccess === undefined
        ? { due: true, reason: `Never synced; ${slot.what} has no past fire time` }
        : { due: false, reason: `No past fire time of ${slot.what}` };
    }
    const start = slot.start;
    const inFlight = history.find((j) => (j.status === "pending" || j.status === "running" || j.status === "incomplete") && j.createdAt >= start);
    if (inFlight !== undefined) {
      return { due: false, reason: `Job ${inFlight.id} of this slot is already ${inFlight.status} (created ${iso(inFlight.createdAt)})` };
    }
    if (lastSuccess === undefined) return { due: true, reason: `No successful sync in the job history; ${slot.what}` };
    if (lastSuccess.createdAt >= start) {
      const next = slot.next ?? lastSuccess.createdAt + (now - start);
      return { due: false, reason: `Synced at ${iso(lastSuccess.createdAt)} (job ${lastSuccess.id}), in the slot since ${iso(start)}; next due ${iso(next)}` };
    }
    return { due: true, reason: `Due since ${iso(start)} by ${slot.what}; last success ${iso(lastSuccess.createdAt)}` };
  })();
  if (options.force === true) return { ...base, due: true, reason: `Forced (${verdict.reason})` };
  return { ...base, ...verdict };
}
