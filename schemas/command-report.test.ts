import assert from "node:assert/strict";
import { test } from "node:test";
import * as v from "valibot";
import { type CommandReport, CommandReportSchema, REPORT_ROW_SCHEMAS } from "./command-report.ts";
import { PUBLISHED_SCHEMAS } from "./published.ts";
import { DbtNodeRowSchema } from "./report-rows/dbt.ts";
import { HealthCheckSchema } from "./report-rows/health.ts";
import { OrchestrateReportRowSchema } from "./report-rows/orchestrate.ts";
import { type SyncReportRow, SyncReportRowSchema } from "./report-rows/sync.ts";

function issuesOf(schema: v.GenericSchema, value: unknown): string[] {
  const result = v.safeParse(schema, value);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`);
}

const syncRow: SyncReportRow = {
  tenant: "acme", connection_id: null, connection_name: "Acme - Meta", template: "meta_metrics", provider: "meta", trigger: "not_due", status: "not_due",
  reason: "Next due 13:00", job_id: null, job_ids: [], attempts: 0, airbyte_attempts: 0, started_at: null, ended_at: null, duration_seconds: null,
  records_committed: 0, bytes_committed: 0, failure_origin: null, failure_type: null, failure_message: null, empty_sync: false, consecutive_failures: 0, alert: false,
};
const healthRow = {
  tenant: null, check: "dbt_run", subject: "dbt", status: "failing", severity: "critical", message: "2 nodes failed", since: "2026-11-23T10:00:00.000Z", runbook: "dbt-run", details: { nodes: 40 },
};
const dbtRow = { step: "build", unique_id: "model.adops.fct_ads", resource_type: "model", name: "fct_ads", status: "success", execution_time: 1.5, failures: null, message: "OK" };
const stepRow = {
  platform_name: "google", platform_id: "google_ads", status: "completed", skip_reason: null, started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:05:00.000Z",
  duration_seconds: 300, rows_processed: 100, tables_processed: 2, retry_count: 0, error_message: null,
};
const planRow = { platform_name: "google", platform_id: "google_ads", enabled: true, priority: 1, timeout: 600, max_attempts: 2, dependencies: [] };

test("row schemas accept the rows their command writes", () => {
  assert.deepEqual(issuesOf(SyncReportRowSchema, syncRow), []);
  assert.deepEqual(issuesOf(HealthCheckSchema, healthRow), []);
  assert.deepEqual(issuesOf(DbtNodeRowSchema, dbtRow), []);
  assert.deepEqual(issuesOf(OrchestrateReportRowSchema, stepRow), []);
  assert.deepEqual(issuesOf(OrchestrateReportRowSchema, planRow), []);
});

test("row schemas reject a malformed row with an issue naming the field", () => {
  assert.match(issuesOf(SyncReportRowSchema, { ...syncRow, status: "done" })[0] ?? "", /^status: Invalid type: Expected .*"succeeded".* but received "done"$/);
  assert.match(issuesOf(SyncReportRowSchema, { ...syncRow, started_at: "yesterday" })[0] ?? "", /^started_at: /);
  const { severity: _, ...noSeverity } = healthRow;
  assert.deepEqual(issuesOf(HealthCheckSchema, noSeverity), ['severity: Invalid key: Expected "severity" but received undefined']);
  assert.match(issuesOf(DbtNodeRowSchema, { ...dbtRow, execution_time: "1.5" })[0] ?? "", /^execution_time: Invalid type: Expected number but received "1.5"$/);
});

test("OrchestrateReportRowSchema tells outcome rows from plan rows by status and names the bad field of either", () => {
  assert.match(issuesOf(OrchestrateReportRowSchema, { ...stepRow, status: "done" })[0] ?? "", /^status: /);
  assert.match(issuesOf(OrchestrateReportRowSchema, { ...stepRow, retry_count: -1 })[0] ?? "", /^retry_count: /);
  assert.match(issuesOf(OrchestrateReportRowSchema, { ...planRow, enabled: "yes" })[0] ?? "", /^enabled: /);
});

test("CommandReportSchema checks rows against the row schema of the report's command", () => {
  const envelope = {
    schema_version: 1, run_id: "r1", trigger: { kind: "local" }, started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:00:01.000Z",
    duration_seconds: 1, inputs: {}, exit_code: 0, status: "ok", summary: {},
  };
  assert.deepEqual(issuesOf(CommandReportSchema, { ...envelope, command: "sync", rows: [syncRow] }), []);
  assert.deepEqual(issuesOf(CommandReportSchema, { ...envelope, command: "health", rows: [healthRow] }), []);
  assert.match(issuesOf(CommandReportSchema, { ...envelope, command: "sync", rows: [syncRow, healthRow] })[0] ?? "", /^rows\.1\.tenant: Invalid type: Expected string but received null$/);
  assert.match(issuesOf(CommandReportSchema, { ...envelope, command: "validate", rows: [] })[0] ?? "", /^command: Invalid type: Expected \("sync" \| "health"/);
  const parsed = v.parse(CommandReportSchema, { ...envelope, command: "dbt", rows: [dbtRow] });
  if (parsed.command === "dbt") assert.equal(parsed.rows[0]?.unique_id, "model.adops.fct_ads");
  // The inferred output and CommandReport are the same type, both ways.
  const asUnion: CommandReport = parsed;
  const back: v.InferOutput<typeof CommandReportSchema> = asUnion;
  assert.equal(back.command, "dbt");
});

test("every command's row schema is published under schemas/report-rows/", () => {
  const published = new Set(PUBLISHED_SCHEMAS.map((p) => p.schema));
  for (const [command, schema] of Object.entries(REPORT_ROW_SCHEMAS)) assert.ok(published.has(schema), `${command}'s row schema is not in PUBLISHED_SCHEMAS`);
});
