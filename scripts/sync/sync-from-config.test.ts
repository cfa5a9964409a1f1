import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PlatformConfig } from "../../schemas/mod.ts";
import { makeConfig, makeConnection, makePlatformConfig, makeTenant } from "../config/testing.ts";
import { createFakeClock } from "../core/testing.ts";
import { syncFromConfig } from "./sync-from-config.ts";
import { createFakeSyncApi, createMemoryLog } from "./testing.ts";

// 12:45 in America/Jamaica: the hourly slot opened at 12:00.
const NOW = Date.UTC(2026, 10, 23, 17, 45);
const MINUTE = 60_000;

/** One connection whose job's counts freeze 2 minutes in, under `platform.sync`. */
async function frozenRun(sync: PlatformConfig["sync"]) {
  const clock = createFakeClock({ start: NOW });
  const connection = makeConnection({ connectionId: "c0", timeoutMinutes: 120 });
  const tenant = makeTenant({ connections: [connection] });
  const config = makeConfig({ platform: makePlatformConfig(sync === undefined ? {} : { sync }), tenants: [tenant] });
  const api = createFakeSyncApi({ clock, connections: [{ workspaceId: tenant.workspaceId, connectionId: "c0", name: connection.name, status: "active", managedKey: connection.managedKey }] });
  api.script("c0", { durationMs: 20 * MINUTE, hang: true });
  const { log } = createMemoryLog(() => clock.now());
  const result = await syncFromConfig({ api, clock, log, random: () => 0.5 }, config, { force: true });
  const outcome = result.outcomes[0];
  return { status: outcome?.status, declaredAfterMs: (outcome?.endedAt ?? Infinity) - (NOW + 2 * MINUTE) };
}

describe("syncFromConfig() and platform.yml sync:", () => {
  it("syncFromConfig() declares a frozen job stuck within 10 minutes when platform.yml sets no thresholds", async () => {
    const run = await frozenRun(undefined);
    assert.equal(run.status, "stuck");
    assert.ok(run.declaredAfterMs <= 10 * MINUTE, `declared after ${run.declaredAfterMs / 1000} s`);
  });

  it("syncFromConfig() takes stuck_after_minutes and stuck_polls from platform.yml", async () => {
    const patient = await frozenRun({ stuck_after_minutes: 25, stuck_polls: 4 });
    assert.equal(patient.status, "stuck");
    assert.ok(patient.declaredAfterMs >= 25 * MINUTE && patient.declaredAfterMs <= 35 * MINUTE, `declared after ${patient.declaredAfterMs / 1000} s`);
    const quick = await frozenRun({ stuck_after_minutes: 2 });
    assert.ok(quick.declaredAfterMs <= 4 * MINUTE, `declared after ${quick.declaredAfterMs / 1000} s`);
  });
});
