import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import * as v from "valibot";
import { parse as parseYaml } from "yaml";
import { type OrchestratorConfig, OrchestratorConfigSchema } from "../../schemas/orchestrator.ts";
import { createFakeClock, type FakeClock } from "../core/testing.ts";
import { CSV_COLUMNS, type ExecutionReport } from "./execution-report.ts";
import { STEP_NAMES } from "./registry.ts";
import { runOrchestrator } from "./run-orchestrator.ts";
import type { RunPlanOptions } from "./run-plan.ts";
import { createFakeRegistry, type FakeBehaviour, makeOrchestratorConfig, parseCsv, seedExitCodeFor } from "./testing.ts";
import type { PlanOptions } from "./plan-run.ts";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const RETRY3 = { max_attempts: 3, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 };

/** [status, skip_reason, start offset (s) or null, duration (s), retry_count] */
type Expected = [string, string | null, number | null, number, number];

async function run(
  config: OrchestratorConfig,
  behaviours: Record<string, FakeBehaviour> = {},
  setup: (clock: FakeClock) => Partial<RunPlanOptions & PlanOptions> = () => ({}),
) {
  const clock = createFakeClock({ start: T0 });
  const names = [...new Set([...STEP_NAMES, ...config.platforms.map((p) => p.name), ...Object.keys(behaviours)])];
  const { registry, trace } = createFakeRegistry(clock, behaviours, { names });
  const result = await runOrchestrator(config, { registry, clock, random: () => 0, exitCodeFor: seedExitCodeFor, ...setup(clock) });
  if (!result.ok) assert.fail(result.errors.join("\n"));
  const csvRows = parseCsv(result.value.csv);
  // The CSV carries exactly the JSON rows.
  assert.deepEqual(
    csvRows,
    result.value.report.platforms.map((p) => Object.fromEntries(CSV_COLUMNS.map((c) => [c, p[c] === null ? "" : String(p[c])]))),
  );
  return { ...result.value, trace, csvRows };
}

function expectRows(report: ExecutionReport, csvRows: Record<string, string>[], expected: Record<string, Expected>): void {
  const json = Object.fromEntries(report.platforms.map((p) => [
    p.platform_name,
    [p.status, p.skip_reason, p.started_at === null ? null : (Date.parse(p.started_at) - T0) / 1000, p.duration_seconds, p.retry_count],
  ]));
  assert.deepEqual(json, expected);
  const csv = Object.fromEntries(csvRows.map((r) => [r.platform_name, [r.status, r.skip_reason]]));
  assert.deepEqual(csv, Object.fromEntries(Object.entries(expected).map(([k, e]) => [k, [e[0], e[1] ?? ""]])));
}

