import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateTransformLag } from "./evaluate-transform-lag.ts";
import { makeRunResults } from "./testing.ts";

const H = 3_600_000;
const dbtEnd = Date.UTC(2026, 2, 1, 7);
const options = { freshHours: 24 };
const sync = (tenant: string, hoursAfterDbt: number) => ({ tenant, connection: `${tenant} meta_metrics`, endedAt: dbtEnd + hoursAfterDbt * H });

test("evaluateTransformLag() warns when dbt's last build ended more than the SLA before the newest sync, since the first sync past it", () => {
  const c = evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd) }, [sync("acme", 10), sync("acme", 25), sync("bmc", 30.5)], options);
  assert.equal(c.status, "transform_lag");
  assert.equal(c.severity, "warning");
  assert.equal(c.tenant, null);
  assert.equal(c.details.lag_hours, 30.5);
  assert.equal(c.details.newest_sync_connection, "bmc meta_metrics");
  assert.equal(c.since, new Date(dbtEnd + 25 * H).toISOString());
  assert.match(c.message, /ended 2026-03-01 07:00 UTC, 30\.5 h before the newest successful sync \(bmc \/ bmc meta_metrics, ended 2026-03-02 13:30 UTC\); limit 24 h/);
  assert.equal(c.runbook, "transform-lag");
});

test("evaluateTransformLag() is ok at the SLA exactly and when dbt ran after the newest sync", () => {
  assert.equal(evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd) }, [sync("acme", 24)], options).status, "ok");
  assert.equal(evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd) }, [sync("acme", -2)], options).status, "ok");
});

test("evaluateTransformLag() does not judge without a healthy run_results.json or without a successful sync", () => {
  assert.equal(evaluateTransformLag({ ok: false, reason: "missing", message: "No file" }, [sync("acme", 30)], options).status, "not_checked");
  assert.equal(evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd, { "model.a.m": "error" }) }, [sync("acme", 30)], options).status, "not_checked");
  assert.equal(evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd, {}, "docs") }, [sync("acme", 30)], options).status, "not_checked");
  assert.equal(evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd) }, [], options).status, "not_checked");
});
