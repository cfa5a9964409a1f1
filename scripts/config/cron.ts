import { Cron, CronPattern } from "croner";

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
  { name: "month", min: 1, max: 12 },
  { name: "day-of-week", min: 0, max: 7 },
] as const;

/** Numbers out of range and backward ranges, named by field (croner's messages use its own indices). */
function checkNumbers(parts: readonly string[]): void {
  parts.forEach((text, i) => {
    const field = FIELDS[i] as (typeof FIELDS)[number];
    for (const item of text.split(",")) {
      const range = item.split("/")[0] ?? "";
      const ends = range.split("-").filter((end) => /^\d+$/.test(end)).map(Number);
      for (const n of ends) {
        if (n < field.min || n > field.max) throw new RangeError(`${field.name} ${n} is outside ${field.min}-${field.max}`);
      }
      if (ends.length === 2 && (ends[0] as number) > (ends[1] as number)) {
        throw new RangeError(`Range '${range}' in the ${field.name} field goes backwards`);
      }
    }
  });
}

/** Croner's parse error, without its prefix and trailing period, with field names for its indices. */
function explain(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, "").replace(/\.$/, "");
  const illegal = /^configuration entry (\d) \((.*)\) contains illegal characters$/.exec(text);
  if (illegal !== null) return `'${illegal[2]}' is not valid in the ${FIELDS[Number(illegal[1]) - 1]?.name ?? "cron"} field`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valuesOf(flags: readonly number[], offset: number): Set<number> {
  return new Set(flags.flatMap((on, i) => (on ? [i + offset] : [])));
}

/**
 * Parses a 5-field Unix cron expression (`minute hour dom month dow`, with
 * lists, ranges, steps and names) with croner. Quartz syntax (`?`, `L`, `W`,
 * `#`, seconds, years) is rejected with a hint: config files use Unix cron,
 * provisioning converts.
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
  const source = expression.trim();
  const parts = source.split(/\s+/);
  if (parts.length !== 5) {
    throw new RangeError(
      `Cron '${expression}' has ${parts.length} fields; expected 5 (minute hour day-of-month month day-of-week)`,
    );
  }
  if (parts.some((p) => p.includes("?") || /[LW#]/i.test(p.replace(/[a-z]{3}/gi, "")))) {
    throw new RangeError(`Cron '${expression}' uses Quartz syntax (?, L, W, #); write Unix cron, adops converts it for Airbyte`);
  }
  checkNumbers(parts);
  let pattern: CronPattern;
  try {
    pattern = new CronPattern(source, undefined, { mode: "5-part" });
  } catch (error) {
    throw new RangeError(explain(error));
  }
  return {
    source,
    minutes: valuesOf(pattern.minute, 0),
    hours: valuesOf(pattern.hour, 0),
    daysOfMonth: valuesOf(pattern.day, 1),
    months: valuesOf(pattern.month, 1),
    daysOfWeek: valuesOf(pattern.dayOfWeek, 0),
    domRestricted: !pattern.starDOM,
    dowRestricted: !pattern.starDOW,
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

const MINUTE = 60_000;
/** One croner evaluator per expression and zone (config has a handful of each). */
const evaluators = new Map<string, Cron>();

function evaluator(cron: CronSchedule, timeZone: string): Cron {
  const key = `${timeZone} ${cron.source}`;
  let found = evaluators.get(key);
  if (found === undefined) {
    found = new Cron(cron.source, { timezone: timeZone, mode: "5-part" });
    evaluators.set(key, found);
  }
  return found;
}

/**
 * Steps through croner's fire times from `from` in one direction and returns
 * the first whose wall-clock time matches the expression. Croner, like Vixie
 * cron, moves a fixed-time job whose local time does not exist (spring
 * forward) to the end of the gap; adops counts only times that exist, so
 * `30 1 * * *` in Europe/London skips the day the clocks go forward.
 */
function step(job: Cron, from: number, direction: "next" | "previous"): number | undefined {
  for (let t = from; ;) {
    const fire = direction === "next" ? job.nextRun(new Date(t)) : job.previousRuns(1, new Date(t))[0];
    if (fire === null || fire === undefined) return undefined;
    if (job.match(fire)) return fire.getTime();
    t = fire.getTime();
  }
}

/**
 * The latest fire time at or before `atOrBefore`, in the zone, however far
 * back (a yearly cron finds last year's run).
 *
 * @param cron The schedule.
 * @param atOrBefore Instant (epoch ms).
 * @param options The time zone.
 * @returns The fire instant (epoch ms, at the start of the minute), or undefined when the cron never fires.
 * @example
 * ```ts
 * import { parseCron, previousFireTime } from "./cron.ts";
 * const t = previousFireTime(parseCron("0 * * * *"), Date.UTC(2026, 0, 1, 12, 30), { timeZone: "UTC" });
 * console.assert(t === Date.UTC(2026, 0, 1, 12, 0));
 * ```
 */
export function previousFireTime(cron: CronSchedule, atOrBefore: number, options: { timeZone: string }): number | undefined {
  // croner's previous runs are strictly before the reference; one second past the minute includes it.
  return step(evaluator(cron, options.timeZone), Math.floor(atOrBefore / MINUTE) * MINUTE + 1000, "previous");
}

/**
 * The earliest fire time strictly after `after`, in the zone, however far ahead.
 *
 * @param cron The schedule.
 * @param after Instant (epoch ms).
 * @param options The time zone.
 * @returns The fire instant (epoch ms), or undefined when the cron never fires.
 * @example
 * ```ts
 * import { nextFireTime, parseCron } from "./cron.ts";
 * const t = nextFireTime(parseCron("0 * * * *"), Date.UTC(2026, 0, 1, 12, 30), { timeZone: "UTC" });
 * console.assert(t === Date.UTC(2026, 0, 1, 13, 0));
 * ```
 */
export function nextFireTime(cron: CronSchedule, after: number, options: { timeZone: string }): number | undefined {
  return step(evaluator(cron, options.timeZone), after, "next");
}