describe("runOrchestrator()", () => {
  it("runs a diamond graph as soon as dependencies complete", async () => {
    const config = makeOrchestratorConfig([
      { name: "a" },
      { name: "b", dependencies: ["a"] },
      { name: "c", dependencies: ["a"] },
      { name: "d", dependencies: ["b", "c"] },
    ], { orchestrator: { max_parallel: 2 } });
    const r = await run(config, { a: { seconds: 10 }, b: { seconds: 20 }, c: { seconds: 30 }, d: { seconds: 10 } });
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 0, 10, 0],
      b: ["completed", null, 10, 20, 0],
      c: ["completed", null, 10, 30, 0],
      d: ["completed", null, 40, 10, 0],
    });
    assert.equal(r.status, "ok");
    assert.equal(r.report.summary.total_duration_seconds, 50);
    assert.equal(r.report.summary.total_rows_processed, 400);
    assert.equal(r.report.summary.success_rate, 100);
  });

  it("runs a chain one step after the other whatever max_parallel is", async () => {
    const config = makeOrchestratorConfig([
      { name: "c", dependencies: ["b"] },
      { name: "b", dependencies: ["a"] },
      { name: "a" },
    ], { orchestrator: { max_parallel: 8 } });
    const r = await run(config, { a: { seconds: 5 }, b: { seconds: 7 }, c: { seconds: 3 } });
    expectRows(r.report, r.csvRows, {
      c: ["completed", null, 12, 3, 0],
      b: ["completed", null, 5, 7, 0],
      a: ["completed", null, 0, 5, 0],
    });
    assert.equal(r.status, "ok");
  });

  it("starts ready steps by priority (lower first), then longest remaining path", async () => {
    const config = makeOrchestratorConfig([
      { name: "low", priority: 5 },
      { name: "short", priority: 1 },
      { name: "long", priority: 1 },
      { name: "tail", priority: 1, dependencies: ["long"] },
      { name: "high", priority: 0 },
    ], { orchestrator: { max_parallel: 1 } });
    const r = await run(config);
    assert.deepEqual(r.trace.starts.map((s) => s.step), ["high", "long", "short", "tail", "low"]);
    expectRows(r.report, r.csvRows, {
      low: ["completed", null, 40, 10, 0],
      short: ["completed", null, 20, 10, 0],
      long: ["completed", null, 10, 10, 0],
      tail: ["completed", null, 30, 10, 0],
      high: ["completed", null, 0, 10, 0],
    });
    assert.equal(r.status, "ok");
  });

  it("never runs more than max_parallel steps at once, in either mode", async () => {
    const steps = Array.from({ length: 9 }, (_, i) => ({ name: `s${i}` }));
    const behaviours = Object.fromEntries(steps.map((s, i) => [s.name, { seconds: 3 + ((i * 7) % 11) }]));
    const queue = await run(makeOrchestratorConfig(steps, { orchestrator: { max_parallel: 3 } }), behaviours);
    assert.equal(queue.trace.maxConcurrent, 3);
    assert.equal(queue.outcome.peakParallel, 3);
    const groups = await run(
      makeOrchestratorConfig(steps, { orchestrator: { max_parallel: 2 }, parallel_groups: [steps.slice(0, 5).map((s) => s.name), steps.slice(5).map((s) => s.name)] }),
      behaviours,
    );
    assert.equal(groups.trace.maxConcurrent, 2);
    for (const r of [queue, groups]) {
      assert.equal(r.status, "ok");
      assert.ok(r.report.platforms.every((p) => p.status === "completed"));
      assert.deepEqual(r.csvRows.map((c) => c.status), Array(9).fill("completed"));
      // At every start, the number of steps whose [start, end) covers it stays within the bound.
      for (const p of r.report.platforms) {
        const at = Date.parse(p.started_at as string);
        const overlapping = r.report.platforms.filter((q) => Date.parse(q.started_at as string) <= at && Date.parse(q.ended_at as string) > at);
        assert.ok(overlapping.length <= (r === queue ? 3 : 2));
      }
    }
  });

  it("runs parallel groups in order, members concurrently", async () => {
    const config = makeOrchestratorConfig([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }], {
      orchestrator: { max_parallel: 4 },
      parallel_groups: [["a", "b"], ["c", "d"]],
    });
    const r = await run(config, { a: { seconds: 10 }, b: { seconds: 40 }, c: { seconds: 5 }, d: { seconds: 5 } });
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 0, 10, 0],
      b: ["completed", null, 0, 40, 0],
      c: ["completed", null, 40, 5, 0],
      d: ["completed", null, 40, 5, 0],
    });
    assert.equal(r.report.mode, "groups");
    assert.equal(r.status, "ok");
  });

  it("runs one step at a time in dependency-then-priority order when parallel_execution is false", async () => {
    const config = makeOrchestratorConfig([
      { name: "a", priority: 3 },
      { name: "b", priority: 1, dependencies: ["a"] },
      { name: "c", priority: 2 },
    ], { orchestrator: { parallel_execution: false, max_parallel: 4 } });
    const r = await run(config);
    assert.equal(r.report.mode, "sequential");
    assert.equal(r.trace.maxConcurrent, 1);
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 10, 10, 0],
      b: ["completed", null, 20, 10, 0],
      c: ["completed", null, 0, 10, 0],
    });
    assert.equal(r.status, "ok");
  });

  it("aborts a step at its timeout and marks it timed_out, even when the pipeline ignores the signal", async () => {
    const config = makeOrchestratorConfig([
      { name: "slow", timeout: 30, retry: RETRY3 },
      { name: "stuck", timeout: 20 },
      { name: "fast" },
    ], { orchestrator: { max_parallel: 3 } });
    const r = await run(config, { slow: { seconds: 100 }, stuck: { seconds: 500, ignoreAbort: true }, fast: { seconds: 10 } });
    expectRows(r.report, r.csvRows, {
      slow: ["timed_out", null, 0, 30, 0],
      stuck: ["timed_out", null, 0, 20, 0],
      fast: ["completed", null, 0, 10, 0],
    });
    assert.equal(r.report.platforms[0]?.error_message, "Timed out after 30s");
    assert.equal(r.csvRows[1]?.error_message, "Timed out after 20s");
    assert.deepEqual(r.trace.aborted.sort(), ["slow", "stuck"]);
    assert.equal(r.report.summary.failed, 2);
    assert.equal(r.report.summary.timed_out, 2);
    assert.equal(r.status, "partial");
  });

  it("aborts running steps at the global timeout and skips the rest", async () => {
    const config = makeOrchestratorConfig([
      { name: "a" },
      { name: "b", dependencies: ["a"] },
      { name: "c", dependencies: ["b"] },
      { name: "d", priority: 200 },
    ], { orchestrator: { max_parallel: 1, global_timeout: 50 } });
    const r = await run(config, { a: { seconds: 30 }, b: { seconds: 40 }, d: { seconds: 5 } });
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 0, 30, 0],
      b: ["timed_out", null, 30, 20, 0],
      c: ["skipped", "upstream_failed", null, 0, 0],
      d: ["skipped", "global_timeout", null, 0, 0],
    });
    assert.equal(r.report.platforms[1]?.error_message, "Global timeout of 50s exceeded");
    assert.equal(r.report.summary.total_duration_seconds, 50);
    assert.equal(r.status, "partial");
  });

  it("retries a failing step with exponential backoff and succeeds", async () => {
    const config = makeOrchestratorConfig([{ name: "flaky", retry: RETRY3 }]);
    const r = await run(config, { flaky: { seconds: 10, failures: 2, rows: 42 } });
    // 10 s fail, 60 s backoff, 10 s fail, 120 s backoff, 10 s success.
    assert.deepEqual(r.trace.starts.map((s) => s.at / 1000), [0, 70, 200]);
    expectRows(r.report, r.csvRows, { flaky: ["completed", null, 0, 210, 2] });
    assert.equal(r.report.platforms[0]?.rows_processed, 42);
    assert.equal(r.report.platforms[0]?.error_message, null);
    assert.equal(r.status, "ok");
  });

  it("fails a step once its retries are exhausted, with the backoff capped and jittered", async () => {
    const config = makeOrchestratorConfig([
      { name: "broken", retry: { max_attempts: 3, backoff_seconds: 100, backoff_multiplier: 10, max_backoff_seconds: 150 } },
    ]);
    const r = await run(config, { broken: { seconds: 10, alwaysFail: true, error: "API said no" } }, () => ({ random: () => 0.5 }));
    // Delays 100 and min(1000, 150) = 150, each plus 5% (half of the 10% jitter).
    assert.deepEqual(r.trace.starts.map((s) => s.at / 1000), [0, 115, 282.5]);
    expectRows(r.report, r.csvRows, { broken: ["failed", null, 0, 292.5, 2] });
    assert.equal(r.csvRows[0]?.error_message, "API said no");
    assert.equal(r.report.summary.success_rate, 0);
    assert.equal(r.status, "failed");
  });

  it("does not retry a failure marked not retriable", async () => {
    const r = await run(makeOrchestratorConfig([{ name: "cfg", retry: RETRY3 }, { name: "ok" }]), { cfg: { alwaysFail: true, permanent: true, error: "No profile" } });
    expectRows(r.report, r.csvRows, { cfg: ["failed", null, 0, 10, 0], ok: ["completed", null, 0, 10, 0] });
    assert.equal(r.trace.starts.filter((s) => s.step === "cfg").length, 1);
    assert.equal(r.status, "partial");
  });

  it("stops starting steps at the first failure inside a group when continue_on_failure is false", async () => {
    const config = makeOrchestratorConfig([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }], {
      orchestrator: { max_parallel: 2, continue_on_failure: false },
      parallel_groups: [["a", "b", "c"], ["d"]],
    });
    const r = await run(config, { a: { seconds: 5, alwaysFail: true }, b: { seconds: 20 }, c: { seconds: 1 } });
    expectRows(r.report, r.csvRows, {
      a: ["failed", null, 0, 5, 0],
      b: ["completed", null, 0, 20, 0],
      c: ["skipped", "stopped", null, 0, 0],
      d: ["skipped", "stopped", null, 0, 0],
    });
    assert.equal(r.outcome.stopped, true);
    assert.equal(r.status, "internal_error");
  });

  it("skips steps downstream of a failure with upstream_failed, never failed", async () => {
    const config = makeOrchestratorConfig([
      { name: "a" },
      { name: "b", dependencies: ["a"] },
      { name: "c", dependencies: ["b"] },
      { name: "d" },
    ], { orchestrator: { max_parallel: 2 } });
    const r = await run(config, { a: { seconds: 5, alwaysFail: true } });
    expectRows(r.report, r.csvRows, {
      a: ["failed", null, 0, 5, 0],
      b: ["skipped", "upstream_failed", null, 0, 0],
      c: ["skipped", "upstream_failed", null, 0, 0],
      d: ["completed", null, 0, 10, 0],
    });
    assert.equal(r.report.summary.failed, 1);
    assert.equal(r.report.summary.skipped, 2);
    assert.equal(r.status, "partial");
  });

  it("skips disabled steps with reason disabled and runs their dependents", async () => {
    const config = makeOrchestratorConfig([
      { name: "a" },
      { name: "off", enabled: false },
      { name: "marts", dependencies: ["a", "off"] },
    ]);
    const r = await run(config);
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 0, 10, 0],
      off: ["skipped", "disabled", null, 0, 0],
      marts: ["completed", null, 10, 10, 0],
    });
    assert.equal(r.report.summary.success_rate, 100);
    assert.equal(r.status, "ok");
  });

  it("does not call running nothing a success", async () => {
    const r = await run(makeOrchestratorConfig([{ name: "a", enabled: false }]));
    expectRows(r.report, r.csvRows, { a: ["skipped", "disabled", null, 0, 0] });
    assert.equal(r.status, "config_error");
  });

  it("aborts running steps on interrupt, skips the rest and still reports", async () => {
    const config = makeOrchestratorConfig([
      { name: "a" },
      { name: "b", dependencies: ["a"] },
      { name: "c" },
    ], { orchestrator: { max_parallel: 2 } });
    const r = await run(config, { a: { seconds: 10 }, b: { seconds: 10 }, c: { seconds: 60 } }, (clock) => {
      const controller = new AbortController();
      clock.sleep(15_000).then(() => controller.abort());
      return { signal: controller.signal };
    });
    expectRows(r.report, r.csvRows, {
      a: ["completed", null, 0, 10, 0],
      b: ["interrupted", null, 10, 5, 0],
      c: ["interrupted", null, 0, 15, 0],
    });
    assert.deepEqual(r.trace.aborted.sort(), ["b", "c"]);
    assert.equal(r.status, "interrupted");
  });

  it("skips every step with reason interrupted when the signal is already aborted", async () => {
    const r = await run(makeOrchestratorConfig([{ name: "a" }]), {}, () => ({ signal: AbortSignal.abort() }));
    expectRows(r.report, r.csvRows, { a: ["skipped", "interrupted", null, 0, 0] });
    assert.equal(r.status, "interrupted");
  });

  it("runs the seed's example orchestrator_config.yml unchanged", async () => {
    const text = await readFile(new URL("./fixtures/orchestrator_config.yml", import.meta.url), "utf8");
    const config = v.parse(OrchestratorConfigSchema, parseYaml(text));
    const r = await run(config, { microsoft: { seconds: 930, rows: 15234, tables: 5 }, google: { seconds: 300 }, linkedin: { seconds: 100 }, facebook: { seconds: 200 } });
    assert.equal(r.report.mode, "groups");
    assert.deepEqual(r.plan.groups, [["microsoft", "google"], ["linkedin", "facebook"]]);
    assert.equal(r.plan.warnings.length, 2);
    expectRows(r.report, r.csvRows, {
      microsoft: ["completed", null, 0, 930, 0],
      linkedin: ["completed", null, 930, 100, 0],
      google: ["completed", null, 0, 300, 0],
      facebook: ["completed", null, 930, 200, 0],
    });
    assert.deepEqual(r.report.platforms.map((p) => p.platform_id), ["microsoft_ads", "linkedin", "google_ads", "meta"]);
    assert.equal(r.report.summary.total_rows_processed, 15534);
    assert.equal(r.status, "ok");
  });

  it("runs only the selected platforms, and their dependencies with withDeps", async () => {
    const config = makeOrchestratorConfig([
      { name: "google" },
      { name: "facebook" },
      { name: "marts", dependencies: ["google", "facebook"] },
    ]);
    const alone = await run(config, {}, () => ({ platforms: ["marts"] }));
    expectRows(alone.report, alone.csvRows, { marts: ["completed", null, 0, 10, 0] });
    const withDeps = await run(config, {}, () => ({ platforms: ["marts"], withDeps: true }));
    expectRows(withDeps.report, withDeps.csvRows, {
      google: ["completed", null, 0, 10, 0],
      facebook: ["completed", null, 0, 10, 0],
      marts: ["completed", null, 10, 10, 0],
    });
  });

  it("returns configuration errors instead of running", async () => {
    const clock = createFakeClock();
    const { registry } = createFakeRegistry(clock);
    const config = makeOrchestratorConfig([
      { name: "google", dependencies: ["marts"] },
      { name: "marts", dependencies: ["google"] },
      { name: "gogle" },
    ], { parallel_groups: [["marts"], ["google", "nope"]] });
    const result = await runOrchestrator(config, { registry, clock, exitCodeFor: seedExitCodeFor });
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      "Unknown platform 'gogle' in platforms. Registered pipelines: microsoft, linkedin, facebook, google, tiktok, marts, metrics, health",
      "Parallel group 2 names 'nope', for which no pipeline is registered. Registered pipelines: microsoft, linkedin, facebook, google, tiktok, marts, metrics, health",
      "Dependency cycle: google -> marts -> google",
      "Platform 'marts' depends on 'google' but runs in parallel group 1, before 'google' (group 2)",
    ]);
  });
});
