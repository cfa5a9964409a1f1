import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConnection } from "../config/testing.ts";
import { dailyStreamRecords, localDay } from "./daily-stream-records.ts";
import { evaluateVolumeAnomaly } from "./evaluate-volume-anomaly.ts";
import { makeJob } from "./testing.ts";
import type { SyncJob } from "./types.ts";
import { DEFAULT_VOLUME_SETTINGS } from "./volume-anomaly.ts";

const DAY = 86_400_000;
const zone = "America/Jamaica";
const now = Date.UTC(2026, 2, 2, 17); // noon in Jamaica, Monday 2 March
const options = { now, timeZone: zone, settings: DEFAULT_VOLUME_SETTINGS };

/** One succeeded 10:00-Jamaica job a day for `days` days up to yesterday, with per-stream records from `records(daysAgo)`. */
function dailyJobs(days: number, records: (daysAgo: number) => Record<string, number> | undefined): SyncJob[] {
  return Array.from({ length: days }, (_, k) => {
    const daysAgo = days - k;
    const streams = records(daysAgo);
    const total = Object.values(streams ?? { all: 1000 }).reduce((a, b) => a + b, 0);
    return makeJob({
      createdAt: Date.UTC(2026, 2, 2, 15) - daysAgo * DAY,
      recordsCommitted: total,
      ...(streams === undefined ? {} : { streams: Object.entries(streams).map(([name, n]) => ({ name, namespace: undefined, recordsCommitted: n })) }),
    });
  });
}

const weekly = (daysAgo: number, base: number) => Math.round(base * (daysAgo % 7 === 0 || daysAgo % 7 === 1 ? 0.4 : 1) * (1 + 0.05 * Math.sin(daysAgo)));

test("evaluateVolumeAnomaly() raises a critical volume_zero for the stream that stopped, with the numbers, and ok for the others", () => {
  const jobs = dailyJobs(50, (d) => ({ ads_insights: d === 1 ? 0 : weekly(d, 5000), campaigns: weekly(d, 40) }));
  const rows = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c-1", jobs }, options);
  const byStream = Object.fromEntries(rows.map((r) => [r.subject, r]));
  const zero = byStream["acme meta_metrics/ads_insights"];
  assert.equal(zero?.status, "volume_zero");
  assert.equal(zero?.severity, "critical");
  assert.equal(zero?.details.day, "2026-03-01", "yesterday in the tenant's zone: today is still syncing");
  assert.equal(zero?.details.observed, 0);
  assert.ok((zero?.details.expected as number) > 1500, `expected ${zero?.details.expected} (a Sunday, at 40 % of weekdays)`);
  assert.match(zero?.message ?? "", /committed 0 records on 2026-03-01; expected ≈ [\d,]+ \(median of 6 same weekdays in 2026-01-18\.\.2026-02-28\)/);
  assert.equal(zero?.since, new Date(Date.UTC(2026, 2, 1, 15)).toISOString());
  assert.equal(zero?.runbook, "volume-anomalies");
  const rest = byStream["acme meta_metrics"];
  assert.equal(rest?.status, "ok", "the streams in range share one row for the connection");
  assert.match(rest?.message ?? "", /^1 stream\(s\) on 2026-03-01: 1 in range; 1 more with an anomaly \(own rows\)$/);
  assert.deepEqual((rest?.details.streams as { stream: string; verdict: string }[]).map((x) => [x.stream, x.verdict]), [["campaigns", "ok"]]);
  assert.equal(rows.length, 2);
});

test("evaluateVolumeAnomaly() warns of a spike and of a slow decline", () => {
  const spike = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c", jobs: dailyJobs(50, (d) => ({ ads: weekly(d, 800) * (d === 1 ? 10 : 1) })) }, options)[0];
  assert.equal(spike?.status, "volume_spike");
  assert.equal(spike?.severity, "warning");
  assert.match(spike?.message ?? "", /, (9|10|11)\.\d+× the expected/);
  const decline = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c", jobs: dailyJobs(63, (d) => ({ ads: Math.round(weekly(d, 800) * (d <= 21 ? 0.5 + (0.5 * (d - 1)) / 20 : 1)) })) }, options)[0];
  assert.equal(decline?.status, "volume_decline");
  assert.match(decline?.message ?? "", /averaged [\d,]+ records\/day over 2026-02-23\.\.2026-03-01, 0\.\d+× the expected/);
});

test("evaluateVolumeAnomaly() says not enough history in one row for a new connection, and judges the total without per-stream stats", () => {
  const fresh = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c", jobs: dailyJobs(1, () => ({ ads: 10 })) }, options);
  assert.equal(fresh.length, 1);
  assert.equal(fresh[0]?.status, "not_checked");
  assert.equal(fresh[0]?.severity, "ok");
  assert.match(fresh[0]?.message ?? "", /Not enough history for volume anomalies: 0 day\(s\) with data before 2026-03-01, needs 21/);
  const none = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c", jobs: dailyJobs(50, () => undefined) }, options);
  assert.deepEqual(none.map((r) => [r.subject, r.status]), [["acme meta_metrics", "ok"]]);
});

test("evaluateVolumeAnomaly() gives no rows for inactive connections or unreadable histories", () => {
  assert.deepEqual(evaluateVolumeAnomaly(makeConnection({ status: "inactive" }), { ok: true, connectionId: "c", jobs: [] }, options), []);
  assert.deepEqual(evaluateVolumeAnomaly(makeConnection(), { ok: false, reason: "error", message: "x" }, options), []);
});

test("dailyStreamRecords() counts tenant-local days, only days with a success, and 0 for a stream a success left out", () => {
  assert.equal(localDay(Date.UTC(2026, 2, 2, 4), zone), "2026-03-01");
  const at = (h: number) => Date.UTC(2026, 2, 1, h);
  const jobs = [
    makeJob({ createdAt: at(15), streams: [{ name: "a", namespace: undefined, recordsCommitted: 5 }, { name: "b", namespace: undefined, recordsCommitted: 2 }] }),
    makeJob({ createdAt: at(16), status: "failed", streams: [{ name: "a", namespace: undefined, recordsCommitted: 3 }] }),
    makeJob({ createdAt: at(17), streams: [{ name: "a", namespace: undefined, recordsCommitted: 1 }] }),
    makeJob({ createdAt: at(15) - 86_400_000, status: "failed", streams: [{ name: "a", namespace: undefined, recordsCommitted: 9 }] }),
  ];
  const series = dailyStreamRecords(jobs, { timeZone: zone, day: "2026-03-01" });
  assert.deepEqual(series.map((s) => [s.stream, s.series]), [["a", [{ day: "2026-03-01", records: 9 }]], ["b", [{ day: "2026-03-01", records: 2 }]]]);
});
