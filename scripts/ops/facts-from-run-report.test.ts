import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { factsFromIncidentState, factsFromMonthlySummary, factsFromRunReport, healthMet } from "./mod.ts";
import { makeRunReport, makeSyncRow } from "./testing.ts";

const text = (value: unknown) => JSON.stringify(value);

describe("factsFromRunReport()", () => {
  it("factsFromRunReport() gives a command_runs row and one sync_outcomes row per connection with Airbyte's job id, attempts, records, bytes and failure", () => {
    const failed = makeSyncRow("acme", "acme_google", { status: "failed", job_id: 42, airbyte_attempts: 3, records_committed: 0, failure_origin: "source", failure_type: "config_error", failure_message: "Token expired", duration_seconds: null });
    const facts = factsFromRunReport("2026/11/23/gh-100-1-sync.json", text(makeRunReport("sync", [makeSyncRow("acme", "acme_meta"), failed], { status: "partial", exit_code: 2 })));
    assert.ok(facts.ok);
    assert.deepEqual(facts.rows.command_runs, [{
      run_id: "gh-100-1", command: "sync", schema_version: 1, trigger_kind: "schedule", started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:01:00.000Z",
      duration_seconds: 60, exit_code: 2, status: "partial", row_count: 2, report_path: "2026/11/23/gh-100-1-sync.json",
    }]);
    const row = facts.rows.sync_outcomes?.[1];
    assert.equal(row?.job_id, 42);
    assert.equal(row?.airbyte_attempts, 3);
    assert.equal(row?.failure_type, "config_error");
    assert.equal(row?.failure_message, "Token expired");
    assert.equal(row?.duration_seconds, null);
    assert.equal(facts.rows.sync_outcomes?.[0]?.records_committed, 1200);
  });

  it("factsFromRunReport() keeps health's verdict as met: true for ok and pass, false for a failing status, NULL when the check could not judge", () => {
    const check = (status: string, tenant: string | null = "acme") => ({ tenant, check: status === "pass" ? "source_freshness" : "airbyte_sync", subject: `s-${status}`, status, severity: status === "ok" || status === "pass" ? "ok" : "warning", message: "m", since: null, runbook: "r", details: {} });
    const facts = factsFromRunReport("2026/11/23/gh-1-1-health.json", text(makeRunReport("health", [check("ok"), check("stale"), check("check_failed"), check("pass", null)], { runId: "gh-1-1" })));
    assert.ok(facts.ok);
    assert.deepEqual(facts.rows.health_checks?.map((r) => [r.tenant, r.status, r.met, r.checked_at]), [
      ["acme", "ok", true, "2026-11-23T10:00:00.000Z"],
      ["acme", "stale", false, "2026-11-23T10:00:00.000Z"],
      ["acme", "check_failed", null, "2026-11-23T10:00:00.000Z"],
      ["", "pass", true, "2026-11-23T10:00:00.000Z"],
    ]);
    assert.deepEqual([healthMet("inactive"), healthMet("artifact_missing"), healthMet("not_checked"), healthMet("sync_failed")], [null, null, null, false]);
  });

  it("factsFromRunReport() turns dbt nodes and orchestrator steps into rows, leaving out dry-run plan rows", () => {
    const dbt = factsFromRunReport("d.json", text(makeRunReport("dbt", [{ step: "build", unique_id: "model.adops.fct", resource_type: "model", name: "fct", status: "success", execution_time: 1.5, failures: null, message: null }])));
    assert.ok(dbt.ok);
    assert.deepEqual(dbt.rows.dbt_node_results?.[0], { run_id: "gh-100-1", step: "build", unique_id: "model.adops.fct", resource_type: "model", name: "fct", status: "success", execution_time: 1.5, failures: null, message: null, run_ended_at: "2026-11-23T10:01:00.000Z" });
    const step = { platform_name: "meta", platform_id: "meta", status: "completed", skip_reason: null, started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:04:00.000Z", duration_seconds: 240, rows_processed: 1, tables_processed: 1, retry_count: 1, error_message: null };
    const skippedStep = { ...step, platform_name: "marts", platform_id: null, status: "skipped", skip_reason: "upstream_failed", started_at: null, ended_at: null, duration_seconds: 0, retry_count: 0 };
    const plan = { platform_name: "meta", platform_id: "meta", enabled: true, priority: 1, timeout: 60, max_attempts: 2, dependencies: [] };
    const orch = factsFromRunReport("o.json", text(makeRunReport("orchestrate", [step, skippedStep, plan])));
    assert.ok(orch.ok);
    assert.deepEqual(orch.rows.orchestrator_steps?.map((r) => [r.step_id, r.pipeline, r.status, r.attempts]), [["meta", "meta", "completed", 2], ["marts", null, "skipped", null]]);
  });

  it("factsFromRunReport() leaves out a row that does not match its command's row schema, with a warning naming the row", () => {
    const facts = factsFromRunReport("s.json", text(makeRunReport("sync", [makeSyncRow("acme", "a"), { tenant: "acme" }])));
    assert.ok(facts.ok);
    assert.equal(facts.rows.sync_outcomes?.length, 1);
    assert.match(facts.warnings[0] ?? "", /^rows\.1: /);
  });

  it("factsFromRunReport() skips malformed JSON, a foreign JSON file and a report of another schema_version, each with a reason, never throwing", () => {
    const bad = factsFromRunReport("x.json", '{"run_id": ');
    const foreign = factsFromRunReport("x.json", text({ name: "package", version: "1.0.0" }));
    const older = factsFromRunReport("x.json", text({ ...makeRunReport("sync", []), schema_version: 0 }));
    const array = factsFromRunReport("x.json", "[1, 2]");
    assert.deepEqual([bad.ok, foreign.ok, older.ok, array.ok], [false, false, false, false]);
    assert.match(!bad.ok ? bad.reason : "", /^Invalid JSON/);
    assert.match(!foreign.ok ? foreign.reason : "", /Not an adops run report/);
    assert.match(!older.ok ? older.reason : "", /schema_version 0 is not read \(this loader reads 1/);
  });
});

describe("factsFromMonthlySummary() and factsFromIncidentState()", () => {
  it("factsFromMonthlySummary() gives one command_runs row per rolled-up run, problems with their status and start, the rest ok with NULL times", () => {
    const summary = { schema_version: 1, month: "2026-10", runs: 2, by_command: {}, by_day: {}, problems: [{ run_id: "gh-2-1", command: "health", started_at: "2026-10-02T10:07:00.000Z", status: "partial", exit_code: 2 }], run_ids: ["gh-1-1-sync", "gh-2-1-health"] };
    const facts = factsFromMonthlySummary("2026/10/summary.json", text(summary));
    assert.ok(facts.ok);
    assert.deepEqual(facts.rows.command_runs?.map((r) => [r.run_id, r.command, r.status, r.exit_code, r.started_at]), [["gh-1-1", "sync", "ok", 0, null], ["gh-2-1", "health", "partial", 2, "2026-10-02T10:07:00.000Z"]]);
  });

  it("factsFromIncidentState() gives each incident's lifecycle, reminders the messages after the opening one", () => {
    const incident = { key: "acme/airbyte_sync/acme_meta", tenant: "acme", check: "airbyte_sync", subject: "acme_meta", kind: "stale", severity: "warning", status: "resolved", summary: "s", since: null, opened_at: "2026-11-23T10:07:00.000Z", last_seen_at: "2026-11-23T11:07:00.000Z", resolved_at: "2026-11-23T11:37:00.000Z", bad_runs: 3, runbook: "r", details: {}, notified: { kind: "reminder", at: "2026-11-23T11:07:00.000Z", severity: "warning", count: 3 } };
    const facts = factsFromIncidentState("state/incidents.json", text({ schema_version: 1, updated_at: "2026-11-23T11:37:00.000Z", incidents: [incident] }));
    assert.ok(facts.ok);
    assert.deepEqual(facts.rows.incidents?.[0], { incident_key: "acme/airbyte_sync/acme_meta", tenant: "acme", check_name: "airbyte_sync", subject: "acme_meta", severity: "warning", status: "resolved", opened_at: "2026-11-23T10:07:00.000Z", last_seen_at: "2026-11-23T11:07:00.000Z", resolved_at: "2026-11-23T11:37:00.000Z", reminders: 2 });
    assert.equal(factsFromIncidentState("state/incidents.json", "{}").ok, false);
  });
});
