import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConnection, makePlatformConfig } from "../config/testing.ts";
import { evaluateCadence } from "./evaluate-cadence.ts";
import { makeJob } from "./testing.ts";
import type { SyncJob } from "./types.ts";

const platform = makePlatformConfig();
const M = 60_000;
/** Jamaica (UTC-5) wall time on 2026-11-23 (or another day). */
function jm(h: number, m = 0, day = 23): number {
  return Date.UTC(2026, 10, day, h + 5, m);
}
/** One job per hourly fire 06:00-22:00 for the days given, each `lateMinutes` after the fire. */
function hourly(days: number[], lateMinutes = 7): SyncJob[] {
  return days.flatMap((d) => Array.from({ length: 17 }, (_, i) => makeJob({ createdAt: jm(6 + i, lateMinutes, d) })));
}
function judge(jobs: SyncJob[], now: number, connection = makeConnection()) {
  return evaluateCadence(connection, { ok: true, connectionId: "c", jobs }, { now, platform, lookbackHours: 26 });
}

test("evaluateCadence() is ok when every scheduled run started, even GitHub-late by 40 minutes", () => {
  const check = judge(hourly([22, 23], 40), jm(23, 30));
  assert.equal(check.status, "ok");
  assert.equal(check.details.expected_runs, check.details.matched_runs);
});

test("evaluateCadence() reports cadence_drift naming the run GitHub dropped", () => {
  const jobs = hourly([22, 23]).filter((j) => j.createdAt !== jm(14, 7));
  const check = judge(jobs, jm(23, 30));
  assert.equal(check.status, "cadence_drift");
  assert.equal(check.severity, "warning");
  assert.deepEqual(check.details.missed_runs, [new Date(jm(14)).toISOString()]);
  assert.equal(check.since, new Date(jm(15)).toISOString());
  assert.equal(check.details.max_gap_minutes, 480, "the night gap (22:07 to 06:07)");
  assert.equal(check.details.scheduled_max_gap_minutes, 480);
});

test("evaluateCadence() does not count a run still inside its grace period as missed", () => {
  const jobs = hourly([22, 23]).filter((j) => j.createdAt < jm(22, 0));
  // 22:00's run may still start until 23:00.
  assert.equal(judge(jobs, jm(22, 59)).status, "ok");
  assert.equal(judge(jobs, jm(23, 0)).status, "cadence_drift");
});

test("evaluateCadence() does not let one job count for two scheduled runs", () => {
  // 10:58 would fit both 10:00 (late) and 11:00 (early); 11:00 has no job of its own.
  const jobs = hourly([22, 23]).filter((j) => j.createdAt !== jm(10, 7) && j.createdAt !== jm(11, 7));
  jobs.push(makeJob({ createdAt: jm(10, 58) }));
  const check = judge(jobs, jm(23, 30));
  assert.equal(check.status, "cadence_drift");
  assert.deepEqual(check.details.missed_runs, [new Date(jm(11)).toISOString()]);
});

test("evaluateCadence() catches a missed daily run", () => {
  const daily = makeConnection({ scheduleGroup: "daily", schedule: { kind: "cron", cron: "15 2 * * *", timeZone: "America/Jamaica" } });
  const yesterday = [makeJob({ createdAt: jm(2, 16, 22) })];
  assert.equal(judge(yesterday, jm(3, 14), daily).status, "ok");
  assert.equal(judge(yesterday, jm(3, 15), daily).status, "cadence_drift");
});

test("evaluateCadence() judges interval schedules by the largest gap", () => {
  const every2h = makeConnection({ schedule: { kind: "interval", units: 2, timeUnit: "hours" } });
  const now = jm(12);
  const steady = [0, 2, 4, 6, 8, 10, 12].map((h) => makeJob({ createdAt: now - h * 60 * M - M }));
  assert.equal(judge(steady, now, every2h).status, "ok");
  const gap = steady.filter((_, i) => i !== 3 && i !== 4);
  const check = judge(gap, now, every2h);
  assert.equal(check.status, "cadence_drift");
  assert.equal(check.details.max_gap_minutes, 360);
});

test("evaluateCadence() skips inactive connections", () => {
  assert.equal(judge([], jm(12), makeConnection({ status: "inactive" })).status, "not_checked");
});

test("evaluateCadence() does not count runs scheduled before the connection's first job (just provisioned)", () => {
  // Provisioned and first synced at 13:10 today: yesterday's and this morning's fires are not missed runs.
  const jobs = [makeJob({ createdAt: jm(13, 10) })];
  const check = judge(jobs, jm(13, 30));
  assert.equal(check.status, "ok");
  // The first run after it still counts once its grace has passed.
  assert.equal(judge(jobs, jm(15, 1)).status, "cadence_drift");
});

test("evaluateCadence() leaves a connection that never synced to the freshness check (no drift, no crash)", () => {
  assert.equal(judge([], jm(13, 30)).status, "ok");
});

test("evaluateCadence() finds a missed monthly run on the 1st and does not flag one that happened", () => {
  const monthly = makeConnection({ scheduleGroup: "daily", schedule: { kind: "cron", cron: "0 3 1 * *", timeZone: "America/Jamaica" } });
  const november = makeJob({ createdAt: Date.UTC(2026, 10, 1, 8, 2) }); // 03:02 Jamaica on 1 Nov
  const december = makeJob({ createdAt: Date.UTC(2026, 11, 1, 8, 4) });
  // 10:00 Jamaica on 1 Dec, default 26 h lookback: the 03:00 run is past its grace.
  const onThe1st = Date.UTC(2026, 11, 1, 15);
  const missed = evaluateCadence(monthly, { ok: true, connectionId: "c", jobs: [november] }, { now: onThe1st, platform });
  assert.equal(missed.status, "cadence_drift");
  assert.deepEqual(missed.details.missed_runs, ["2026-12-01T08:00:00.000Z"]);
  assert.equal(evaluateCadence(monthly, { ok: true, connectionId: "c", jobs: [december, november] }, { now: onThe1st, platform }).status, "ok");
  // Mid-month with a 45-day lookback both runs are expected, however far apart they are.
  const midMonth = { now: Date.UTC(2026, 11, 15, 17), platform, lookbackHours: 45 * 24 };
  const late = evaluateCadence(monthly, { ok: true, connectionId: "c", jobs: [november] }, midMonth);
  assert.equal(late.status, "cadence_drift");
  assert.deepEqual(late.details.missed_runs, ["2026-12-01T08:00:00.000Z"]);
  const fine = evaluateCadence(monthly, { ok: true, connectionId: "c", jobs: [december, november] }, midMonth);
  assert.equal(fine.status, "ok");
  assert.equal(fine.details.expected_runs, 2);
});
