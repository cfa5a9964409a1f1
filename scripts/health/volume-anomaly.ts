// The volume anomaly detector (issue #13, seed 003 `check_row_count_anomalies`):
// pure statistics on one tenant-stream's records per day.
//
// Statistic. Counts are compared on a log scale (y = ln(1 + records)), so a
// 10× spike and a fall to a tenth weigh the same whatever the stream's size.
// - Point test (zero, spike, drop): a seasonal Hampel filter. The expected
//   value of a day is the median of the same weekday over the last k weeks
//   (weekday/weekend patterns drop out); the spread is the MAD of every
//   baseline day's residual from its weekday median; the score is Iglewicz &
//   Hoaglin's modified z-score 0.6745 · (y − median) / MAD, flagged beyond
//   ±3.5 (their recommended cut-off). Medians and the MAD have a 50 %
//   breakdown point: a few outliers in the baseline move neither.
// - Level-shift test (decline): a slow drift never makes one day an outlier
//   against the days just before it, so the median residual of the last 7
//   days is compared with a reference window that ends two weeks earlier (the
//   weekday medians of the k weeks before that, so a decline of up to three
//   weeks spoils at most one of them). Its score divides by the standard
//   error of a median of n values (1.2533 · σ / √n, σ = 1.4826 · MAD).
// Both tests also need a ratio (observed / expected) past a threshold, so a
// very quiet series (MAD near 0) cannot alarm on a 10 % wiggle; and a day
// whose observed and expected counts are both below `minRecords` is not
// judged (a stream that is always zero, or nearly so, never alarms).
import { DAY } from "./_shared.ts";

/** Records committed on one day (a date without zone: `YYYY-MM-DD`). */
export interface VolumeDay {
  /** The day, `YYYY-MM-DD`. */
  day: string;
  /** Records committed by the successful syncs of that day. */
  records: number;
}

/** Thresholds of {@link detectVolumeAnomaly} (`platform.yml` `anomalies:`). */
export interface VolumeAnomalySettings {
  /** Days with data in the baseline needed before a day is judged. @default 21 */
  minHistoryDays: number;
  /** Weeks of history in the baseline (k same weekdays). @default 6 */
  baselineWeeks: number;
  /** Modified z-score beyond which a day (or the last week's level) is an outlier. @default 3.5 */
  zThreshold: number;
  /** A spike needs observed ≥ this × expected. @default 3 */
  spikeRatio: number;
  /** A drop needs observed ≤ this × expected. @default 0.3 */
  dropRatio: number;
  /** A decline needs the median daily ratio of the last 7 days to their reference to be ≤ this. @default 0.7 */
  declineRatio: number;
  /** Days whose observed and expected counts are both below this are not judged. @default 10 */
  minRecords: number;
}

/** The defaults of {@link VolumeAnomalySettings}. */
export const DEFAULT_VOLUME_SETTINGS: VolumeAnomalySettings = {
  minHistoryDays: 21,
  baselineWeeks: 6,
  zThreshold: 3.5,
  spikeRatio: 3,
  dropRatio: 0.3,
  declineRatio: 0.7,
  minRecords: 10,
};

/** What the detector says about one day. */
export type VolumeVerdict = "ok" | "not_enough_history" | "no_data" | "zero" | "spike" | "drop" | "decline";

/** The detector's answer for one day, with the numbers behind it. */
export interface VolumeFinding {
  /** The judged day. */
  day: string;
  /** The verdict. */
  verdict: VolumeVerdict;
  /** Records that day (for a decline: the mean per day of the last 7 days). */
  observed: number | null;
  /** Expected records (the same-weekday median; for a decline the mean of those days' reference medians). */
  expected: number | null;
  /** observed / expected, when expected > 0 (for a decline: the median of the 7 days' ratios, robust to one odd day). */
  ratio: number | null;
  /** The modified z-score of the test that decided (the point test unless a decline). */
  score: number | null;
  /**
   * The baseline window the expectation came from: its days with data, and how
   * many of them share the judged day's weekday (for a decline, the reference
   * window, and `recent`: the last 7 days compared with it).
   */
  baseline: { from: string; to: string; days: number; sameWeekdayDays: number; recent?: { from: string; to: string; days: number } };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * A calendar day moved by whole days.
 *
 * @param day `YYYY-MM-DD`.
 * @param days Days to add (negative: back).
 * @returns The day, `YYYY-MM-DD`.
 * @example
 * ```ts
 * import { shiftDay } from "./volume-anomaly.ts";
 * console.assert(shiftDay("2026-03-01", -1) === "2026-02-28");
 * ```
 */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const shift = shiftDay;

/** Days since 1970-01-01 (a Thursday). */
function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
}

function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function weekday(day: string): number {
  return weekdayOf(dayNumber(day));
}

/** Weekday medians (log scale) of a window, and the residuals' median and robust σ. */
function profile(byDay: ReadonlyMap<number, number>, from: string, to: string, floor: number) {
  const ys: { w: number; y: number }[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
    const r = byDay.get(d);
    if (r !== undefined) ys.push({ w: weekdayOf(d), y: Math.log1p(r) });
  }
  const all = ys.length > 0 ? median(ys.map((p) => p.y)) : 0;
  const byWeekday = new Map<number, number>();
  const counts = new Map<number, number>();
  const residuals: number[] = [];
  let others = 0;
  for (let w = 0; w < 7; w++) {
    const same = ys.filter((p) => p.w === w).map((p) => p.y);
    counts.set(w, same.length);
    byWeekday.set(w, same.length >= 2 ? median(same) : all);
    // Each day against the median of the other same weekdays (leave one out): an
    // in-sample median sits closer to its own points and would shrink the spread.
    same.forEach((y, i) => {
      const rest = same.filter((_, j) => j !== i);
      residuals.push(y - (rest.length >= 2 ? median(rest) : all));
      others += rest.length >= 2 ? rest.length : ys.length;
    });
  }
  const center = residuals.length > 0 ? median(residuals) : 0;
  const mad = residuals.length > 0 ? median(residuals.map((r) => Math.abs(r - center))) : 0;
  // A leave-one-out residual also carries the other median's error (variance ≈ π/2 · σ² / m for m values): take it out.
  const m = residuals.length > 0 ? others / residuals.length : 1;
  const sigma = Math.max(mad, floor) / 0.6745 / Math.sqrt(1 + Math.PI / (2 * m));
  return { days: ys.length, expectedLog: (w: number) => byWeekday.get(w) as number, count: (w: number) => counts.get(w) as number, center, sigma };
}

