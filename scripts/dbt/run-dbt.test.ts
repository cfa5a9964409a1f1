import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import type { DbtLogEvent } from "./log-events.ts";
import type { DbtPlan, DbtStep } from "./plan-steps.ts";
import { runDbt } from "./run-dbt.ts";
import { createFakeDbtCli, dbtLogLine, dbtNodeLines, type FakeDbtRun, runResultsJson, sourcesJson } from "./testing.ts";

const build: DbtStep = { id: "build", name: "build", command: ["build"], args: ["--select", "tag:dashboard"], which: "build" };
const seed: DbtStep = { id: "seed", name: "seed", command: ["seed"], args: [], which: "seed" };
const freshness: DbtStep = { id: "freshness", name: "freshness", command: ["source", "freshness"], args: [], which: undefined };
const version = dbtLogLine("MainReportVersion", { version: "=1.11.16" }, { invocation_id: "inv-1" });

function plan(...steps: DbtStep[]): DbtPlan {
  return { mode: "full", notes: [], steps };
}

function buildRun(exitCode: number, results: { uniqueId: string; status: string; failures?: number; message?: string }[], extra: Partial<FakeDbtRun> = {}): FakeDbtRun {
  return {
    exitCode,
    stdout: [version, ...results.flatMap((r, i) => dbtNodeLines(r.uniqueId, { status: r.status, index: i + 1, total: results.length }))],
    artifacts: { "run_results.json": runResultsJson({ which: "build", results }) },
    ...extra,
  };
}

async function run(runs: FakeDbtRun[], steps: DbtStep[], extra: { vars?: Record<string, unknown>; target?: string } = {}) {
  const cli = createFakeDbtCli(runs);
  const result = await runDbt(plan(...steps), { cli, files: cli.files, clock: createFakeClock(), projectDir: "/p", targetRoot: "/p/target/adops/r1", ...extra });
  return { cli, result };
}

describe("runDbt() exit codes", () => {
  it("maps dbt 0 to 0", async () => {
    const { result } = await run([buildRun(0, [{ uniqueId: "model.adops.a", status: "success" }, { uniqueId: "test.adops.t.x", status: "pass" }])], [build]);
    assert.equal(result.outcome, "ok");
    assert.deepEqual(result.counts, { pass: 2, warn: 0, error: 0, skip: 0, noop: 0, total: 2 });
  });

  it("maps dbt 0 with a warning test to 0 and counts the warning", async () => {
    const { result } = await run([buildRun(0, [{ uniqueId: "model.adops.a", status: "success" }, { uniqueId: "test.adops.t.x", status: "warn", failures: 3 }])], [build]);
    assert.equal(result.outcome, "ok");
    assert.equal(result.counts.warn, 1);
  });

  it("maps dbt 1 with some nodes passing to 2 (partial) and counts skipped children", async () => {
    const { result } = await run([buildRun(1, [{ uniqueId: "model.adops.a", status: "success" }, { uniqueId: "test.adops.t.x", status: "fail", failures: 2 }, { uniqueId: "model.adops.b", status: "skipped" }])], [build]);
    assert.equal(result.outcome, "partial");
    assert.deepEqual(result.counts, { pass: 1, warn: 0, error: 1, skip: 1, noop: 0, total: 3 });
    assert.equal(result.outcomes[0]?.nodes.find((n) => n.status === "fail")?.failures, 2);
  });

  it("maps dbt 1 with nothing succeeding to 3", async () => {
    const { result } = await run([buildRun(1, [{ uniqueId: "model.adops.a", status: "error", message: "Binder Error" }, { uniqueId: "model.adops.b", status: "skipped" }])], [build]);
    assert.equal(result.outcome, "failed");
    assert.equal(result.outcomes[0]?.nodes[0]?.message, "Binder Error");
  });

  it("maps dbt 2 to 1 with dbt's own error, ignores the artifact and starts no further step", async () => {
    const rc2: FakeDbtRun = { exitCode: 2, stdout: [version, dbtLogLine("MainEncounteredError", { exc: "Runtime Error\n  Could not find profile named 'adops'" })], artifacts: { "run_results.json": runResultsJson({ which: "build", results: [{ uniqueId: "model.adops.old", status: "success" }] }) } };
    const { cli, result } = await run([rc2], [build, freshness]);
    assert.equal(result.outcome, "config_error");
    assert.equal(result.outcomes.length, 1);
    assert.equal(result.outcomes[0]?.status, "not_run");
    assert.match(result.outcomes[0]?.error ?? "", /Could not find profile named 'adops'/);
    assert.deepEqual(result.outcomes[0]?.nodes, []);
    assert.deepEqual(result.notStarted.map((s) => s.id), ["freshness"]);
    assert.equal(cli.calls.length, 1);
  });

  it("surfaces a click usage error from stderr or a plain-text stdout line when dbt 2 has no JSON error", async () => {
    const { result } = await run([{ exitCode: 2, stderr: "Usage: dbt build [OPTIONS]\nError: Invalid value for '--vars': not valid YAML\n" }], [build]);
    assert.equal(result.outcomes[0]?.error, "Error: Invalid value for '--vars': not valid YAML");
    const text = await run([{ exitCode: 2, stdout: ["Encountered an error: something plain"] }], [build]);
    assert.equal(text.result.outcomes[0]?.error, "Encountered an error: something plain");
  });
});

