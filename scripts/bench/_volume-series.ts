// Synthetic daily record counts for the volume anomaly benchmark: weekday
// seasonality, multiplicative noise, a slow trend, occasional outliers and
// missing days in the history, and known anomalies injected at the end.
import type { VolumeDay } from "../health/mod.ts";
import { seededRandom } from "./_random.ts";

/** The injected anomaly classes. */
export const ANOMALY_CLASSES = ["zero", "spike", "decline"] as const;

/** One injected anomaly class. */
export type AnomalyClass = (typeof ANOMALY_CLASSES)[number];

/** How a series was built. */
export type SeriesKind = AnomalyClass | "clean" | "always_zero" | "short" | "tiny";

/** One synthetic tenant-stream. */
export interface SyntheticSeries {
  /** `<kind>-<n>`. */
  id: string;
  /** How it was built. */
  kind: SeriesKind;
  /** The injected anomaly, or null for a control. */
  anomaly: AnomalyClass | null;
  /** Records per day (days without a successful sync are absent). */
  series: VolumeDay[];
  /** The last day of the series: where an injected anomaly ends. */
  lastDay: string;
  /** The first day of the injected anomaly (the last day for controls). */
  anomalyFrom: string;
}

/** Options of {@link generateVolumeSeries}. */
export interface GenerateVolumeSeriesOptions {
  /** Random seed. @default 13 */
  seed?: number;
  /** Series per anomaly class. @default 60 */
  perClass?: number;
  /** Clean controls (weekday patterns, noise, trend, old outliers). @default 90 */
  clean?: number;
  /** Controls of each special kind (always zero, short history, tiny counts). @default 10 */
  special?: number;
  /** Days per series (short controls have fewer). @default 70 */
  days?: number;
}

const START = Date.UTC(2026, 0, 5);

function dayOf(i: number): string {
  return new Date(START + i * 86_400_000).toISOString().slice(0, 10);
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** A weekday profile: flat, a weekend dip, or a random shape. */
function weekdayFactors(rand: () => number): number[] {
  const pick = rand();
  if (pick < 0.25) return [1, 1, 1, 1, 1, 1, 1];
  if (pick < 0.7) {
    const dip = 0.25 + rand() * 0.5;
    return [dip, 1, 1, 1, 1, 1, dip * (0.8 + rand() * 0.4)];
  }
  return Array.from({ length: 7 }, () => 0.6 + rand() * 0.8);
}

function build(rand: () => number, kind: SeriesKind, n: number, days: number): SyntheticSeries {
  const length = kind === "short" ? 1 + Math.floor(rand() * 19) : days;
  const level = kind === "tiny" ? 1 + rand() * 4 : Math.exp(Math.log(50) + rand() * Math.log(4_000));
  const factors = weekdayFactors(rand);
  const sigma = 0.05 + rand() * 0.2;
  const trend = (rand() - 0.5) * 0.06 / 7;
  const anomaly: AnomalyClass | null = kind === "zero" || kind === "spike" || kind === "decline" ? kind : null;
  const last = length - 1;
  const span = anomaly === "decline" ? 14 + Math.floor(rand() * 8) : anomaly === "zero" ? 1 + Math.floor(rand() * 3) : 1;
  const from = anomaly === null ? last : last - span + 1;
  const outliers = new Set<number>();
  // Occasional outliers and missing days, only in the older history (not the last 30 days judged).
  const old = Math.max(0, length - 30);
  if (old > 0 && rand() < 0.5) for (let k = 0, m = 1 + Math.floor(rand() * 2); k < m; k++) outliers.add(Math.floor(rand() * old));
  const missing = new Set<number>();
  if (old > 0 && rand() < 0.3) for (let k = 0, m = 1 + Math.floor(rand() * 3); k < m; k++) missing.add(Math.floor(rand() * old));
  const series: VolumeDay[] = [];
  for (let i = 0; i < length; i++) {
    if (missing.has(i)) continue;
    const weekday = new Date(START + i * 86_400_000).getUTCDay();
    let mean = level * (factors[weekday] as number) * Math.exp(trend * i);
    if (outliers.has(i)) mean *= rand() < 0.5 ? 3 + rand() * 5 : 0.1 + rand() * 0.2;
    if (anomaly === "spike" && i === last) mean *= 8 + rand() * 4;
    if (anomaly === "decline" && i >= from) mean *= 1 - (0.5 * (i - from + 1)) / span;
    let records = kind === "always_zero" ? 0 : Math.max(0, Math.round(mean * Math.exp(sigma * normal(rand)) + Math.sqrt(mean) * normal(rand) * 0.5));
    if (anomaly === "zero" && i >= from) records = 0;
    series.push({ day: dayOf(i), records });
  }
  return { id: `${kind}-${n}`, kind, anomaly, series, lastDay: dayOf(last), anomalyFrom: dayOf(from) };
}

/**
 * Generates the benchmark's synthetic tenant-streams (seeded: the same
 * options give the same series): `perClass` series of each anomaly class
 * (a drop to zero for the last 1-3 days, an 8-12× spike on the last day, a
 * linear decline to half over the last 14-21 days), `clean` controls, and
 * `special` controls each of a stream that is always zero, one with 1-19 days
 * of history and one of 1-5 records a day. Levels run from 50 to 200,000
 * records a day; noise is log-normal with σ 0.05-0.25 plus Poisson-like
 * noise; half the series have one or two ×3-8 or ×0.1-0.3 outliers in their
 * older history, and some miss a few days there.
 *
 * @param options Seed and counts.
 * @returns The series.
 * @example
 * ```ts
 * import { generateVolumeSeries } from "./_volume-series.ts";
 * const all = generateVolumeSeries({ perClass: 1, clean: 1, special: 1 });
 * console.assert(all.length === 7 && all.filter((s) => s.anomaly !== null).length === 3);
 * ```
 */
export function generateVolumeSeries(options: GenerateVolumeSeriesOptions = {}): SyntheticSeries[] {
  const rand = seededRandom(options.seed ?? 13);
  const days = options.days ?? 70;
  const out: SyntheticSeries[] = [];
  const add = (kind: SeriesKind, count: number) => {
    for (let n = 0; n < count; n++) out.push(build(rand, kind, n, days));
  };
  for (const c of ANOMALY_CLASSES) add(c, options.perClass ?? 60);
  add("clean", options.clean ?? 90);
  for (const k of ["always_zero", "short", "tiny"] as const) add(k, options.special ?? 10);
  return out;
}
