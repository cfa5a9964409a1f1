import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeConfig, makeConnection, makePlatformConfig, makeTenant } from "../config/testing.ts";
import { freshnessRule } from "../health/mod.ts";
import { factsFromAirbyteJobs, slaWindowRows } from "./mod.ts";

const MINUTE = 60_000;
const platform = makePlatformConfig({
  schedule_groups: {
    metrics: { cron: "0 6-22 * * *", interval: { units: 1, time_unit: "hours" }, window: { start: "06:00", end: "22:00" }, fresh_minutes: 60 },
    daily: { cron: "15 2 * * *", window: { start: "02:15", end: "02:15" }, fresh_minutes: 60 },
  },
});
const hourly = makeConnection({ name: "acme_meta" });
const daily = makeConnection({ name: "acme_meta_daily", scheduleGroup: "daily", schedule: { kind: "cron", cron: "15 2 * * *", timeZone: "America/Jamaica" } });
const config = makeConfig({ platform, tenants: [makeTenant({ slug: "acme", timeZone: "America/Jamaica", connections: [hourly, daily] })] });

describe("slaWindowRows()", () => {
  it("slaWindowRows() gives the hourly group's 07:00-23:00 tenant-time window (start + fresh to end + fresh) and the daily group's run + fresh to the next run + fresh", () => {
    const rows = slaWindowRows(config, { from: Date.UTC(2026, 10, 23, 12), to: Date.UTC(2026, 10, 23, 13) });
    const day = rows.filter((r) => r.day === "2026-11-23");
    // America/Jamaica is UTC-5: 07:00 local = 12:00 UTC, 23:00 local = 04:00 UTC the next day.
    assert.deepEqual(day.find((r) => r.connection_name === "acme_meta"), {
      tenant: "acme", connection_name: "acme_meta", schedule_group: "metrics", day: "2026-11-23", window_start: "2026-11-23T12:00:00.000Z", window_end: "2026-11-24T04:00:00.000Z", fresh_minutes: 60,
      freshness_rule: "age", threshold_minutes: 60,
    });
    const d = day.find((r) => r.connection_name === "acme_meta_daily");
    assert.equal(d?.window_start, "2026-11-23T08:15:00.000Z");
    assert.equal(d?.window_end, "2026-11-24T08:15:00.000Z");
    assert.equal(d?.freshness_rule, "cycle");
  });

  it("slaWindowRows() agrees with health's freshnessRule at every window's edges: enforced from window_start, not a millisecond before, until window_end", () => {
    const rows = slaWindowRows(config, { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 23) });
    assert.ok(rows.length >= 8);
    for (const r of rows) {
      const connection = r.connection_name === "acme_meta" ? hourly : daily;
      const at = (ms: number) => freshnessRule(connection, platform, { now: ms, timeZone: "America/Jamaica" }).enforced;
      const rule = freshnessRule(connection, platform, { now: Date.parse(r.window_start ?? ""), timeZone: "America/Jamaica" });
      assert.equal(r.freshness_rule, rule.mode, `${r.connection_name} rule`);
      assert.equal(r.threshold_minutes, rule.thresholdMinutes, `${r.connection_name} threshold`);
      const start = Date.parse(r.window_start ?? "");
      const end = Date.parse(r.window_end ?? "");
      assert.equal(at(start), true, `${r.connection_name} ${r.window_start}`);
      assert.equal(at(end - 1), true, `${r.connection_name} ${r.window_end}`);
      if (connection === hourly) {
        assert.equal(at(start - 1), false);
        assert.equal(at(end), false);
        assert.equal(end - start, 16 * 60 * MINUTE);
      }
    }
  });
});

describe("factsFromAirbyteJobs()", () => {
  it("factsFromAirbyteJobs() keeps job id, attempts, records, bytes, durations, the last failure and each stream's counts, NULL where Airbyte says nothing", () => {
    const owners = new Map([["c1", { tenant: "acme", connectionName: "acme_meta" }]]);
    const rows = factsFromAirbyteJobs([
      {
        job: { id: 9, configType: "sync", configId: "c1", createdAt: 1_763_892_000, updatedAt: 1_763_892_300, startedAt: 1_763_892_010, status: "failed" },
        attempts: [
          { id: 0, status: "failed", createdAt: 1_763_892_010, updatedAt: 1_763_892_100, endedAt: 1_763_892_100 },
          {
            id: 1, status: "failed", createdAt: 1_763_892_110, updatedAt: 1_763_892_300, endedAt: 1_763_892_300, totalStats: { recordsCommitted: 5, bytesCommitted: 50 },
            streamStats: [{ streamName: "ads_insights", streamNamespace: "raw_acme", stats: { recordsCommitted: 5, bytesCommitted: 50 } }],
            failureSummary: { failures: [{ failureOrigin: "source", failureType: "config_error", externalMessage: "Invalid token" }] },
          },
        ],
      },
      { job: { id: 10, configType: "sync", configId: "c2", createdAt: 1_763_895_600, updatedAt: 1_763_895_700, status: "running" }, attempts: [] },
    ], { owners, observedAt: "2026-11-23T11:00:00.000Z" });
    assert.deepEqual(rows.airbyte_jobs?.[0], {
      job_id: 9, connection_id: "c1", tenant: "acme", connection_name: "acme_meta", status: "failed", created_at: "2025-11-23T10:00:00.000Z", ended_at: "2025-11-23T10:05:00.000Z",
      duration_seconds: 290, attempts: 2, records_committed: 5, bytes_committed: 50, failure_origin: "source", failure_type: "config_error", failure_message: "Invalid token",
      observed_at: "2026-11-23T11:00:00.000Z",
    });
    assert.deepEqual([rows.airbyte_jobs?.[1]?.tenant, rows.airbyte_jobs?.[1]?.ended_at, rows.airbyte_jobs?.[1]?.records_committed], [null, null, null]);
    assert.deepEqual(rows.airbyte_job_streams, [{ job_id: 9, tenant: "acme", connection_name: "acme_meta", stream_namespace: "raw_acme", stream_name: "ads_insights", records_committed: 5, bytes_committed: 50, ended_at: "2025-11-23T10:05:00.000Z" }]);
  });
});
