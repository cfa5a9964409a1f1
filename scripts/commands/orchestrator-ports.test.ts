import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineCommand } from "../cli/command.ts";
import { makeConfig, makeConnection, makeTenant } from "../config/testing.ts";
import { ConfigError, createLogger, createRedactor } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { createFakeSyncApi } from "../sync/testing.ts";
import { createStepPorts, createSyncPort, stepWorkFrom } from "./orchestrator-ports.ts";

const log = createLogger(() => {}, { level: "error" });
const signal = new AbortController().signal;

describe("stepWorkFrom()", () => {
  it("counts passed nodes and affected rows, and says why a failed step failed", () => {
    assert.deepEqual(stepWorkFrom(0, { rows: [{ status: "success", rows_affected: 7 }, { status: "pass" }, { status: "skipped" }] }), { outcome: "ok", rowsProcessed: 7, tablesProcessed: 2 });
    assert.deepEqual(stepWorkFrom(2, { status: "partial", counts: { pass: 3 } }), { outcome: "partial", rowsProcessed: 0, tablesProcessed: 3, detail: "exit 2 (partial)" });
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

describe("createStepPorts()", () => {
  it("runs dbt in-process with the step's signal and its own run id, and maps thrown errors to outcomes", async () => {
    const seen: { signal: AbortSignal; json: boolean; select: unknown; runId: string }[] = [];
    const fake = defineCommand({
      name: "dbt",
      summary: "fake dbt",
      options: { select: { type: "string", description: "x" }, steps: { type: "string", description: "x" } },
      run(ctx, { values }) {
        seen.push({ signal: ctx.signal, json: ctx.json, select: values.select, runId: ctx.runId });
        return Promise.resolve({ exitCode: 0, json: { rows: [] } });
      },
    });
    const broken = defineCommand({ name: "health", summary: "fake health", options: {}, run: () => Promise.reject(new ConfigError("No profile")) });
    const ctx = {
      cwd: ".", env: {}, clock: createFakeClock(), files: createNodeFiles("."), signal, out: () => {}, log, redactor: createRedactor({}),
      github: undefined, configDir: "config", json: false, runId: "r1",
    };
    const ports = createStepPorts(ctx, { dbt: fake as never, health: broken as never });
    const stepSignal = new AbortController().signal;
    assert.deepEqual(await ports.runStep("metrics", { signal: stepSignal, log }), { outcome: "ok", rowsProcessed: 0, tablesProcessed: 0 });
    assert.equal(seen[0]?.signal, stepSignal);
    assert.equal(seen[0]?.json, true);
    assert.equal(seen[0]?.select, "path:models/metrics");
    assert.match(seen[0]?.runId ?? "", /^r1-\d+$/);
    assert.deepEqual(await ports.runStep("health", { signal: stepSignal, log }), { outcome: "config_error", rowsProcessed: 0, tablesProcessed: 0, detail: "exit 1" });
  });

  it("runs dbt commands one at a time (DuckDB has one writer) and stops waiting on abort", async () => {
    const clock = createFakeClock();
    let running = 0;
    let most = 0;
    let runs = 0;
    const fake = defineCommand({
      name: "dbt",
      summary: "fake dbt",
      options: { select: { type: "string", description: "x" }, steps: { type: "string", description: "x" } },
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
    const ports = createStepPorts(ctx, { dbt: fake as never, health: fake as never });
    const waiting = new AbortController();
    const first = ports.buildPlatformModels("meta", { signal, log });
    const abandoned = ports.runStep("marts", { signal: waiting.signal, log });
    const second = ports.runStep("metrics", { signal, log });
    waiting.abort(new Error("Step aborted"));
    await assert.rejects(abandoned, /Step aborted/);
    assert.deepEqual((await Promise.all([first, second])).map((r) => r.outcome), ["ok", "ok"]);
    assert.equal(most, 1);
    assert.equal(runs, 2);
  });
});
