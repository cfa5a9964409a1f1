import assert from "node:assert/strict";
import { test } from "node:test";
import type { RunReport } from "../../schemas/report.ts";
import { findingsFromReport } from "./findings.ts";

function report(overrides: Partial<RunReport>): RunReport {
  return {
    schema_version: 1,
    run_id: "r1",
    command: "sync",
    trigger: { kind: "schedule" },
    started_at: "2026-11-23T17:00:00.000Z",
    ended_at: "2026-11-23T17:05:00.000Z",
    duration_seconds: 300,
    inputs: {},
    exit_code: 0,
    status: "ok",
    summary: {},
    rows: [],
    ...overrides,
  };
}

test("findingsFromReport() reads health rows as findings and scopes them to the tenants checked", () => {
  const row = { tenant: "acme", check: "airbyte_sync", subject: "acme meta", status: "stale", severity: "warning", message: "Data is stale", since: null, runbook: "a", details: {} };
  const dbt = { ...row, tenant: null, check: "dbt_run", subject: "dbt", status: "ok", severity: "ok" };
  const { findings, scope, skipped } = findingsFromReport(report({ command: "health", inputs: { tenants: ["acme"] }, rows: [row, dbt, { junk: true }] }));
  assert.deepEqual(findings.map((f) => [f.key, f.severity]), [["acme/airbyte_sync/acme meta", "warning"], ["*/dbt_run/dbt", "ok"]]);
  assert.deepEqual(scope.tenants, ["acme"]);
  assert.equal(skipped, 1);
});

test("findingsFromReport() makes one run_failed finding for any other command", () => {
  const failed = findingsFromReport(report({
    status: "partial",
    exit_code: 2,
    rows: [{ tenant: "acme", connection: "acme meta", status: "failed", error: "HTTP 500" }, { tenant: "bmc", status: "succeeded" }],
  }));
  assert.equal(failed.findings[0]?.key, "*/run_failed/sync");
  assert.equal(failed.findings[0]?.severity, "warning");
  assert.match(failed.findings[0]?.summary ?? "", /1 of 2 item\(s\) failed/);
  assert.deepEqual(failed.findings[0]?.details.failed_items, [{ tenant: "acme", connection: "acme meta", status: "failed", error: "HTTP 500" }]);
  assert.deepEqual(failed.scope.subjects, ["sync"]);
  assert.equal(findingsFromReport(report({ status: "failed", exit_code: 3 })).findings[0]?.severity, "critical");
  assert.equal(findingsFromReport(report({})).findings[0]?.severity, "ok");
});
