// Scores the volume anomaly detector on synthetic series with known anomalies.
import { detectVolumeAnomaly, type VolumeAnomalySettings, type VolumeVerdict } from "../health/mod.ts";
import { ANOMALY_CLASSES, type AnomalyClass, type SyntheticSeries } from "./_volume-series.ts";

const ALARMS = new Set<VolumeVerdict>(["zero", "spike", "drop", "decline"]);

/** Per anomaly class: how many were injected, caught with the right class, caught at all, and the precision of that verdict. */
export interface ClassScore {
  injected: number;
  caught: number;
  caughtAny: number;
  recall: number;
  /** Anomalous series caught with this verdict, over the anomalous series and control days given it. */
  precision: number;
}

/** The detector's figures on a set of synthetic series. */
export interface VolumeScore {
  series: number;
  controls: number;
  /** Anomalous series with an alarm in their anomaly's days, over those plus the false alarms on control days. */
  precision: number;
  /** Per class. */
  classes: Record<AnomalyClass, ClassScore>;
  /** Control days judged (every one of the last `controlDays` days of each control series). */
  controlDaysJudged: number;
  /** Alarms on those days. */
  falseAlarms: number;
  /** falseAlarms / (controlDaysJudged / 30): alarms per tenant-stream and 30 days. */
  falseAlarmsPerTenantMonth: number;
  /** Short-history controls that were (correctly) `not_enough_history` on their last day. */
  shortNotJudged: number;
}

/**
 * Runs the detector on each series and counts: each anomalous series is
 * judged on every day from its anomaly's first day to its last, each with
 * only the history up to that day, as a daily health run sees it (a class
 * is caught when one of those verdicts names it);
 * each control is judged on every one of its last `controlDays` days with data with
 * only the history up to that day, and any alarm there is a false alarm.
 * One series is one tenant-stream, so false alarms per tenant-month are the
 * alarms per 30 judged control days.
 *
 * @param all The series (`generateVolumeSeries`).
 * @param options Detector settings and how many trailing days of each control are judged.
 * @returns The figures.
 * @example
 * ```ts
 * import { generateVolumeSeries } from "./_volume-series.ts";
 * import { scoreVolumeDetector } from "./_volume-score.ts";
 * const score = scoreVolumeDetector(generateVolumeSeries({ perClass: 5, clean: 5, special: 1 }));
 * console.assert(score.classes.zero.injected === 5);
 * ```
 */
export function scoreVolumeDetector(all: readonly SyntheticSeries[], options: { settings?: Partial<VolumeAnomalySettings>; controlDays?: number } = {}): VolumeScore {
  const settings = options.settings ?? {};
  const controlDays = options.controlDays ?? 30;
  const verdictCounts = new Map<string, number>();
  const counts = Object.fromEntries(ANOMALY_CLASSES.map((c) => [c, { injected: 0, caught: 0, caughtAny: 0, rightVerdict: 0 }]));
  let controlDaysJudged = 0;
  let falseAlarms = 0;
  let shortNotJudged = 0;
  for (const s of all) {
    if (s.anomaly !== null) {
      // Judged each day from the anomaly's first day to the last, with the history up to that day (as health runs daily).
      const c = counts[s.anomaly] as { injected: number; caught: number; caughtAny: number };
      c.injected += 1;
      const verdicts = new Set<VolumeVerdict>();
      s.series.forEach((p, k) => {
        if (p.day >= s.anomalyFrom) verdicts.add(detectVolumeAnomaly(s.series.slice(0, k + 1), { day: p.day, settings }).verdict);
      });
      if (verdicts.has(s.anomaly)) c.caught += 1;
      const alarmed = [...verdicts].filter((v) => ALARMS.has(v));
      if (alarmed.length > 0) c.caughtAny += 1;
      for (const v of alarmed) verdictCounts.set(v, (verdictCounts.get(v) ?? 0) + 1);
      continue;
    }
    if (s.kind === "short" && detectVolumeAnomaly(s.series, { day: s.lastDay, settings }).verdict === "not_enough_history") shortNotJudged += 1;
    for (let k = Math.max(0, s.series.length - controlDays); k < s.series.length; k++) {
      const day = (s.series[k] as { day: string }).day;
      const verdict = detectVolumeAnomaly(s.series.slice(0, k + 1), { day, settings }).verdict;
      controlDaysJudged += 1;
      if (ALARMS.has(verdict)) {
        falseAlarms += 1;
        verdictCounts.set(verdict, (verdictCounts.get(verdict) ?? 0) + 1);
      }
    }
  }
  const truePositives = ANOMALY_CLASSES.reduce((n, c) => n + (counts[c] as { caughtAny: number }).caughtAny, 0);
  const classes = Object.fromEntries(ANOMALY_CLASSES.map((c) => {
    const n = counts[c] as { injected: number; caught: number; caughtAny: number };
    const given = verdictCounts.get(c) ?? 0;
    return [c, { injected: n.injected, caught: n.caught, caughtAny: n.caughtAny, recall: n.injected === 0 ? 1 : n.caught / n.injected, precision: given === 0 ? 1 : n.caught / given }];
  })) as Record<AnomalyClass, ClassScore>;
  return {
    series: all.length,
    controls: all.filter((s) => s.anomaly === null).length,
    precision: truePositives + falseAlarms === 0 ? 1 : truePositives / (truePositives + falseAlarms),
    classes,
    controlDaysJudged,
    falseAlarms,
    falseAlarmsPerTenantMonth: controlDaysJudged === 0 ? 0 : falseAlarms / (controlDaysJudged / 30),
    shortNotJudged,
  };
}
