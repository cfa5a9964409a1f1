import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineCommand } from "../cli/command.ts";
import { ConfigError } from "../cli/errors.ts";
import { createLogger } from "../cli/logger.ts";
import { createRedactor } from "../cli/redact.ts";
import { makeConfig, makeConnection, makeTenant } from "../config/testing.ts";
import { createFakeClock } from "../runtime/fake-clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { createFakeSyncApi } from "../sync/testing.ts";
import { createCommandPort, createSyncPort } from "./pipeline-ports.ts";
import { createPipelines, type PipelinePorts } from "./platform-pipelines.ts";

const log = createLogger(() => {}, { level: "error" });
const signal = new AbortController().signal;

function fakePorts(overrides: Partial<PipelinePorts> = {}): PipelinePorts & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    syncPlatform(platformId) {
      calls.push(`sync ${platformId}`);
      return Promise.resolve({ connections: 2, succeeded: 2, records: 500, failures: [] });
    },
    runCommand(argv) {
      calls.push(argv.join(" "));
      return Promise.resolve({ exitCode: 0, json: { rows: [{ status: "success", rows_affected: 7 }, { status: "pass" }, { status: "skipped" }] } });
    },
    ...overrides,
  };
}

describe("createPipelines()", () => {
  it("syncs a platform's connections, then builds its dbt models", async () => {
    const ports = fakePorts();
    const outcome = await createPipelines(ports).facebook?.run({ step: "facebook", platformId: "meta", attempt: 1, log }, signal);
    assert.deepEqual(ports.calls, ["sync meta", "dbt --steps build --select path:models/staging/meta"]);
    assert.deepEqual(outcome, { rows_processed: 507, tables_processed: 2 });
  });

  it("fails the step without running dbt when a connection did not sync", async () => {
    const ports = fakePorts({
      syncPlatform: () => Promise.resolve({ connections: 3, succeeded: 2, records: 10, failures: ["acme/google_ads_metrics: failed (quota)"] }),
    });
    await assert.rejects(
      createPipelines(ports).google?.run({ step: "google", platformId: "google_ads", attempt: 1, log }, signal) as Promise<unknown>,
      /Sync failed for 1 of 3 google_ads connection\(s\): acme\/google_ads_metrics: failed \(quota\)/,
    );
    assert.deepEqual(ports.calls, []);
  });

  it("runs the shared steps' commands and marks a config error as not retriable", async () => {
    const ports = fakePorts({ runCommand: (argv) => Promise.resolve({ exitCode: argv[0] === "health" ? 1 : 0, json: {} }) });
    const pipelines = createPipelines(ports);
    assert.deepEqual(await pipelines.marts?.run({ step: "marts", platformId: undefined, attempt: 1, log }, signal), { rows_processed: 0, tables_processed: 0 });
    await assert.rejects(pipelines.health?.run({ step: "health", platformId: undefined, attempt: 1, log }, signal) as Promise<unknown>, (error: unknown) => {
      assert.match(String(error), /'adops health' exited with 1/);
      assert.equal((error as { retriable?: boolean }).retriable, false);
      return true;
    });
  });
});

