import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCommandReport, parseRunReport } from "./parse-run-report.ts";
import { buildRunReport } from "./run-report.ts";
import { makeRunReport, makeSyncReportRow } from "./testing.ts";

test("parseRunReport() reads a report whose rows do not match its command's row schema (an older report)", () => {
  // makeRunReport's rows are not sync rows: `connection` and `records` instead of the real columns.
  const text = JSON.stringify(makeRunReport());
  const loose = parseRunReport(text);
  assert.ok(loose.ok);
  assert.equal(loose.value.rows.length, 2);
  const strict = parseCommandReport(text);
  assert.equal(strict.ok, false);
  assert.ok(!strict.ok && strict.issues.some((i) => i.startsWith("rows.0.connection_id: Invalid key")), JSON.stringify(strict));
});

test("parseCommandReport() reads back what buildRunReport() wrote, typed by its command", () => {
  const row = makeSyncReportRow({ status: "failed", failure_message: "401" });
  const report = buildRunReport({ command: "sync", startedAt: 0, inputs: {}, exitCode: 3, status: "failed", summary: { failed: 1 }, rows: [row] }, { runId: "r1", trigger: { kind: "local" }, endedAt: 1000 });
  const parsed = parseCommandReport(`${JSON.stringify(report, null, 2)}\n`);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.deepEqual(parsed.value, report);
  assert.ok(parsed.value.command === "sync" && parsed.value.rows[0]?.failure_message === "401");
});

test("parseCommandReport() rejects a report of a command that writes none, naming the field", () => {
  const parsed = parseCommandReport(JSON.stringify(makeRunReport({ command: "validate", rows: [] })));
  assert.ok(!parsed.ok && /^command: Invalid type/.test(parsed.issues[0] ?? ""), JSON.stringify(parsed));
});

test("a dbt report's staging_volume is written by buildRunReport() and reads back, loose and strict", () => {
  const volume = { model: "int_campaign_stats_unioned", since: "2026-10-01", series: [{ tenant: "acme", platform: "meta", from: "2026-11-28", source_rows: [40, 0, 41], campaign_days: [2, 0, 3] }] };
  const report = buildRunReport({ command: "dbt", startedAt: 0, inputs: {}, exitCode: 0, status: "ok", summary: {}, rows: [], stagingVolume: volume }, { runId: "r1", trigger: { kind: "local" }, endedAt: 1000 });
  const text = JSON.stringify(report);
  const loose = parseRunReport(text);
  assert.ok(loose.ok);
  assert.deepEqual(loose.value.staging_volume, volume);
  assert.ok(parseCommandReport(text).ok);
  const bad = JSON.stringify({ ...report, staging_volume: { ...volume, series: [{ ...volume.series[0], source_rows: [-1] }] } });
  const refused = parseRunReport(bad);
  assert.ok(!refused.ok && refused.issues.some((i) => i.startsWith("staging_volume.series.0.source_rows.0")), JSON.stringify(refused));
});
