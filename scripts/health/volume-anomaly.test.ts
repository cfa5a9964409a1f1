import assert from "node:assert/strict";
import { test } from "node:test";
import { detectVolumeAnomaly, type VolumeDay } from "./volume-anomaly.ts";

const START = Date.UTC(2026, 0, 5); // a Monday

function day(i: number): string {
  return new Date(START + i * 86_400_000).toISOString().slice(0, 10);
}

/** `days` days of a weekday pattern (weekends at 30 %) with ±8 % deterministic noise; `shape` rewrites values. */
function history(days: number, shape: (i: number, value: number) => number = (_, v) => v): VolumeDay[] {
  return Array.from({ length: days }, (_, i) => {
    const weekend = i % 7 === 5 || i % 7 === 6;
    const noise = 1 + 0.08 * Math.sin(i * 2.3);
    return { day: day(i), records: Math.round(shape(i, (weekend ? 300 : 1000) * noise)) };
  });
}

function judge(series: VolumeDay[]) {
  return detectVolumeAnomaly(series, { day: (series.at(-1) as VolumeDay).day });
}

test("detectVolumeAnomaly() flags a drop to zero after weeks of data, with the same-weekday expectation", () => {
  const f = judge(history(50, (i, v) => (i === 49 ? 0 : v)));
  assert.equal(f.verdict, "zero");
  assert.equal(f.observed, 0);
  assert.ok((f.expected as number) > 900 && (f.expected as number) < 1100, `expected ${f.expected}`);
  assert.equal(f.ratio, 0);
  assert.ok((f.score as number) <= -3.5);
  assert.deepEqual(f.baseline, { from: day(7), to: day(48), days: 42, sameWeekdayDays: 6 });
});

test("detectVolumeAnomaly() flags a 10x spike", () => {
  const f = judge(history(50, (i, v) => (i === 49 ? v * 10 : v)));
  assert.equal(f.verdict, "spike");
  assert.ok((f.ratio as number) > 8, `ratio ${f.ratio}`);
  assert.ok((f.score as number) >= 3.5);
});

test("detectVolumeAnomaly() flags a slow 50 % decline over three weeks that no single day gives away", () => {
  const series = history(63, (i, v) => (i >= 42 ? v * (1 - (0.5 * (i - 41)) / 21) : v));
  const f = judge(series);
  assert.equal(f.verdict, "decline");
  assert.ok((f.ratio as number) < 0.7, `ratio ${f.ratio}`);
  assert.ok((f.observed as number) < (f.expected as number));
  assert.deepEqual(f.baseline.recent, { from: day(56), to: day(62), days: 7 });
  for (let k = 43; k < 63; k++) {
    const point = detectVolumeAnomaly(series.slice(0, k + 1), { day: day(k), settings: { declineRatio: 0 } });
    assert.equal(point.verdict, "ok", `day ${k}: the point test alone sees nothing`);
  }
});

test("detectVolumeAnomaly() does not alarm on weekends, normal noise or a single old outlier in the baseline", () => {
  const series = history(60, (i, v) => (i === 20 ? v * 20 : i === 30 ? 0 : v));
  for (let k = 35; k < 60; k++) {
    const f = detectVolumeAnomaly(series.slice(0, k + 1), { day: day(k) });
    assert.equal(f.verdict, "ok", `day ${k} (${f.observed} vs ${f.expected}, score ${f.score})`);
  }
});

test("detectVolumeAnomaly() says not enough history below the minimum, and does not judge a day without data", () => {
  assert.equal(judge(history(1)).verdict, "not_enough_history");
  assert.equal(judge(history(15, (i, v) => (i === 14 ? 0 : v))).verdict, "not_enough_history");
  const gap = history(50).filter((p) => p.day !== day(49));
  assert.equal(detectVolumeAnomaly(gap, { day: day(49) }).verdict, "no_data");
});

test("detectVolumeAnomaly() never alarms on a stream that is always zero or nearly so", () => {
  assert.equal(judge(history(50, () => 0)).verdict, "ok");
  assert.equal(judge(history(50, (i) => (i === 49 ? 0 : 3))).verdict, "ok");
});

test("detectVolumeAnomaly() takes its thresholds from the settings", () => {
  const series = history(50, (i, v) => (i === 49 ? v * 10 : v));
  assert.equal(detectVolumeAnomaly(series, { day: day(49), settings: { spikeRatio: 20 } }).verdict, "ok");
  assert.equal(detectVolumeAnomaly(series, { day: day(49), settings: { minHistoryDays: 60 } }).verdict, "not_enough_history");
});
