import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makeConnection, makePlatformConfig } from "../config/testing.ts";
import { evaluateSync } from "./evaluate-sync.ts";
import { makeJob } from "./testing.ts";
import type { SyncJob } from "./types.ts";

const platform = makePlatformConfig({
  schedule_groups: {
    metrics: { cron: "0 6-22 * * *", window: { start: "06:00", end: "22:00" }, fresh_minutes: 60 },
    daily: { cron: "15 2 * * *", window: { start: "02:15", end: "02:15" }, fresh_minutes: 60 },
  },
});
const metrics = makeConnection();
const daily = makeConnection({ template: "dimensions_daily", name: "acme dimensions_daily", scheduleGroup: "daily", schedule: { kind: "cron", cron: "15 2 * * *", timeZone: "America/Jamaica" } });
/** Jamaica is UTC-5 all year. */
function jm(h: number, m = 0, s = 0, day = 23): number {
  return Date.UTC(2026, 10, day, h + 5, m, s);
}
const S = 1000;
const M = 60 * S;

function judge(jobs: SyncJob[], now: number, connection = metrics) {
  return evaluateSync(connection, { ok: true, connectionId: "c-1", jobs }, { now, platform, timeZone: "America/Jamaica" });
}
function endedAt(end: number): SyncJob {
  return makeJob({ createdAt: end - 5 * M, endedAt: end });
}

describe("evaluateSync() freshness boundaries", () => {
  const now = jm(12);
  test("evaluateSync() is ok when the newest success ended 59:59 ago", () => {
    const check = judge([endedAt(now - 59 * M - 59 * S)], now);
    assert.equal(check.status, "ok");
    assert.equal(check.severity, "ok");
    assert.equal(check.details.in_window, true);
  });
  test("evaluateSync() is stale when the newest success ended 60:01 ago", () => {
    const end = now - 60 * M - S;
    const check = judge([endedAt(end)], now);
    assert.equal(check.status, "stale");
    assert.equal(check.severity, "warning");
    assert.equal(check.since, new Date(end + 60 * M).toISOString());
  });
  test("evaluateSync() is stale at exactly 60:00 (fresh means strictly less than the SLA)", () => {
    assert.equal(judge([endedAt(now - 60 * M)], now).status, "stale");
  });
  test("evaluateSync() takes the group's fresh_minutes over the platform SLA", () => {
    const strict = makePlatformConfig({ schedule_groups: { metrics: { cron: "0 6-22 * * *", window: { start: "06:00", end: "22:00" }, fresh_minutes: 30 } } });
    const check = evaluateSync(metrics, { ok: true, connectionId: "c", jobs: [endedAt(now - 31 * M)] }, { now, platform: strict, timeZone: "America/Jamaica" });
    assert.equal(check.status, "stale");
  });
});

describe("evaluateSync() window", () => {
  const lastNight = endedAt(jm(22, 5, 0, 22));
  test("evaluateSync() does not judge freshness before the window's first run had its SLA (06:59:59)", () => {
    const check = judge([lastNight], jm(6, 59, 59));
    assert.equal(check.status, "ok");
    assert.equal(check.details.in_window, false);
  });
  test("evaluateSync() reports no_recent_sync at 07:00 when nothing ran since 06:00", () => {
    const check = judge([lastNight], jm(7));
    assert.equal(check.status, "no_recent_sync");
    assert.equal(check.since, new Date(jm(7)).toISOString());
  });
  test("evaluateSync() is stale, not no_recent_sync, when a run happened in the window but data aged", () => {
    const check = judge([lastNight, endedAt(jm(6, 5))], jm(8, 30));
    assert.equal(check.status, "stale");
  });
  test("evaluateSync() still judges at 22:59:59 and stops at 23:00", () => {
    const last = endedAt(jm(21, 50));
    assert.equal(judge([last], jm(22, 59, 59)).status, "stale");
    const after = judge([last], jm(23));
    assert.equal(after.status, "ok");
    assert.equal(after.details.in_window, false);
  });
  test("evaluateSync() reads the window in the tenant's time zone", () => {
    // 07:30 in London is 02:30 in Jamaica: inside London's window, outside Jamaica's.
    const now = Date.UTC(2026, 10, 23, 7, 30);
    const old = endedAt(now - 80 * M);
    const london = evaluateSync(metrics, { ok: true, connectionId: "c", jobs: [old] }, { now, platform, timeZone: "Europe/London" });
    assert.equal(london.status, "stale");
    assert.equal(judge([old], now).status, "ok");
  });
});

