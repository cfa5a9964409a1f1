// The shipped config, provisioned into the local Airbyte by the real provisioner, then synced:
// proves the engine finds every connection the way provisioning names it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createAirbyteClient, runProvisioning } from "../airbyte/mod.ts";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { type LocalAirbyte, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { createAirbyteSyncApi } from "./airbyte-sync-api.ts";
import { runSyncs } from "./run-syncs.ts";
import { selectConnections } from "./select-connections.ts";
import { createIoAwareClock, createMemoryLog, type IoAwareClock } from "./testing.ts";

let config: AdopsConfig;
let clock: IoAwareClock;
let airbyte: LocalAirbyte;

before(async () => {
  const loaded = await loadConfig(createNodeFiles(new URL("../..", import.meta.url).pathname), "config", { env: {} });
  assert.ok(loaded.ok, "the shipped config loads");
  config = loaded.config;
  // 12:45 in America/Jamaica.
  clock = createIoAwareClock({ start: Date.UTC(2026, 10, 23, 17, 45) });
  airbyte = await startLocalAirbyte({ contractCheck: true, clock: clock.view, seed: config, jobs: { durationMs: 3 * 60_000 } });
});
after(() => airbyte.close());

describe("provision then sync against the local Airbyte", () => {
  it("runSyncs() finds and syncs every active connection provisioning created, then nothing is due", async () => {
    const client = createAirbyteClient({ baseUrl: airbyte.url, clock, fetch: clock.wrapFetch(globalThis.fetch) });
    // Local stand-in values for every secret the config names (provisioning refuses to write unset ones).
    const env = Object.fromEntries(config.secretEnvNames.map((name) => [name, `local-${name.toLowerCase()}`]));
    const provisioned = await runProvisioning({ config, client, env, apply: true, fingerprintKey: "k", recorded: {} });
    assert.ok(provisioned.result !== undefined);
    const { log } = createMemoryLog(() => clock.now());
    const selection = selectConnections(config);
    const api = createAirbyteSyncApi(client);
    const first = await runSyncs({ api, clock, log, random: () => 0.5 }, selection, { concurrency: 8 });
    const byStatus = (r: typeof first) => r.outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }), {});
    const active = selection.filter((s) => s.connection.status === "active").length;
    assert.equal(first.outcomes.length, selection.length);
    assert.equal(byStatus(first).succeeded, active, JSON.stringify(first.outcomes.filter((o) => o.status !== "succeeded").map((o) => [o.tenant, o.template, o.status, o.reason])));
    assert.equal(first.outcome, "ok");
    const second = await runSyncs({ api, clock, log }, selection, { concurrency: 8 });
    assert.equal(second.summary.started, 0);
    assert.equal(second.outcome, "ok");
    airbyte.assertContract();
  });
});
