// Quartz cron validation as Airbyte 1.8's ConnectionScheduleHelper does it
// (cron-utils QUARTZ definition + org.quartz.CronExpression), NOTES.md §5.

/** A problem body (api-problems.yaml) for a rejected cron schedule. */
export interface CronProblem {
  status: 400;
  type: string;
  title: string;
  detail: string;
  data: Record<string, unknown>;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  min: number;
  max: number;
  names?: string[];
  special?: RegExp;
}
const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, special: /^(\?|L|LW|L-\d+|\d+W)$/ },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: DAYS, special: /^(\?|L|\d+L|[1-7]#[1-5])$/ },
  { min: 1970, max: 2099 },
];

function atom(text: string, field: Field): number | undefined {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** Counts the values a field allows, or undefined when it is malformed. */
function fieldSize(text: string, field: Field): number | undefined {
  if (field.special?.test(text.toUpperCase())) return 1;
  const seen = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    if (stepText !== undefined && !/^\d+$/.test(stepText)) return undefined;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === "*") {
      lo = field.min;
      hi = field.max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-") as [string, string];
      lo = atom(a, field);
      hi = atom(b, field);
    } else {
      lo = atom(range, field);
      hi = stepText === undefined ? lo : field.max;
    }
    if (lo === undefined || hi === undefined) return undefined;
    if (hi < lo) hi += field.max - field.min + 1; // Quartz allows wrapping ranges (e.g. 22-2)
    for (let n = lo; n <= hi; n += step) seen.add(n);
  }
  return seen.size;
}

function invalidExpression(cronExpression: string): CronProblem {
  return {
    status: 400,
    type: "error:cron-validation/invalid-expression",
    title: "Invalid cron expression",
    detail: "The cron expression is invalid",
    data: { cronExpression },
  };
}

/**
 * Validates a Config API cron schedule like Airbyte 1.8: Quartz syntax
 * (6 or 7 fields, exactly one of day-of-month and day-of-week is `?`), at
 * most one fire per minute, and a valid time zone that is not `Etc/*`.
 *
 * @param cron The `scheduleData.cron` object, or undefined when missing.
 * @returns The problem to answer with, or undefined when the cron is valid.
 * @example
 * ```ts
 * import { validateQuartzCron } from "./validate-quartz-cron.ts";
 * console.assert(validateQuartzCron({ cronExpression: "0 0 6-22 * * ?", cronTimeZone: "UTC" }) === undefined);
 * console.assert(validateQuartzCron({ cronExpression: "0 6-22 * * *", cronTimeZone: "UTC" })?.status === 400);
 * ```
 */
export function validateQuartzCron(cron: { cronExpression?: unknown; cronTimeZone?: unknown } | undefined): CronProblem | undefined {
  if (cron === undefined) {
    return {
      status: 400,
      type: "error:cron-validation/missing-cron-data",
      title: "Cron data is missing",
      detail: "If schedule type is cron, scheduleData.cron must be provided.",
      data: {},
    };
  }
  const { cronExpression, cronTimeZone } = cron;
  if (typeof cronExpression !== "string" || typeof cronTimeZone !== "string" || cronExpression === "" || cronTimeZone === "") {
    return {
      status: 400,
      type: "error:cron-validation/missing-component",
      title: "Cron is missing a component",
      detail: "The cron must specify a cron expression and a timezone.",
      data: { cronExpression: String(cronExpression ?? ""), cronTimezone: String(cronTimeZone ?? "") },
    };
  }
  const parts = cronExpression.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) return invalidExpression(cronExpression);
  const dom = parts[3] as string;
  const dow = parts[5] as string;
  if ((dom === "?") === (dow === "?")) return invalidExpression(cronExpression);
  for (let i = 0; i < parts.length; i++) {
    if (fieldSize(parts[i] as string, FIELDS[i] as Field) === undefined) return invalidExpression(cronExpression);
  }
  if ((fieldSize(parts[0] as string, FIELDS[0] as Field) ?? 0) > 1) return invalidExpression(cronExpression);
  let zoneOk = !/^etc/i.test(cronTimeZone);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: cronTimeZone });
  } catch {
    zoneOk = false;
  }
  if (!zoneOk) {
    return {
      status: 400,
      type: "error:cron-validation/invalid-timezone",
      title: "Invalid cron timezone",
      detail: "The specified cron timezone is invalid",
      data: { cronExpression, cronTimezone: cronTimeZone },
    };
  }
  return undefined;
}
