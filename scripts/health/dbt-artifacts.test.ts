import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import type { RunReport } from "../../schemas/report.ts";
import { createDbtArtifactsFromReport } from "./dbt-artifacts-from-report.ts";
import { createDbtArtifactsFromTarget } from "./dbt-artifacts-from-target.ts";
import { evaluateDbtRun } from "./evaluate-dbt-run.ts";
import { evaluateSourceFreshness } from "./evaluate-source-freshness.ts";

const dir = "scripts/health/testdata";
async function read(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}
const now = Date.parse("2026-11-23T13:00:00Z");

test("createDbtArtifactsFromTarget() feeds dbt's real failing build to the evaluator", async () => {
  const port = createDbtArtifactsFromTarget(read, [`${dir}/build`]);
  const check = evaluateDbtRun(await port.readRunResults(), { now, freshHours: 24 });
  assert.equal(check.status, "failing");
  assert.deepEqual((check.details.failing_nodes as { unique_id: string }[]).map((n) => n.unique_id), ["test.health_demo.accepted_values_stg_orders_status__completed__shipped.7735a16386"]);
  assert.equal(check.details.skipped, 2);
});

test("createDbtArtifactsFromTarget() picks the newest run_results.json; docs generate is rejected by the evaluator", async () => {
  const port = createDbtArtifactsFromTarget(read, [`${dir}/build`, `${dir}/docs`]);
  const run = await port.readRunResults();
  assert.ok(run.ok);
  assert.equal(run.value.which, "generate");
  assert.equal(evaluateDbtRun(run, { now, freshHours: 24 }).status, "artifact_missing");
});

test("createDbtArtifactsFromTarget() finds the source dbt left out of sources.json through the manifest", async () => {
  const port = createDbtArtifactsFromTarget(read, [`${dir}/freshness`]);
  const rows = evaluateSourceFreshness(await port.readSourceFreshness(), await port.readFreshnessSources(), { now, freshHours: 24, tenants: [] });
  assert.deepEqual(
    rows.map((r) => [r.subject.replace("source.health_demo.raw.", ""), r.status]),
    [["orders_feed", "pass"], ["orders_feed_stale_error", "error"], ["orders_feed_stale_warn", "warn"], ["missing_feed", "runtime_error"]],
  );
});

test("createDbtArtifactsFromTarget() reports missing and unreadable files", async () => {
  const none = await createDbtArtifactsFromTarget(read, [`${dir}/nowhere`]).readRunResults();
  assert.deepEqual(none.ok ? "" : none.reason, "missing");
  const bad = await createDbtArtifactsFromTarget(() => Promise.resolve("{"), ["x"]).readSourceFreshness();
  assert.deepEqual(bad.ok ? "" : bad.reason, "invalid");
});

function dbtReport(overrides: Partial<RunReport>): RunReport {
  return {
    schema_version: 1,
    run_id: "r7",
    command: "dbt",
    trigger: { kind: "schedule" },
    started_at: "2026-11-23T10:00:00.000Z",
    ended_at: "2026-11-23T10:20:00.000Z",
    duration_seconds: 1200,
    inputs: { step_results: [{ id: "seed", status: "ok" }, { id: "per-source-1-staging", status: "failed" }, { id: "freshness", status: "failed" }] },
    exit_code: 2,
    status: "partial",
    summary: {},
    rows: [
      { step: "seed", unique_id: "seed.adops.fx_rates", resource_type: "seed", status: "success", message: "INSERT 5" },
      { step: "per-source-1-staging", unique_id: "model.adops.fct_ads", resource_type: "model", status: "error", message: "Binder Error" },
      { step: "per-source-1-staging", unique_id: "test.adops.t1", resource_type: "test", status: "pass", message: null },
      { step: "freshness", unique_id: "source.adops.meta.insights", resource_type: "source", status: "warn", message: "max_loaded_at 2026-11-23T01:00:00+00:00 (9 h ago)" },
      { step: "freshness", unique_id: "source.adops.tiktok.reports", resource_type: "source", status: "runtime error", message: "Freshness query failed" },
    ],
    ...overrides,
  };
}

test("createDbtArtifactsFromReport() reads the committed dbt report: nodes, end time and source verdicts", async () => {
  const port = createDbtArtifactsFromReport(dbtReport({}), { path: "reports/latest/dbt.json" });
  const run = evaluateDbtRun(await port.readRunResults(), { now, freshHours: 24 });
  assert.equal(run.status, "failing");
  assert.equal(run.details.nodes, 3);
  assert.equal(run.details.ended_at, "2026-11-23T10:20:00.000Z");
  const sources = evaluateSourceFreshness(await port.readSourceFreshness(), await port.readFreshnessSources(), { now, freshHours: 24, tenants: [] });
  assert.deepEqual(sources.map((s) => s.status), ["warn", "runtime_error"]);
  assert.equal(sources[0]?.details.max_loaded_at, "2026-11-23T01:00:00.000Z");
});

test("createDbtArtifactsFromReport() says when dbt did not run or there is no report", async () => {
  const notRun = createDbtArtifactsFromReport(dbtReport({ inputs: { step_results: [{ id: "deps", status: "ok" }, { id: "build", status: "not_run" }] }, messages: ["build: dbt did not run: Compilation Error"] }), { path: "p" });
  const run = evaluateDbtRun(await notRun.readRunResults(), { now, freshHours: 24 });
  assert.equal(run.status, "artifact_missing");
  assert.match(run.message, /Compilation Error/);
  const none = createDbtArtifactsFromReport(undefined, { path: "reports/latest/dbt.json" });
  assert.match(evaluateDbtRun(await none.readRunResults(), { now, freshHours: 24 }).message, /No dbt run report at 'reports\/latest\/dbt.json'/);
});
