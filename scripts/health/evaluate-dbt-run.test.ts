import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateDbtRun } from "./evaluate-dbt-run.ts";
import { makeRunResults } from "./testing.ts";

const H = 3_600_000;
const now = Date.UTC(2026, 10, 23, 12);
const options = { now, freshHours: 24 };

test("evaluateDbtRun() is ok for a run that ended 23:59:59 ago with success, pass and skipped nodes", () => {
  const run = makeRunResults(now - 24 * H + 1000, { "model.a.x": "success", "test.a.y": "pass", "model.a.z": "skipped" });
  const check = evaluateDbtRun({ ok: true, value: run }, options);
  assert.equal(check.status, "ok");
  assert.equal(check.details.skipped, 1);
});

test("evaluateDbtRun() is stale at exactly 24 hours", () => {
  const check = evaluateDbtRun({ ok: true, value: makeRunResults(now - 24 * H) }, options);
  assert.equal(check.status, "stale");
  assert.equal(check.severity, "warning");
  assert.equal(check.since, new Date(now).toISOString());
});

test("evaluateDbtRun() lists the failing nodes with their messages", () => {
  const run = makeRunResults(now - H, { "model.a.ok": "success", "model.a.bad": "error", "test.a.t": "fail", "model.a.down": "skipped" });
  const check = evaluateDbtRun({ ok: true, value: run }, options);
  assert.equal(check.status, "failing");
  assert.equal(check.severity, "critical");
  assert.deepEqual((check.details.failing_nodes as { unique_id: string }[]).map((n) => n.unique_id), ["model.a.bad", "test.a.t"]);
  assert.match(check.message, /2 dbt node\(s\) failing: model\.a\.bad, test\.a\.t/);
});

test("evaluateDbtRun() reports failing before stale", () => {
  assert.equal(evaluateDbtRun({ ok: true, value: makeRunResults(now - 48 * H, { "model.a.b": "error" }) }, options).status, "failing");
});

test("evaluateDbtRun() does not fail on warn, no-op or reused but lists warnings", () => {
  const run = makeRunResults(now - H, { "test.a.w": "warn", "exposure.a.e": "no-op", "model.a.r": "reused" });
  const check = evaluateDbtRun({ ok: true, value: run }, options);
  assert.equal(check.status, "ok");
  assert.deepEqual(check.details.warned, ["test.a.w"]);
});

test("evaluateDbtRun() treats unknown statuses as failing", () => {
  assert.equal(evaluateDbtRun({ ok: true, value: makeRunResults(now - H, { "model.a.m": "partial success" }) }, options).status, "failing");
});

test("evaluateDbtRun() reports artifact_missing for no file and for a docs generate file", () => {
  assert.equal(evaluateDbtRun({ ok: false, reason: "missing", message: "No file" }, options).status, "artifact_missing");
  const docs = evaluateDbtRun({ ok: true, value: makeRunResults(now - H, {}, "generate") }, options);
  assert.equal(docs.status, "artifact_missing");
  assert.match(docs.message, /dbt generate/);
});