describe("createSyncPort()", () => {
  it("forces a sync of the platform's connections and re-syncs only failed ones on retry", async () => {
    const clock = createFakeClock();
    const tenant = makeTenant({ slug: "acme" });
    tenant.connections = [
      makeConnection({ tenant: "acme", template: "meta_metrics", connectionId: "c1" }),
      makeConnection({ tenant: "acme", template: "meta_dims", connectionId: "c2" }),
      makeConnection({ tenant: "acme", template: "google_ads_metrics", platform: "google_ads", connectionId: "c3" }),
    ];
    const api = createFakeSyncApi({
      clock,
      connections: ["c1", "c2", "c3"].map((id) => ({ workspaceId: tenant.workspaceId, connectionId: id, name: id, status: "active" as const, managedKey: undefined })),
    });
    api.script("c1", { records: 40 });
    api.script("c2", { result: "failed", failure: { message: "Token expired", retryable: false } }, { records: 2 });
    const config = makeConfig({ tenants: [tenant] });
    config.platform.retry.max_attempts = 1;
    const sync = createSyncPort({ api, clock, log, random: () => 0 }, config);
    const first = await sync("meta", { signal, attempt: 1, log });
    assert.equal(first.connections, 2);
    assert.equal(first.records, 40);
    assert.equal(first.failures.length, 1);
    assert.match(first.failures[0] ?? "", /^acme\/meta_dims: failed/);
    const second = await sync("meta", { signal, attempt: 2, log });
    assert.deepEqual(second, { connections: 2, succeeded: 2, records: 2, failures: [] });
    assert.equal(api.jobsOf("c1").length, 1);
    assert.equal(api.jobsOf("c3").length, 0);
  });
});

describe("createCommandPort()", () => {
  it("runs a command in-process with the step's signal and maps thrown errors to exit codes", async () => {
    const seen: { signal: AbortSignal; json: boolean; select: unknown; runId: string }[] = [];
    const fake = defineCommand({
      name: "dbt",
      summary: "fake dbt",
      options: { select: { type: "string", description: "x" }, "per-source": { type: "string", description: "x" } },
      run(ctx, { values }) {
        seen.push({ signal: ctx.signal, json: ctx.json, select: values.select, runId: ctx.runId });
        if (values["per-source"] === "broken") return Promise.reject(new ConfigError("No profile"));
        return Promise.resolve({ exitCode: 0, json: { rows: [] } });
      },
    });
    const ctx = {
      cwd: ".", env: {}, clock: createFakeClock(), files: createNodeFiles("."), signal, out: () => {}, log, redactor: createRedactor({}),
      github: undefined, configDir: "config", json: false, runId: "r1",
    };
    const runCommand = createCommandPort(ctx, [fake as never]);
    const stepSignal = new AbortController().signal;
    assert.deepEqual(await runCommand(["dbt", "--select", "marts"], { signal: stepSignal, log }), { exitCode: 0, json: { rows: [] } });
    assert.equal(seen[0]?.signal, stepSignal);
    assert.equal(seen[0]?.json, true);
    assert.equal(seen[0]?.select, "marts");
    assert.equal(seen[0]?.runId, "r1-1");
    assert.deepEqual(await runCommand(["dbt", "--per-source", "broken"], { signal: stepSignal, log }), { exitCode: 1, json: null });
    await assert.rejects(runCommand(["nope"], { signal: stepSignal, log }), /No command 'nope'/);
  });

  it("runs dbt commands one at a time (DuckDB has one writer) and stops waiting on abort", async () => {
    const clock = createFakeClock();
    let running = 0;
    let most = 0;
    let runs = 0;
    const fake = defineCommand({
      name: "dbt",
      summary: "fake dbt",
      options: {},
      async run() {
        runs++;
        running++;
        most = Math.max(most, running);
        await clock.sleep(1000);
        running--;
        return { exitCode: 0, json: {} };
      },
    });
    const ctx = {
      cwd: ".", env: {}, clock, files: createNodeFiles("."), signal, out: () => {}, log, redactor: createRedactor({}),
      github: undefined, configDir: "config", json: false, runId: "r1",
    };
    const runCommand = createCommandPort(ctx, [fake as never]);
    const waiting = new AbortController();
    const first = runCommand(["dbt"], { signal, log });
    const abandoned = runCommand(["dbt"], { signal: waiting.signal, log });
    const second = runCommand(["dbt"], { signal, log });
    waiting.abort(new Error("Step aborted"));
    await assert.rejects(abandoned, /Step aborted/);
    assert.deepEqual((await Promise.all([first, second])).map((r) => r.exitCode), [0, 0]);
    assert.equal(most, 1);
    assert.equal(runs, 2);
  });
});
