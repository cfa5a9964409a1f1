import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "../core/mod.ts";
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
    buildPlatformModels(platformId) {
      calls.push(`models ${platformId}`);
      return Promise.resolve({ outcome: "ok", rowsProcessed: 7, tablesProcessed: 2 });
    },
    runStep(step) {
      calls.push(step);
      return Promise.resolve({ outcome: "ok", rowsProcessed: 0, tablesProcessed: 0 });
    },
    ...overrides,
  };
}

describe("createPipelines()", () => {
  it("syncs a platform's connections, then builds its dbt models", async () => {
    const ports = fakePorts();
    const outcome = await createPipelines(ports).facebook?.run({ step: "facebook", platformId: "meta", attempt: 1, log }, signal);
    assert.deepEqual(ports.calls, ["sync meta", "models meta"]);
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

  it("runs the shared steps through their port and marks a config error as not retriable", async () => {
    const ports = fakePorts({
      runStep: (step) => Promise.resolve(step === "health" ? { outcome: "config_error", rowsProcessed: 0, tablesProcessed: 0, detail: "exit 1" } : { outcome: "ok", rowsProcessed: 0, tablesProcessed: 0 }),
    });
    const pipelines = createPipelines(ports);
    assert.deepEqual(await pipelines.marts?.run({ step: "marts", platformId: undefined, attempt: 1, log }, signal), { rows_processed: 0, tables_processed: 0 });
    await assert.rejects(pipelines.health?.run({ step: "health", platformId: undefined, attempt: 1, log }, signal) as Promise<unknown>, (error: unknown) => {
      assert.match(String(error), /Step 'health' ended config_error: exit 1/);
      assert.equal((error as { retriable?: boolean }).retriable, false);
      return true;
    });
  });
});