/** MAD floor on the log scale (≈ 2 %): a perfectly flat series gets a finite score. */
const MAD_FLOOR = 0.02;
/** Days between the judged day and the end of the decline test's reference window. */
const REF_GAP = 14;

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * Judges one day of a tenant-stream's daily record counts against the
 * stream's own history (pure): a drop to zero, a spike or a sharp drop on
 * that day (same-weekday median with a MAD-based modified z-score), or a
 * slow decline (the last 7 days' median residual against a reference window
 * ending two weeks earlier). Days absent from `series` had no successful sync and are
 * neither zero nor judged (`no_data`); fewer than `minHistoryDays` days in the
 * baseline give `not_enough_history`, never an alarm.
 *
 * @param series Records per day (any order; missing days allowed).
 * @param options The day to judge and thresholds (defaults: {@link DEFAULT_VOLUME_SETTINGS}).
 * @returns The finding with observed, expected, ratio, score and the baseline window.
 * @example
 * ```ts
 * import { detectVolumeAnomaly } from "./volume-anomaly.ts";
 * const series = Array.from({ length: 43 }, (_, i) => ({ day: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), records: i === 42 ? 0 : 1000 + (i % 7) * 10 }));
 * const finding = detectVolumeAnomaly(series, { day: "2026-02-12" });
 * console.assert(finding.verdict === "zero" && finding.observed === 0);
 * ```
 */
export function detectVolumeAnomaly(series: readonly VolumeDay[], options: { day: string; settings?: Partial<VolumeAnomalySettings> }): VolumeFinding {
  const s = { ...DEFAULT_VOLUME_SETTINGS, ...options.settings };
  const { day } = options;
  const byDay = new Map(series.map((p) => [dayNumber(p.day), p.records]));
  const from = shift(day, -7 * s.baselineWeeks);
  const to = shift(day, -1);
  const base = profile(byDay, from, to, MAD_FLOOR);
  const w = weekday(day);
  const baseline = { from, to, days: base.days, sameWeekdayDays: base.count(w) };
  const observed = byDay.get(dayNumber(day));
  const expected = round(Math.expm1(base.expectedLog(w)));
  const none = { day, observed: observed ?? null, expected: base.days > 0 ? expected : null, ratio: null, score: null, baseline };
  if (base.days < s.minHistoryDays) return { ...none, verdict: "not_enough_history" };
  if (observed === undefined) return { ...none, verdict: "no_data" };
  const ratio = expected > 0 ? round(observed / expected, 3) : null;
  const score = round((Math.log1p(observed) - base.expectedLog(w) - base.center) / base.sigma);
  const point = { day, observed, expected, ratio, score, baseline };
  if (Math.max(observed, expected) >= s.minRecords) {
    if (observed === 0 && expected >= s.minRecords && score <= -s.zThreshold) return { ...point, verdict: "zero" };
    if (score >= s.zThreshold && observed >= s.spikeRatio * expected) return { ...point, verdict: "spike" };
    if (score <= -s.zThreshold && observed <= s.dropRatio * expected) return { ...point, verdict: "drop" };
  }
  const decline = levelShift(byDay, day, s);
  return decline ?? { ...point, verdict: "ok" };
}

/** The level-shift test: the last 7 days against weekday medians of a window ending two weeks earlier. */
function levelShift(byDay: ReadonlyMap<number, number>, day: string, s: VolumeAnomalySettings): VolumeFinding | undefined {
  const refTo = shift(day, -REF_GAP);
  const refFrom = shift(refTo, -7 * s.baselineWeeks + 1);
  const ref = profile(byDay, refFrom, refTo, MAD_FLOOR);
  if (ref.days < s.minHistoryDays) return undefined;
  const recent: { observed: number; expected: number; residual: number }[] = [];
  for (let d = dayNumber(day) - 6, end = dayNumber(day); d <= end; d++) {
    const r = byDay.get(d);
    if (r === undefined) continue;
    const e = ref.expectedLog(weekdayOf(d));
    recent.push({ observed: r, expected: Math.expm1(e), residual: Math.log1p(r) - e - ref.center });
  }
  if (recent.length < 5) return undefined;
  const observed = round(recent.reduce((n, p) => n + p.observed, 0) / recent.length);
  const expected = round(recent.reduce((n, p) => n + p.expected, 0) / recent.length);
  if (Math.max(observed, expected) < s.minRecords || expected <= 0) return undefined;
  const level = median(recent.map((p) => p.residual));
  const score = round(level / ((ref.sigma * 1.2533) / Math.sqrt(recent.length)));
  const ratio = round(Math.exp(level), 3);
  if (ratio > s.declineRatio || score > -s.zThreshold) return undefined;
  return { day, verdict: "decline", observed, expected, ratio, score, baseline: { from: refFrom, to: refTo, days: ref.days, sameWeekdayDays: ref.count(weekday(day)), recent: { from: shift(day, -6), to: day, days: recent.length } } };
}
