import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import { createFakeSyncStatus } from "./testing.ts";
import { type SyncJobStatus, waitForSync } from "./wait-for-sync.ts";

const MIN = 60_000;

function job(connectionId: string, status: SyncJobStatus["status"], tenant = "acme-retail"): SyncJobStatus {
  return { tenant, connectionId, status };
}

describe("waitForSync()", () => {
  it("returns at once when nothing is in flight, without sleeping", async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const port = createFakeSyncStatus([[job("meta", "succeeded"), job("gads", "succeeded")]]);
    const result = await waitForSync(port, ["acme-retail"], { clock, timeoutMs: 30 * MIN });
    assert.deepEqual(result, { outcome: "ready", failed: [], inFlight: [], waitedMs: 0 });
    assert.equal(port.polls, 1);
    assert.deepEqual(port.asked, [["acme-retail"]]);
  });

  it("polls every interval until the running syncs finish and reports how long it waited", async () => {
    const clock = createFakeClock();
    const port = createFakeSyncStatus([[job("meta", "running"), job("gads", "pending")], [job("meta", "running"), job("gads", "succeeded")], [job("meta", "succeeded"), job("gads", "succeeded")]]);
    const seen: number[] = [];
    const result = await waitForSync(port, ["acme-retail"], { clock, timeoutMs: 30 * MIN, pollMs: 15_000, onPoll: (f) => seen.push(f.length) });
    assert.equal(result.outcome, "ready");
    assert.equal(result.waitedMs, 30_000);
    assert.deepEqual(seen, [2, 1]);
    assert.equal(port.polls, 3);
  });

  it("gives up at the timeout and names what is still in flight", async () => {
    const clock = createFakeClock();
    const port = createFakeSyncStatus([[job("meta", "running"), job("gads", "succeeded")]]);
    const result = await waitForSync(port, ["acme-retail"], { clock, timeoutMs: 2 * MIN, pollMs: 45_000 });
    assert.equal(result.outcome, "timeout");
    assert.deepEqual(result.inFlight.map((j) => j.connectionId), ["meta"]);
    // Polls at 0, 45 s, 90 s, then a last one exactly at the deadline (the sleep is clipped to it).
    assert.equal(result.waitedMs, 2 * MIN);
    assert.equal(port.polls, 4);
  });

  it("reports failed, cancelled and incomplete latest syncs next to a ready outcome", async () => {
    const clock = createFakeClock();
    const port = createFakeSyncStatus([[job("meta", "running"), job("gads", "failed")], [job("meta", "cancelled"), job("gads", "failed"), job("msads", "incomplete", "island-telecom"), job("li", "succeeded")]]);
    const result = await waitForSync(port, ["acme-retail", "island-telecom"], { clock, timeoutMs: 30 * MIN });
    assert.equal(result.outcome, "ready");
    assert.deepEqual(result.failed.map((j) => `${j.tenant}/${j.connectionId}:${j.status}`), ["acme-retail/meta:cancelled", "acme-retail/gads:failed", "island-telecom/msads:incomplete"]);
  });

  it("stops waiting when the signal aborts", async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const port = createFakeSyncStatus([[job("meta", "running")]]);
    const controller = new AbortController();
    const waiting = waitForSync(port, ["acme-retail"], { clock, timeoutMs: 30 * MIN, signal: controller.signal, onPoll: () => queueMicrotask(() => controller.abort(new Error("Interrupted"))) });
    await assert.rejects(waiting, /Interrupted/);
    assert.equal(port.polls, 1);
  });
});
