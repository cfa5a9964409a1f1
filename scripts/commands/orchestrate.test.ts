import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { createFakeRegistry, type FakeBehaviour, parseCsv } from "../orchestrator/testing.ts";
import type { PipelineRegistry } from "../orchestrator/mod.ts";
import { createFakeClock, type FakeClock } from "../core/testing.ts";
import { parseCommandReport } from "../report/mod.ts";
import { createOrchestrateCommand } from "./orchestrate.ts";

const CONFIG = `orchestrator:
  parallel_execution: true
  max_parallel: 2
  continue_on_failure: true
  global_timeout: 7200
platforms:
  - name: google
    priority: 1
    timeout: 600
    retry: { max_attempts: 2, backoff_seconds: 60 }
  - name: facebook
    priority: 2
  - name: tiktok
    enabled: false
  - name: marts
    dependencies: [google, facebook, tiktok]
  - name: health
    dependencies: [marts]
`;

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-orchestrate-"));
  await mkdir(join(dir, "config"), { recursive: true });
  await writeFile(join(dir, "config/orchestrator.yml"), CONFIG);
  await writeFile(join(dir, "config/seed.yml"), await readFile(new URL("../orchestrator/fixtures/orchestrator_config.yml", import.meta.url), "utf8"));
  await writeFile(join(dir, "config/bad.yml"), "orchestrator: {}\nplatforms:\n  - name: google\n    dependencies: [gogle]\n");
});
after(() => rm(dir, { recursive: true, force: true }));

async function cli(
  argv: string[],
  options: { behaviours?: Record<string, FakeBehaviour>; env?: Record<string, string>; interruptAfterSeconds?: number } = {},
) {
  const clock: FakeClock = createFakeClock({ start: Date.UTC(2026, 10, 23, 7, 0, 0) });
  const fake = createFakeRegistry(clock, options.behaviours ?? {});
  const { trace } = fake;
  const controller = new AbortController();
  // The interrupt is timed from the first step's start: config loading does real file I/O.
  let armed = false;
  const registry: PipelineRegistry = {
    ...fake.registry,
    get(name) {
      const pipeline = fake.registry.get(name);
      if (pipeline === undefined || options.interruptAfterSeconds === undefined) return pipeline;
      return {
        run(context, signal) {
          if (!armed) clock.sleep((options.interruptAfterSeconds as number) * 1000).then(() => controller.abort());
          armed = true;
          return pipeline.run(context, signal);
        },
      };
    },
  };
  const command = createOrchestrateCommand({ registry: () => Promise.resolve(registry), random: () => 0 });
  const run = await runCliForTest(["orchestrate", ...argv], {
    cwd: dir,
    env: { ADOPS_REPORT_DIR: "out", ...options.env },
    clock,
    signal: controller.signal,
    commands: [command],
  });
  return { ...run, trace };
}

