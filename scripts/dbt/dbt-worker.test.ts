// Runs REAL dbt (dbt/.venv) in the worker on a tiny temporary DuckDB project: one
// process serves several invocations with the CLI's exit codes and JSON log lines.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import type { DbtInvocation } from "./dbt-cli.ts";
import { createDbtWorker } from "./dbt-worker.ts";
import { parseDbtLogLine } from "./log-events.ts";
import { createFakeDbtCli } from "./testing.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const python = join(repo, "dbt/.venv/bin/python");
const hasDbt = await stat(python).then(() => true, () => false);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("createDbtWorker() with real dbt", { skip: hasDbt ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, () => {
  let dir = "";
  const env = { PATH: process.env.PATH ?? "" };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "adops-dbt-worker-"));
    await mkdir(join(dir, "models"), { recursive: true });
    await writeFile(join(dir, "dbt_project.yml"), "name: tiny\nversion: '1.0'\nprofile: tiny\nconfig-version: 2\nmodel-paths: [models]\n");
    await writeFile(join(dir, "profiles.yml"), "tiny:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('DBT_DUCKDB_PATH') }}\"\n      threads: 1\n");
    await writeFile(join(dir, "models/one.sql"), "select 1 as a\n");
    await writeFile(join(dir, "models/broken.sql"), "select no_such_column from {{ ref('one') }}\n");
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function invocation(args: string[], target: string, lines: string[], warehouse = "w.duckdb"): DbtInvocation {
    return {
      args: [...args, "--project-dir", dir, "--profiles-dir", dir, "--target-path", join(dir, target), "--log-format", "json", "--no-use-colors"],
      cwd: dir,
      env: { DBT_DUCKDB_PATH: join(dir, warehouse) },
      lane: `duckdb:${warehouse}`,
      onLine: (line, stream) => stream === "stdout" && lines.push(line),
    };
  }

  it("createDbtWorker() runs invocations in one process with the CLI's exit codes and events, and stops on close()", async () => {
    const worker = createDbtWorker({ python, env, fallback: createFakeDbtCli([{ exitCode: 99 }]), maxProcesses: 2 });
    const ok: string[] = [];
    const bad: string[] = [];
    const failing: string[] = [];
    // Same lane: the second waits for the first (one DuckDB writer), in the same process.
    const [first, second] = await Promise.all([
      worker.run(invocation(["run", "--select", "one"], "t1", ok)),
      worker.run(invocation(["run", "--select", "state:modified"], "t2", bad)),
    ]);
    assert.equal(worker.pids().length, 1);
    const pid = worker.pids()[0] as number;
    const third = await worker.run(invocation(["run", "--select", "broken"], "t3", failing, "other.duckdb"));

    assert.deepEqual([first.exitCode, second.exitCode, third.exitCode], [0, 2, 1]);
    const okEvents = ok.map(parseDbtLogLine);
    assert.ok(okEvents.some((e) => e?.kind === "version"));
    assert.ok(okEvents.some((e) => e?.kind === "node-finish" && e.uniqueId === "model.tiny.one" && e.status === "ok"));
    assert.ok(bad.map(parseDbtLogLine).some((e) => e?.kind === "error" && /state selector/.test(e.message)), "the bad select is dbt's MainEncounteredError");
    assert.ok(failing.map(parseDbtLogLine).some((e) => e?.kind === "node-finish" && e.uniqueId === "model.tiny.broken" && e.status === "error"));
    assert.equal(ok.filter((l) => bad.includes(l)).length, 0, "each invocation gets only its own lines");
    const results = JSON.parse(await readFile(join(dir, "t1", "run_results.json"), "utf8")) as { args: { which: string } };
    assert.equal(results.args.which, "run");
    await stat(join(dir, "other.duckdb"));
    assert.deepEqual(worker.pids(), [pid], "a failing invocation does not stop the worker");
    assert.equal(worker.fallbackReason, undefined);

    await worker.close();
    assert.deepEqual(worker.pids(), []);
    assert.equal(isRunning(pid), false);
  });

  it("createDbtWorker() reports a usage error like the CLI and stops an aborted invocation with 130", async () => {
    const worker = createDbtWorker({ python, env, fallback: createFakeDbtCli([{ exitCode: 99 }]) });
    try {
      worker.warm();
      const usage = await worker.run({ args: ["run", "--no-such-flag"], cwd: dir, env: {} });
      assert.equal(worker.pids().length, 1, "the invocation took the warmed process");
      assert.equal(usage.exitCode, 2);
      assert.match(usage.stderr, /No such option/);
      const controller = new AbortController();
      const lines: string[] = [];
      const run = worker.run({ ...invocation(["run", "--select", "one"], "t4", lines), signal: controller.signal, onLine: () => controller.abort() });
      assert.equal((await run).exitCode, 130);
      assert.equal((await worker.run(invocation(["run", "--select", "one"], "t5", lines))).exitCode, 0, "a new process takes over");
    } finally {
      await worker.close();
    }
  });
});

describe("createDbtWorker() without a Python", () => {
  it("createDbtWorker() runs every invocation through the fallback when the worker cannot start", async () => {
    const fallback = createFakeDbtCli([{ exitCode: 0, stdout: ["hello"] }]);
    const reasons: string[] = [];
    const worker = createDbtWorker({ python: "/nonexistent/python", env: {}, fallback, onFallback: (r) => reasons.push(r) });
    const lines: string[] = [];
    const first = await worker.run({ args: ["build"], cwd: "/p", onLine: (l) => lines.push(l) });
    const second = await worker.run({ args: ["source", "freshness"], cwd: "/p" });
    await worker.close();
    assert.deepEqual([first.exitCode, second.exitCode], [0, 0]);
    assert.deepEqual(fallback.calls.map((c) => c.args.join(" ")), ["build", "source freshness"]);
    assert.deepEqual(lines, ["hello"]);
    assert.equal(reasons.length, 1, "told once");
    assert.ok(worker.fallbackReason !== undefined);
  });
});
