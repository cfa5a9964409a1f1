/** A parsed 5-field cron expression: the allowed values of each field. */
export interface CronSchedule {
  /** The expression as written. */
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 is folded into 0). */
  daysOfWeek: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were `*` (cron's OR rule applies when both are restricted). */
  domRestricted: boolean;
  dowRestricted: boolean;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
] as const;

function parseField(text: string, index: number): Set<number> {
  const field = FIELDS[index] as (typeof FIELDS)[number];
  const names: readonly string[] | undefined = "names" in field ? field.names : undefined;
  const offset = field.name === "month" ? 1 : 0;
  const value = (s: string): number => {
    const named = names?.indexOf(s.toLowerCase()) ?? -1;
    if (named >= 0) return named + offset;
    if (!/^\d+$/.test(s)) throw new RangeError(`'${s}' is not a number in the ${field.name} field`);
    const n = Number(s);
    if (n < field.min || n > field.max) throw new RangeError(`${field.name} ${n} is outside ${field.min}-${field.max}`);
    return n;
  };
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`Step '${stepText}' in the ${field.name} field must be a positive whole number`);
    let lo: number;
    let hi: number;
    if (range === "*") {
      lo = field.min;
      hi = field.max === 7 ? 6 : field.max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-") as [string, string];
      lo = value(a);
      hi = value(b);
      if (lo > hi) throw new RangeError(`Range '${range}' in the ${field.name} field goes backwards`);
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : (field.max === 7 ? 6 : field.max);
    }
    for (let n = lo; n <= hi; n += step) out.add(field.name === "day-of-week" && n === 7 ? 0 : n);
  }
  return out;
}

/**
 * Parses a 5-field Unix cron expression (`minute hour dom month dow`, with
 * lists, ranges, steps and names). Quartz syntax (`?`, seconds, years) is
 * rejected with a hint: config files use Unix cron, provisioning converts.
 *
 * @param expression The cron expression.
 * @returns The schedule.
 * @throws {RangeError} With a message naming the bad field.
 * @example
 * ```ts
 * import { parseCron } from "./cron.ts";
 * console.assert(parseCron("0 6-22 * * *").hours.size === 17);
 * ```
 */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new RangeError(
      `Cron '${expression}' has ${parts.length} fields; expected 5 (minute hour day-of-month month day-of-week)`,
    );
  }
  if (parts.some((p) => p.includes("?") || /[LW#]/.test(p))) {
    throw new RangeError(`Cron '${expression}' uses Quartz syntax (?, L, W, #); write Unix cron, adops converts it for Airbyte`);
  }
  const [mi, h, dom, mo, dow] = parts.map((p, i) => parseField(p, i)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  return {
    source: expression.trim(),
    minutes: mi,
    hours: h,
    daysOfMonth: dom,
    months: mo,
    daysOfWeek: dow,
    domRestricted: parts[2] !== "*",
    dowRestricted: parts[4] !== "*",
  };
}

/**
 * Parses without throwing.
 *
 * @param expression The cron expression.
 * @returns The schedule, or the reason it is invalid.
 * @example
 * ```ts
 * import { tryParseCron } from "./cron.ts";
 * console.assert(!tryParseCron("61 * * * *").ok);
 * ```
 */
export function tryParseCron(expression: string): { ok: true; value: CronSchedule } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parseCron(expression) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Wall-clock parts of an instant in a time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * The wall-clock time of an instant in an IANA time zone.
 *
 * @param epochMs The instant.
 * @param timeZone The zone.
 * @returns Year, month, day, hour, minute and weekday there.
 * @throws {RangeError} When the zone is unknown.
 * @example
 * ```ts
 * import { zonedParts } from "./cron.ts";
 * console.assert(zonedParts(Date.UTC(2026, 0, 1, 12), "America/Jamaica").hour === 7);
 * ```
 */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? "Sun"),
  };
}

/**
 * Whether an IANA time zone name is known to this runtime's ICU data.
 *
 * @param timeZone The name.
 * @returns True when `Intl` accepts it.
 * @example
 * ```ts
 * import { isValidTimeZone } from "./cron.ts";
 * console.assert(isValidTimeZone("America/Jamaica") && !isValidTimeZone("Mars/Olympus"));
 * ```
 */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the schedule fires at the given wall-clock minute.
 *
 * @param cron The schedule.
 * @param t The wall-clock parts.
 * @returns True when every field matches (cron's day OR rule included).
 * @example
 * ```ts
 * import { cronMatches, parseCron } from "./cron.ts";
 * console.assert(cronMatches(parseCron("15 2 * * *"), { year: 2026, month: 1, day: 1, hour: 2, minute: 15, weekday: 4 }));
 * ```
 */
export function cronMatches(cron: CronSchedule, t: ZonedParts): boolean {
  if (!cron.minutes.has(t.minute) || !cron.hours.has(t.hour) || !cron.months.has(t.month)) return false;
  const dom = cron.daysOfMonth.has(t.day);
  const dow = cron.daysOfWeek.has(t.weekday);
  if (cron.domRestricted && cron.dowRestricted) return dom || dow;
  return dom && dow;
}

/**
 * The latest fire time at or before `atOrBefore`, in the zone, searching back
 * up to `maxDays` days.
 *
 * @param cron The schedule.
 * @param atOrBefore Instant (epoch ms).
 * @param options The time zone and the search limit.
 * @returns The fire instant (epoch ms, at the start of the minute), or undefined.
 * @example
 * ```ts
 * import { parseCron, previousFireTime } from "./cron.ts";
 * const t = previousFireTime(parseCron("0 * * * *"), Date.UTC(2026, 0, 1, 12, 30), { timeZone: "UTC" });
 * console.assert(t === Date.UTC(2026, 0, 1, 12, 0));
 * ```
 */
export function previousFireTime(
  cron: CronSchedule,
  atOrBefore: number,
  options: { timeZone: string; maxDays?: number },
): number | undefined {
  const minute = 60_000;
  let t = Math.floor(atOrBefore / minute) * minute;
  const limit = t - (options.maxDays ?? 8) * 24 * 60 * minute;
  for (; t >= limit; t -= minute) {
    const parts = zonedParts(t, options.timeZone);
    if (!cron.hours.has(parts.hour)) {
      t -= parts.minute * minute; // jump to the start of this hour, then one more minute back
      continue;
    }
    if (cronMatches(cron, parts)) return t;
  }
  return undefined;
}

/**
 * The earliest fire time strictly after `after`, in the zone.
 *
 * @param cron The schedule.
 * @param after Instant (epoch ms).
 * @param options The time zone and the search limit.
 * @returns The fire instant (epoch ms), or undefined.
 * @example
 * ```ts
 * import { nextFireTime, parseCron } from "./cron.ts";
 * const t = nextFireTime(parseCron("0 * * * *"), Date.UTC(2026, 0, 1, 12, 30), { timeZone: "UTC" });
 * console.assert(t === Date.UTC(2026, 0, 1, 13, 0));
 * ```
 */
export function nextFireTime(
  cron: CronSchedule,
  after: number,
  options: { timeZone: string; maxDays?: number },
): number | undefined {
  const minute = 60_000;
  let t = Math.floor(after / minute) * minute + minute;
  const limit = t + (options.maxDays ?? 8) * 24 * 60 * minute;
  for (; t <= limit; t += minute) {
    const parts = zonedParts(t, options.timeZone);
    if (!cron.hours.has(parts.hour)) {
      t += (59 - parts.minute) * minute;
      continue;
    }
    if (cronMatches(cron, parts)) return t;
  }
  return undefined;
}
