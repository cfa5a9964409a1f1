import { parseCron, type ResolvedSchedule } from "../config/mod.ts";
import type { AirbyteSchedule } from "./client.ts";

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/**
 * Converts a 5-field Unix cron to the Quartz form Airbyte accepts:
 * seconds `0` prepended, and `?` in whichever of day-of-month and
 * day-of-week is `*` (Quartz needs exactly one `?`). A restricted
 * day-of-week becomes day names (Unix 0/7 = Sunday, Quartz 1 = Sunday).
 *
 * @param cron A 5-field Unix cron, e.g. `0 6-22 * * *`.
 * @returns The Quartz expression, e.g. `0 0 6-22 * * ?`.
 * @throws {RangeError} When the cron is invalid, or restricts both day fields (Unix ORs them, Quartz cannot).
 * @example
 * ```ts
 * import { unixCronToQuartz } from "./to-airbyte-schedule.ts";
 * console.assert(unixCronToQuartz("0 6-22 * * *") === "0 0 6-22 * * ?");
 * console.assert(unixCronToQuartz("30 7 * * 1-5") === "0 30 7 ? * MON,TUE,WED,THU,FRI");
 * ```
 */
export function unixCronToQuartz(cron: string): string {
  const parsed = parseCron(cron);
  const [minute, hour, dom, month] = cron.trim().split(/\s+/) as [string, string, string, string];
  if (parsed.domRestricted && parsed.dowRestricted) {
    throw new RangeError(`Cron '${cron}' restricts both day-of-month and day-of-week, which Airbyte's Quartz cron cannot express`);
  }
  if (!parsed.dowRestricted) return `0 ${minute} ${hour} ${dom} ${month} ?`;
  const days = [...parsed.daysOfWeek].sort((a, b) => a - b).map((d) => DAY_NAMES[d]).join(",");
  return `0 ${minute} ${hour} ? ${month} ${days}`;
}

/**
 * Airbyte rejects `Etc/*` zones; the two that have plain equivalents are mapped.
 *
 * @param timeZone An IANA zone.
 * @returns The zone Airbyte accepts.
 * @throws {RangeError} For other `Etc/*` zones.
 */
function airbyteTimeZone(timeZone: string): string {
  if (!/^etc\//i.test(timeZone)) return timeZone;
  if (/^etc\/(utc|uct|universal|zulu)$/i.test(timeZone)) return "UTC";
  if (/^etc\/(gmt|greenwich|gmt[+-]0)$/i.test(timeZone)) return "GMT";
  throw new RangeError(`Time zone '${timeZone}' is an Etc/ zone, which Airbyte rejects; use a region name like America/Jamaica`);
}

/**
 * The Config API schedule for a resolved schedule: cron becomes Quartz in the
 * tenant's time zone; an interval becomes a `basic` schedule.
 *
 * @param schedule The resolved schedule.
 * @returns `scheduleType` and `scheduleData` as Airbyte accepts them.
 * @throws {RangeError} When the cron cannot be expressed in Quartz, or the zone is an unsupported Etc/ zone.
 * @example
 * ```ts
 * import { toAirbyteSchedule } from "./to-airbyte-schedule.ts";
 * const s = toAirbyteSchedule({ kind: "cron", cron: "0 6-22 * * *", timeZone: "America/Jamaica" });
 * console.assert(s.scheduleType === "cron" && s.scheduleData.cron.cronExpression === "0 0 6-22 * * ?");
 * ```
 */
export function toAirbyteSchedule(schedule: ResolvedSchedule): AirbyteSchedule {
  if (schedule.kind === "interval") {
    return { scheduleType: "basic", scheduleData: { basicSchedule: { timeUnit: schedule.timeUnit, units: schedule.units } } };
  }
  return { scheduleType: "cron", scheduleData: { cron: { cronExpression: unixCronToQuartz(schedule.cron), cronTimeZone: airbyteTimeZone(schedule.timeZone) } } };
}
