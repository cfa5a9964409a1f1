// Runs committed action bundles (actions/*/dist/index.js) the way the runner
// does, on real paths against the local stand-ins: a bundle that misses a
// file, or a command that only works unbundled, fails here, not on a runner.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../config/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { type LocalAirbyte, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { type SlackSink, startSlackSink } from "../standins/slack/mod.ts";

const REPO = resolve(".");
const DBT_PYTHON = join(REPO, "dbt/.venv/bin/python");
let ws = "";
let airbyte: LocalAirbyte;
let slack: SlackSink;
/** The secret env vars config names, set to stand-in values (the local Airbyte checks them like a source would). */
let secrets: Record<string, string> = {};

function runBundle(action: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<{ code: number; stderr: string; outputs: Record<string, string> }> {
  const out = join(ws, `${action}.out`);
  const entry = join(REPO, `actions/${action}/dist/index.js`);
  return new Promise((done) => {
    void writeFile(out, "").then(() => {
      const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
      execFile(process.execPath, [entry], {
        cwd: ws,
        env: {
          PATH: process.env.PATH ?? "", GITHUB_ACTIONS: "true", GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: join(ws, "summary.md"),
          GITHUB_RUN_ID: "700", GITHUB_RUN_ATTEMPT: "1", GITHUB_JOB: action, GITHUB_EVENT_NAME: "workflow_dispatch", GITHUB_REPOSITORY: "acme/adops",
          AIRBYTE_BASE_URL: airbyte.url, ADOPS_REPORT_DIR: join(ws, "reports"), ADOPS_FINGERPRINT_KEY: "f".repeat(64), ...secrets, ...inputEnv, ...env,
        },
        timeout: 240_000,
      }, (error, stdout, stderr) => {
        void readFile(out, "utf8").then((text) => {
          // name<<delimiter\nvalue\ndelimiter blocks, as @actions/core writes them.
          const outputs: Record<string, string> = {};
          for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1] as string] = m[3] as string;
          done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr: `${stdout}\n${stderr}`, outputs });
        });
      });
    });
  });
}

// The runner runs bundles with Node; under `deno test` this file has nothing to add.
const underDeno = process.env.ADOPS_TEST_RUNNER === "deno";

describe("committed action bundles on real paths", { skip: underDeno ? "bundles run under Node on the runner; Node's test run covers them" : false }, () => {
  before(async () => {
    ws = await mkdtemp(join(tmpdir(), "adops-bundles-"));
    await cp(join(REPO, "config"), join(ws, "config"), { recursive: true });
    await cp(join(REPO, "dbt"), join(ws, "dbt"), { recursive: true, filter: (src) => !/\/(\.venv|target|logs|dbt_packages)(\/|$)/.test(src) });
    const loaded = await loadConfig(createNodeFiles(ws), "config", { env: {} });
    if (!loaded.ok) throw new Error("The shipped config does not load");
    secrets = Object.fromEntries(loaded.config.secretEnvNames.filter((n) => n !== "SLACK_WEBHOOK_URL").map((n) => [n, `standin-${n.toLowerCase()}`]));
    await symlink(join(REPO, "dbt/.venv"), join(ws, "dbt/.venv")).catch(() => undefined);
    airbyte = await startLocalAirbyte({ seed: loaded.config, timeScale: 50 });
    slack = await startSlackSink();
  });
  after(async () => {
    await airbyte?.close();
    await slack?.close();
    await rm(ws, { recursive: true, force: true });
  });

  it("validate-config validates the shipped config", async () => {
    const r = await runBundle("validate-config", { config: "config" });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.valid, "true");
  });

  it("provision plans, then applies, against the local Airbyte", async () => {
    const plan = await runBundle("provision", { mode: "plan", config: "config" });
    assert.equal(plan.outputs.exit_code, "2", plan.stderr);
    const apply = await runBundle("provision", { mode: "apply", config: "config" });
    assert.equal(apply.outputs.exit_code, "0", apply.stderr);
    assert.ok(Number(apply.outputs.writes) > 0);
  });

  it("sync triggers the provisioned connections and follows them to their end", async () => {
    const r = await runBundle("sync", { config: "config", force: "true" });
    assert.equal(r.outputs.exit_code, "0", r.stderr);
    assert.ok(Number(r.outputs.synced) > 0);
  });

  it("health-check judges the syncs, and notify sends its alerts to the Slack sink", async () => {
    const health = await runBundle("health-check", { config: "config" });
    assert.match(health.outputs.exit_code ?? "", /^[023]$/, health.stderr);
    const notify = await runBundle("notify", { config: "config" }, { SLACK_WEBHOOK_URL: slack.url });
    assert.equal(notify.outputs.exit_code, "0", notify.stderr);
  });

  it("dbt-run on a missing warehouse exits 1 saying so, and generates no data into it", { skip: existsSync(DBT_PYTHON) ? false : "dbt/.venv is missing (node scripts/setup.mjs installs it)" }, async () => {
    const r = await runBundle("dbt-run", { config: "config", steps: "seed" }, {
      ADOPS_DBT_PROJECT_DIR: join(ws, "dbt"), ADOPS_DBT_BIN: join(REPO, "dbt/.venv/bin/dbt"), DBT_DUCKDB_PATH: join(ws, "warehouse.duckdb"),
    });
    assert.equal(r.outputs.exit_code, "1", r.stderr);
    assert.match(r.stderr, /No warehouse at '.*warehouse\.duckdb': nothing to transform, and adops dbt does not generate data/);
    assert.ok(!existsSync(join(ws, "warehouse.duckdb")));
  });

  it("dbt-run with seed_demo_data lands the generated history (load_jsonl.py beside the bundle) and seeds it through the dbt worker (dbt_worker.py)", { skip: existsSync(DBT_PYTHON) ? false : "dbt/.venv is missing (node scripts/setup.mjs installs it)" }, async () => {
    const r = await runBundle("dbt-run", { config: "config", steps: "seed", seed_demo_data: "true" }, {
      ADOPS_DBT_PROJECT_DIR: join(ws, "dbt"), ADOPS_DBT_BIN: join(REPO, "dbt/.venv/bin/dbt"), DBT_DUCKDB_PATH: join(ws, "demo.duckdb"),
    });
    assert.equal(r.outputs.exit_code, "0", r.stderr);
    assert.equal(r.outputs.status, "ok");
    assert.ok(existsSync(join(ws, "demo.duckdb")));
    assert.doesNotMatch(r.stderr, /dbt worker cannot start/i, "the worker script is beside the bundle");
  });
});