describe("evaluateSync() daily cycle rule", () => {
  const yesterday = endedAt(jm(2, 40, 0, 22));
  test("evaluateSync() accepts yesterday's run until 02:15 + SLA (03:14:59)", () => {
    assert.equal(judge([yesterday], jm(3, 14, 59), daily).status, "ok");
  });
  test("evaluateSync() reports no_recent_sync from 03:15:00 when today's run did not happen", () => {
    const check = judge([yesterday], jm(3, 15), daily);
    assert.equal(check.status, "no_recent_sync");
    assert.equal(check.since, new Date(jm(3, 15)).toISOString());
  });
  test("evaluateSync() is ok all day once today's run succeeded", () => {
    assert.equal(judge([yesterday, endedAt(jm(2, 40))], jm(21), daily).status, "ok");
  });
});

describe("evaluateSync() failures and running jobs", () => {
  const now = jm(12);
  test("evaluateSync() reports sync_failed with Airbyte's failure and the streak", () => {
    const ok = endedAt(now - 3 * 60 * M);
    const f1 = makeJob({ status: "failed", createdAt: now - 2 * 60 * M });
    const f2 = makeJob({ status: "failed", createdAt: now - 60 * M, failure: { origin: "destination", type: "system_error", message: "Disk full" } });
    const check = judge([ok, f1, f2], now);
    assert.equal(check.status, "sync_failed");
    assert.equal(check.severity, "critical");
    assert.equal(check.details.consecutive_failures, 2);
    assert.deepEqual(check.details.failure, { origin: "destination", type: "system_error", message: "Disk full" });
    assert.match(check.message, /destination\/system_error.*2 failures in a row: Disk full/);
    assert.equal(check.since, new Date(f1.endedAt as number).toISOString());
  });
  test("evaluateSync() treats a cancelled newest job as a failed sync", () => {
    assert.equal(judge([endedAt(now - 10 * M), makeJob({ status: "cancelled", createdAt: now - 5 * M, endedAt: now - M })], now).status, "sync_failed");
  });
  test("evaluateSync() reports running_long past the connection timeout, not before", () => {
    const previous = endedAt(now - 62 * M);
    const running = makeJob({ status: "running", createdAt: now - 61 * M });
    const check = judge([previous, running], now);
    assert.equal(check.status, "running_long");
    assert.equal(check.since, new Date(now - M).toISOString());
    const young = makeJob({ status: "running", createdAt: now - 59 * M });
    assert.equal(judge([previous, young], now).status, "stale");
  });
  test("evaluateSync() keeps sync_failed while a retry runs", () => {
    const failed = makeJob({ status: "failed", createdAt: now - 20 * M });
    assert.equal(judge([failed, makeJob({ status: "incomplete", createdAt: now - 10 * M })], now).status, "sync_failed");
  });
  test("evaluateSync() reports no_recent_sync when no job ever ran", () => {
    const check = judge([], now);
    assert.equal(check.status, "no_recent_sync");
    assert.match(check.message, /No sync job has ever run/);
  });
});

describe("evaluateSync() other cases", () => {
  const now = jm(12);
  test("evaluateSync() leaves inactive connections alone", () => {
    const check = evaluateSync(makeConnection({ status: "inactive" }), { ok: true, connectionId: "c", jobs: [] }, { now, platform, timeZone: "America/Jamaica" });
    assert.equal(check.status, "inactive");
    assert.equal(check.severity, "ok");
  });
  test("evaluateSync() reports check_failed when the history cannot be read", () => {
    const check = evaluateSync(metrics, { ok: false, reason: "error", message: "HTTP 503" }, { now, platform, timeZone: "America/Jamaica" });
    assert.equal(check.status, "check_failed");
    assert.equal(check.severity, "warning");
  });
  test("evaluateSync() allows an interval longer than the SLA: 2 h interval, 119 min ok, 121 min stale", () => {
    const every2h = makeConnection({ schedule: { kind: "interval", units: 2, timeUnit: "hours" } });
    assert.equal(judge([endedAt(now - 119 * M)], now, every2h).status, "ok");
    assert.equal(judge([endedAt(now - 121 * M)], now, every2h).status, "stale");
  });
});