describe("adops orchestrate", () => {
  it("runs the graph, prints the seed's summary on stderr and writes both reports", async () => {
    const r = await cli(["--json"], { behaviours: { facebook: { alwaysFail: true, error: "Token expired" } } });
    assert.equal(r.exitCode, 2);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.platforms.map((p: { platform_name: string; status: string; skip_reason: string | null }) => [p.platform_name, p.status, p.skip_reason]), [
      ["google", "completed", null],
      ["facebook", "failed", null],
      ["tiktok", "skipped", "disabled"],
      ["marts", "skipped", "upstream_failed"],
      ["health", "skipped", "upstream_failed"],
    ]);
    assert.equal(json.summary.success_rate, 25);
    assert.match(r.stderr, /Execution Summary\n={60}\nTotal Platforms: {4}5\nCompleted: {10}1\nFailed: {13}1\nSkipped: {12}3\nSuccess Rate: {7}25\.0%/);
    assert.match(r.stderr, /Platform 'google' completed: 100 rows/);
    assert.match(r.stderr, /ERROR Platform 'facebook' failed: Token expired/);
    const execution = JSON.parse(await readFile(join(dir, "out/latest/orchestrate-execution.json"), "utf8"));
    assert.deepEqual(execution.platforms, json.platforms);
    const runReportText = await readFile(join(dir, json.run_report_path), "utf8");
    const runReport = JSON.parse(runReportText);
    assert.equal(runReport.command, "orchestrate");
    const typed = parseCommandReport(runReportText);
    assert.ok(typed.ok && typed.value.command === "orchestrate", `the orchestrate report reads back with its row schema: ${JSON.stringify(typed)}`);
    assert.equal(runReport.exit_code, 2);
    assert.equal(runReport.status, "partial");
    assert.deepEqual(runReport.rows, json.platforms);
    assert.equal(runReport.summary.completed, 1);
  });

  it("writes the CSV report where --report-path says", async () => {
    const r = await cli(["--report-format", "csv", "--report-path", "reports-here/run.csv"]);
    assert.equal(r.exitCode, 0);
    const rows = parseCsv(await readFile(join(dir, "reports-here/run.csv"), "utf8"));
    assert.deepEqual(rows.map((x) => [x.platform_name, x.status, x.skip_reason]), [
      ["google", "completed", ""],
      ["facebook", "completed", ""],
      ["tiktok", "skipped", "disabled"],
      ["marts", "completed", ""],
      ["health", "completed", ""],
    ]);
    assert.equal(r.result?.outputs?.report_path, "reports-here/run.csv");
  });

  it("prints the plan with --dry-run and runs nothing", async () => {
    const r = await cli(["--dry-run"]);
    assert.equal(r.exitCode, 0);
    assert.equal(r.trace.starts.length, 0);
    assert.match(r.stdout, /Execution plan: ready_queue, max_parallel 2/);
    assert.match(r.stdout, /Wave 1: google \(priority 1, timeout 600s, 2 attempts\), facebook/);
    assert.match(r.stdout, /Wave 2: marts \(priority 100, timeout 1800s, 1 attempt, after google\+facebook\)/);
    assert.match(r.stdout, /Skipped \(disabled\): tiktok/);
    const seq = await cli(["--dry-run", "--sequential", "--json"]);
    const json = JSON.parse(seq.stdout);
    assert.deepEqual(json.plan.stages, [["google"], ["facebook"], ["marts"], ["health"]]);
    const typed = parseCommandReport(await readFile(join(dir, json.run_report_path), "utf8"));
    assert.ok(typed.ok && typed.value.command === "orchestrate", `the dry run's report reads back with the orchestrate row schema: ${JSON.stringify(typed)}`);
  });

  it("runs the platforms named, with their dependencies on request", async () => {
    const r = await cli(["--platform", "marts", "--with-deps", "--json"]);
    assert.equal(r.exitCode, 0);
    assert.deepEqual(JSON.parse(r.stdout).platforms.map((p: { platform_name: string }) => p.platform_name), ["google", "facebook", "tiktok", "marts"]);
    const two = await cli(["--platform", "health,google", "--json"]);
    assert.deepEqual(JSON.parse(two.stdout).platforms.map((p: { platform_name: string; status: string }) => `${p.platform_name}:${p.status}`), ["google:completed", "health:completed"]);
  });

  it("exits 4 when --stop-on-failure stops the run", async () => {
    const r = await cli(["--stop-on-failure", "--sequential", "--json"], { behaviours: { google: { alwaysFail: true } } });
    assert.equal(r.exitCode, 4);
    assert.doesNotMatch(r.stderr, /Executing Group/);
    const statuses = JSON.parse(r.stdout).platforms.map((p: { status: string; skip_reason: string | null }) => `${p.status}:${p.skip_reason ?? ""}`);
    assert.deepEqual(statuses, ["failed:", "skipped:stopped", "skipped:disabled", "skipped:upstream_failed", "skipped:upstream_failed"]);
  });

  it("writes a job summary with the table and a gantt chart inside GitHub Actions", async () => {
    const r = await cli([], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "/summary.md", GITHUB_RUN_ID: "42" } });
    assert.equal(r.exitCode, 0);
    const md = r.appended["/summary.md"] ?? "";
    assert.match(md, /## Orchestrator: 4\/5 completed \(exit 0\)/);
    assert.match(md, /\| marts \| - \| ✅ completed \| 10\.00 \|/);
    assert.match(md, /```mermaid\ngantt/);
    assert.equal(r.result?.outputs?.status, "ok");
  });

  it("aborts on interrupt, exits 130 and still writes the report", async () => {
    const r = await cli(["--json", "--report-path", "interrupted.json"], { behaviours: { google: { seconds: 100 } }, interruptAfterSeconds: 30 });
    assert.equal(r.exitCode, 130);
    const report = JSON.parse(await readFile(join(dir, "interrupted.json"), "utf8"));
    assert.deepEqual(report.platforms.map((p: { status: string }) => p.status), ["interrupted", "completed", "skipped", "skipped", "skipped"]);
    assert.equal(report.platforms[3].skip_reason, "interrupted");
  });

  it("runs the seed's example config in group mode, logging each group", async () => {
    const r = await cli(["--orchestrator-config", "config/seed.yml", "--json"]);
    assert.equal(r.exitCode, 0);
    assert.match(r.stderr, /Executing Group 1\/2: microsoft, google\n/);
    assert.match(r.stderr, /Executing Group 2\/2: linkedin, facebook\n/);
    assert.match(r.stderr, /WARN Parallel group 1 names 'google', which is not listed under platforms: it runs with default settings/);
    const json = JSON.parse(r.stdout);
    assert.equal(json.mode, "groups");
    assert.deepEqual(json.platforms.map((p: { platform_name: string; status: string }) => `${p.platform_name}:${p.status}`), [
      "microsoft:completed",
      "linkedin:completed",
      "google:completed",
      "facebook:completed",
    ]);
  });

  it("exits 1 with file and line for an invalid config, and on conflicting flags", async () => {
    const bad = await cli(["--orchestrator-config", "config/bad.yml"]);
    assert.equal(bad.exitCode, 1);
    assert.match(bad.stderr, /config\/bad\.yml:4:\d+: error: Platform 'google' depends on 'gogle'/);
    const flags = await cli(["--parallel", "--sequential"]);
    assert.equal(flags.exitCode, 1);
    assert.match(flags.stderr, /Options --parallel and --sequential cannot be combined/);
    const max = await cli(["--max-parallel", "0"]);
    assert.equal(max.exitCode, 1);
    const unknown = await cli(["--platform", "snapchat"]);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /Platform 'snapchat' is not in orchestrator\.yml/);
  });
});
