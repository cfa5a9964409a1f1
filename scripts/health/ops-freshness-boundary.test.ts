// One definition of "fresh", two implementations: the dbt ops models (macro fresh_coverage,
// dbt/macros/fresh_coverage.sql) and health's evaluators. This test reads the boundary cases
// of the dbt unit tests (dbt/models/ops/*.yml) and replays each one through health: at every
// instant of the case's SLA windows it asks evaluateSync / evaluateDbtRun whether the data is
// fresh, and the count of fresh instants must equal the unit test's expected fresh_seconds.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { makeConnection, makePlatformConfig } from "../config/testing.ts";
import { evaluateDbtRun } from "./evaluate-dbt-run.ts";
import { evaluateSync } from "./evaluate-sync.ts";
import { freshnessRule } from "./freshness-rule.ts";
import { makeJob } from "./testing.ts";
import type { SyncJob } from "./types.ts";

const opsModels = resolve(import.meta.dirname ?? ".", "../../dbt/models/ops");
type Row = Record<string, unknown>;
interface UnitTest {
  name: string;
  given: { input: string; rows: Row[] }[];
  expect: { rows: Row[] };
}

function unitTest(file: string, name: string): UnitTest {
  const doc = parse(readFileSync(join(opsModels, file), "utf8")) as { unit_tests: UnitTest[] };
  const found = doc.unit_tests.find((t) => t.name === name);
  assert.ok(found, `unit test '${name}' in dbt/models/ops/${file}`);
  return found;
}
function given(t: UnitTest, input: string): Row[] {
  return t.given.find((g) => g.input === `ref('${input}')`)?.rows ?? [];
}
/** dbt fixture timestamps ('2026-03-02 10:00:00+00') as epoch ms. */
function ms(value: unknown): number {
  const t = Date.parse(String(value).replace(" ", "T").replace(/\+00$/, "Z"));
  assert.ok(Number.isFinite(t), `timestamp '${String(value)}'`);
  return t;
}

const SECOND = 1000;
const platform = makePlatformConfig({
  schedule_groups: {
    metrics: { cron: "0 6-22 * * *", window: { start: "06:00", end: "22:00" }, fresh_minutes: 60 },
    daily: { cron: "15 2 * * *", window: { start: "02:15", end: "02:15" }, fresh_minutes: 60 },
  },
});
// The dbt fixtures' age windows are [10:00, 11:00) UTC: judged as a UTC tenant's hourly group
// (enforced 07:00-23:00 UTC); the cycle windows [08:15, next 08:15) UTC are a Jamaica tenant's
// daily group (02:15 run + 60 min, UTC-5).
const RULES = {
  age: { connection: makeConnection(), timeZone: "UTC" },
  cycle: {
    connection: makeConnection({ template: "dimensions_daily", scheduleGroup: "daily", schedule: { kind: "cron", cron: "15 2 * * *", timeZone: "America/Jamaica" } }),
    timeZone: "America/Jamaica",
  },
} as const;

/** Instants of [start, end) health is asked about: every second of a short window, every minute of a long one. */
function instants(start: number, end: number): { at: number[]; step: number } {
  const step = end - start <= 2 * 3600 * SECOND ? SECOND : 60 * SECOND;
  const at: number[] = [];
  for (let t = start; t < end; t += step) at.push(t);
  return { at, step };
}

describe("health's evaluators agree with the dbt ops models on what is fresh", () => {
  for (const name of ["sync_freshness_boundaries_match_health", "daily_group_success_holds_until_the_next_cycle"]) {
    const t = unitTest("ops_sync_sla_daily.yml", name);
    const windows = given(t, "int_ops__sla_windows");
    const runs = given(t, "int_ops__sync_runs");
    for (const w of windows) {
      const label = `${String(w.connection_name)} ${String(w.day)}`;
      test(`evaluateSync() judges ${label} (${name}) fresh for exactly the dbt unit test's fresh_seconds`, () => {
        const expected = t.expect.rows.find((r) => (r.connection_name === undefined || r.connection_name === w.connection_name) && (r.day === undefined || r.day === w.day));
        assert.ok(expected, `an expected row for ${label}`);
        const rule = RULES[w.freshness_rule as keyof typeof RULES];
        const jobs: SyncJob[] = runs
          .filter((r) => r.connection_name === w.connection_name)
          .map((r, i) => makeJob({ id: i + 1, status: r.succeeded === true ? "succeeded" : "failed", createdAt: ms(r.ended_at) - Number(r.duration_seconds) * SECOND, endedAt: ms(r.ended_at) }));
        const { at, step } = instants(ms(w.window_start), ms(w.window_end));
        let fresh = 0;
        for (const now of at) {
          const options = { now, platform, timeZone: rule.timeZone };
          assert.equal(freshnessRule(rule.connection, platform, options).enforced, true, `health enforces freshness at ${new Date(now).toISOString()}`);
          const seen = jobs.filter((j) => (j.endedAt ?? Infinity) <= now);
          const successes = seen.filter((j) => j.status === "succeeded");
          const verdict = evaluateSync(rule.connection, { ok: true, connectionId: "c", jobs: successes }, options);
          if (verdict.status === "ok") fresh += step / SECOND;
          // A failure does not move the success freshness is measured from (health then says sync_failed, not stale).
          const withFailures = evaluateSync(rule.connection, { ok: true, connectionId: "c", jobs: seen }, options);
          assert.equal(withFailures.details?.last_success_at, verdict.details?.last_success_at);
        }
        assert.equal(fresh, Number(expected.fresh_seconds));
      });
    }
  }

  test("evaluateDbtRun() judges each day of dbt_freshness_expires_exactly_at_the_limit fresh for the unit test's fresh_seconds", () => {
    const t = unitTest("ops_dbt_sla_daily.yml", "dbt_freshness_expires_exactly_at_the_limit");
    const ok = given(t, "int_ops__dbt_runs").filter((r) => r.status === "ok").map((r) => ms(r.ended_at));
    const horizon = ms(given(t, "int_ops__observed_until")[0]?.observed_until);
    for (const expected of t.expect.rows) {
      const dayStart = ms(`${String(expected.day)} 00:00:00+00`);
      const { at, step } = instants(dayStart, Math.min(dayStart + 86_400 * SECOND, horizon));
      let fresh = 0;
      for (const now of at) {
        const newest = Math.max(...ok.filter((e) => e <= now));
        if (!Number.isFinite(newest)) continue;
        const check = evaluateDbtRun({ ok: true, value: { generatedAt: newest, invocationId: "i", which: "build", results: [] } }, { now, freshHours: 24 });
        if (check.status === "ok") fresh += step / SECOND;
      }
      assert.equal(fresh, Number(expected.fresh_seconds), `day ${String(expected.day)}`);
    }
  });

  test("evaluateSync() calls an age of exactly fresh_minutes stale and one second less fresh (the 60:00 / 59:59 boundary)", () => {
    const now = Date.UTC(2026, 2, 2, 10);
    const judge = (endedAt: number) => evaluateSync(RULES.age.connection, { ok: true, connectionId: "c", jobs: [makeJob({ createdAt: endedAt - 60 * SECOND, endedAt })] }, { now, platform, timeZone: "UTC" }).status;
    assert.equal(judge(now - 3600 * SECOND), "stale");
    assert.equal(judge(now - 3599 * SECOND), "ok");
  });
});