describe("runDbt() artifacts and progress", () => {
  it("gives each step its own target path and passes vars as one JSON argument", async () => {
    const { cli } = await run([{ ...buildRun(0, []), artifacts: { "run_results.json": runResultsJson({ which: "seed", results: [] }) } }, buildRun(0, [])], [seed, build], { vars: { enable_tiktok: true, tenants: [{ slug: "a b" }] }, target: "ci" });
    const targets = cli.calls.map((c) => c.args[c.args.indexOf("--target-path") + 1]);
    assert.deepEqual(targets, ["/p/target/adops/r1/1-seed", "/p/target/adops/r1/2-build"]);
    const args = cli.calls[1]?.args ?? [];
    assert.equal(args[args.indexOf("--vars") + 1], '{"enable_tiktok":true,"tenants":[{"slug":"a b"}]}');
    assert.equal(args[args.indexOf("--target") + 1], "ci");
    assert.ok(args.includes("--log-format") && args.includes("--no-use-colors"));
    assert.deepEqual(args.slice(-2), ["--select", "tag:dashboard"]);
  });

  it("does not trust a run_results.json another command wrote and falls back to the log", async () => {
    const stale = buildRun(1, [{ uniqueId: "model.adops.a", status: "success" }, { uniqueId: "model.adops.b", status: "error" }], { artifacts: { "run_results.json": runResultsJson({ which: "docs", results: [] }) } });
    const { result } = await run([stale], [build]);
    assert.match(result.outcomes[0]?.artifactProblem ?? "", /written by 'dbt docs', not 'dbt build'/);
    assert.deepEqual(result.outcomes[0]?.nodes.map((n) => `${n.name}:${n.status}`), ["a:success", "b:error"]);
    assert.equal(result.outcome, "partial");
  });

  it("does not trust a run_results.json from another invocation or from before the step", async () => {
    const other = buildRun(0, [], { artifacts: { "run_results.json": runResultsJson({ which: "build", invocationId: "inv-0", results: [{ uniqueId: "model.adops.a", status: "success" }] }) } });
    assert.match((await run([other], [build])).result.outcomes[0]?.artifactProblem ?? "", /invocation 'inv-0'/);
    const old = buildRun(0, [], { stdout: [], artifacts: { "run_results.json": runResultsJson({ which: "build", generatedAt: "2026-11-22T12:00:00", results: [] }) } });
    assert.match((await run([old], [build])).result.outcomes[0]?.artifactProblem ?? "", /before the step started/);
  });

  it("adds a source whose freshness query failed, which dbt leaves out of sources.json", async () => {
    const fresh: FakeDbtRun = {
      exitCode: 1,
      stdout: [
        version,
        dbtLogLine("LogStartLine", { node_info: { unique_id: "source.adops.meta.ads_insights" }, index: 1, total: 2 }),
        dbtLogLine("LogStartLine", { node_info: { unique_id: "source.adops.google_ads.campaign_performance" }, index: 2, total: 2 }),
        dbtLogLine("RunResultError", {}, { level: "error", msg: "Runtime Error in source campaign_performance (models/staging/google_ads/_google_ads__sources.yml)\n  Catalog Error" }),
      ],
      artifacts: { "sources.json": sourcesJson({ results: [{ uniqueId: "source.adops.meta.ads_insights", status: "warn", hoursAgo: 30 }] }) },
    };
    const { result } = await run([fresh], [freshness]);
    const nodes = result.outcomes[0]?.nodes ?? [];
    assert.deepEqual(nodes.map((n) => `${n.unique_id}:${n.status}`), ["source.adops.meta.ads_insights:warn", "source.adops.google_ads.campaign_performance:runtime error"]);
    assert.match(nodes[0]?.message ?? "", /\(30 h ago\)/);
    assert.match(nodes[1]?.message ?? "", /Catalog Error/);
    assert.equal(result.outcome, "partial");
  });

  it("calls the hooks for each step and each node event, in order", async () => {
    const events: string[] = [];
    const cli = createFakeDbtCli([buildRun(0, [{ uniqueId: "model.adops.a", status: "success" }])]);
    await runDbt(plan(build), {
      cli,
      files: cli.files,
      clock: createFakeClock(),
      projectDir: "/p",
      targetRoot: "/t",
      hooks: {
        onStepStart: ({ step, index, total }) => events.push(`start ${step.id} ${index + 1}/${total}`),
        onEvent: (e: DbtLogEvent) => events.push(e.kind),
        onStepFinished: ({ outcome }) => events.push(`done ${outcome.status}`),
      },
    });
    assert.deepEqual(events, ["start build 1/1", "version", "node-start", "node-finish", "done ok"]);
  });

  it("starts no step once the signal has aborted", async () => {
    const cli = createFakeDbtCli([buildRun(0, [])]);
    const controller = new AbortController();
    controller.abort();
    const result = await runDbt(plan(seed, build), { cli, files: cli.files, clock: createFakeClock(), projectDir: "/p", targetRoot: "/t", signal: controller.signal });
    assert.equal(cli.calls.length, 0);
    assert.deepEqual(result.notStarted.map((s) => s.id), ["seed", "build"]);
  });
});
