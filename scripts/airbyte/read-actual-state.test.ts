import assert from "node:assert/strict";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { type LocalAirbyte, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { createAirbyteClient } from "./client.ts";
import type { FingerprintRecord } from "./fingerprint-store.ts";
import { BASELINE_READ_OPTIONS, type ReadOptions } from "./read-actual-state.ts";
import { runProvisioning } from "./run-provisioning.ts";
import { syntheticTenants } from "./testing.ts";

const TENANTS = 12;
const NEW_DESTINATION = "d0000000-0000-4000-8000-0000000000ff";

async function setup(count: number) {
  const loaded = await loadConfig(createNodeFiles(process.cwd()), "config", { env: {}, production: false });
  assert.ok(loaded.ok, "shipped config loads");
  const config = syntheticTenants(loaded.config, count);
  const env = Object.fromEntries(config.secretEnvNames.map((name) => [name, `test-${name.toLowerCase()}`]));
  const airbyte: LocalAirbyte = await startLocalAirbyte({ contractCheck: true, clock: createFakeClock(), seed: config });
  const paths: string[] = [];
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock: createFakeClock(), retry: { random: () => 0.5 }, onRequest: (path) => paths.push(path) });
  let recorded: FingerprintRecord = {};
  async function run(options: { apply?: boolean; config?: AdopsConfig; readOptions?: ReadOptions; concurrency?: number } = {}) {
    airbyte.resetCounters();
    paths.length = 0;
    const r = await runProvisioning({
      config: options.config ?? config,
      client,
      env,
      apply: options.apply ?? false,
      fingerprintKey: "test-key",
      recorded,
      concurrency: options.concurrency ?? 4,
      ...(options.readOptions ? { readOptions: options.readOptions } : {}),
    });
    if (options.apply) recorded = r.fingerprints;
    return { plan: r.plan, calls: { ...airbyte.calls }, total: Object.values(airbyte.calls).reduce((a, b) => a + b, 0), paths: [...paths] };
  }
  /** Plans with the default reads and with the baseline's; both must agree byte for byte. */
  async function planBoth(options: { config?: AdopsConfig } = {}) {
    const now = await run(options);
    const old = await run({ ...options, readOptions: BASELINE_READ_OPTIONS });
    assert.equal(JSON.stringify(now.plan), JSON.stringify(old.plan));
    return { now, old };
  }
  return { airbyte, config, run, planBoth };
}

function withDestination(config: AdopsConfig, tenant: number, destinationId: string): AdopsConfig {
  const edited = structuredClone(config);
  const t = edited.tenants[tenant];
  assert.ok(t);
  t.destinationId = destinationId;
  return edited;
}

describe("readActualState() against the local Airbyte (contract checked)", () => {
  let t: Awaited<ReturnType<typeof setup>>;
  before(async () => {
    t = await setup(TENANTS);
  });
  after(async () => {
    await t.airbyte.close();
    t.airbyte.assertContract();
  });

  it("readActualState() reads every destination on a first run, when no connection proves one, with the baseline's plan", async () => {
    const { now, old } = await t.planBoth();
    assert.equal(now.plan.summary.create, TENANTS * 4);
    assert.equal(now.calls["destinations/get"], TENANTS);
    assert.equal(now.total, 1 + 3 * TENANTS);
    // An empty workspace's first page is empty: the baseline's paging also stops there.
    assert.equal(old.total, 1 + 3 * TENANTS);
  });

  it("readActualState() runs each tenant's reads back to back as a slot frees, where the baseline waits for every tenant's lists", async () => {
    const { paths } = await t.run({ concurrency: 1 });
    assert.deepEqual(paths, ["source_definitions/list", ...Array.from({ length: TENANTS }, () => ["connections/list", "sources/list", "destinations/get"]).flat()]);
    const baseline = await t.run({ concurrency: 1, readOptions: BASELINE_READ_OPTIONS });
    assert.deepEqual(baseline.paths, [
      "source_definitions/list",
      ...Array.from({ length: TENANTS }, () => ["connections/list", "sources/list"]).flat(),
      ...Array.from({ length: TENANTS }, () => "destinations/get"),
    ]);
  });

  it("readActualState() makes exactly 2 calls per tenant for a no-op plan, where the baseline makes 4", async () => {
    await t.run({ apply: true });
    const { now, old } = await t.planBoth();
    assert.equal(now.plan.hasChanges, false);
    assert.equal(now.plan.summary.unchanged, TENANTS * 4);
    assert.deepEqual(now.calls, { "source_definitions/list": 1, "connections/list": TENANTS, "sources/list": TENANTS });
    assert.equal((now.total - 1) / TENANTS, 2);
    assert.equal((old.total - 1) / TENANTS, 4);
  });

  it("readActualState() still reads a changed destination id, and the plan is the baseline's recreate", async () => {
    t.airbyte.state.destinations[NEW_DESTINATION] = {
      id: NEW_DESTINATION,
      workspaceId: t.config.tenants[0]?.workspaceId ?? "",
      definitionId: "94bd199c-2ff0-4aa2-b98e-17f0acb72610",
      name: "new",
      configuration: {},
      createdAt: 0,
    };
    const { now } = await t.planBoth({ config: withDestination(t.config, 0, NEW_DESTINATION) });
    assert.equal(now.calls["destinations/get"], 1);
    assert.equal(now.plan.summary.recreate, 4);
    assert.equal(now.total, 1 + 2 * TENANTS + 1);
  });

  it("readActualState() reads a destination another tenant's connections use, and the plan names its workspace", async () => {
    const other = t.config.tenants[1];
    assert.ok(other);
    const { now } = await t.planBoth({ config: withDestination(t.config, 0, other.destinationId) });
    assert.equal(now.calls["destinations/get"], 1);
    const reasons = now.plan.connections.filter((c) => c.tenant === t.config.tenants[0]?.slug).flatMap((c) => c.reasons);
    assert.equal(reasons.length, 4);
    assert.match(reasons[0] ?? "", new RegExp(`belongs to workspace '${other.workspaceId}'`));
  });

  it("readActualState() reports an unknown destination as the baseline does", async () => {
    const { now } = await t.planBoth({ config: withDestination(t.config, 2, "d0000000-0000-4000-8000-00000000dead") });
    assert.equal(now.calls["destinations/get"], 1);
    assert.equal(now.plan.summary.error, 4);
  });
});
