import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeConnection, makeTenant } from "../config/testing.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { runSyncs, type SyncRunOptions } from "./run-syncs.ts";
import type { SelectedConnection } from "./select-connections.ts";
import type { SyncApi } from "./sync-api.ts";
import { createFakeSyncApi, createMemoryLog } from "./testing.ts";

// 12:45 in America/Jamaica (UTC-5): the hourly slot opened at 12:00.
const NOW = Date.UTC(2026, 10, 23, 17, 45);
const HOUR = 3_600_000;

function setup(count = 1, overrides: Partial<ResolvedConnection> = {}) {
  const clock = createFakeClock({ start: NOW });
  const tenant = makeTenant({ slug: "acme" });
  const connections = Array.from({ length: count }, (_, i) => makeConnection({ tenant: "acme", template: `meta_metrics_${i}`, connectionId: `c${i}`, ...overrides }));
  tenant.connections = connections;
  const api = createFakeSyncApi({
    clock,
    connections: connections.map((c) => ({ workspaceId: tenant.workspaceId, connectionId: c.connectionId ?? "", name: c.name, status: "active", managedKey: c.managedKey })),
  });
  for (const c of connections) api.addHistory(c.connectionId ?? "", [{ createdAt: NOW - HOUR - 40 * 60_000, status: "succeeded", records: 300 }]);
  const selection: SelectedConnection[] = connections.map((connection) => ({ tenant, connection }));
  const { log, lines } = createMemoryLog(() => clock.now());
  const run = (options: SyncRunOptions = {}) => runSyncs({ api, clock, log, random: () => 0.5 }, selection, { progressEveryMs: 60_000, ...options });
  return { clock, api, selection, lines, run };
}

describe("runSyncs()", () => {
  it("runSyncs() triggers nothing when nothing is due and exits 0", async () => {
    const { api, run } = setup(2);
    api.addHistory("c0", [{ createdAt: NOW - 40 * 60_000, status: "succeeded" }]);
    api.addHistory("c1", [{ createdAt: NOW - 30 * 60_000, status: "succeeded" }]);
    const result = await run();
    assert.equal(result.outcome, "ok");
    assert.deepEqual(result.outcomes.map((o) => [o.trigger, o.status]), [["not_due", "not_due"], ["not_due", "not_due"]]);
    assert.equal(api.calls.triggerSync, 0);
  });

  it("runSyncs() syncs a slot when the run fires late and records the outcome row", async () => {
    const { api, run, lines } = setup();
    api.script("c0", { durationMs: 5 * 60_000, records: 1200, bytesPerRecord: 10 });
    const result = await run();
    assert.equal(result.outcome, "ok");
    const row = result.rows[0] as Record<string, unknown>;
    assert.equal(row.trigger, "started");
    assert.equal(row.status, "succeeded");
    assert.equal(row.records_committed, 1200);
    assert.equal(row.bytes_committed, 12_000);
    assert.equal(row.attempts, 1);
    assert.equal(row.airbyte_attempts, 1);
    assert.equal(row.duration_seconds, 300);
    assert.equal(row.tenant, "acme");
    assert.equal(row.connection_id, "c0");
    assert.equal(row.empty_sync, false);
    assert.equal(row.consecutive_failures, 0);
    const change = lines.find((l) => String(l.msg).includes("running -> succeeded"));
    assert.ok(change !== undefined);
    assert.equal(change.tenant_id, "acme");
    assert.equal(change.connection_id, "c0");
    assert.equal(change.provider, "meta");
    assert.equal(change.job_id, row.job_id);
    assert.ok(api.pollsOf(row.job_id as number) < 30, `polls ${api.pollsOf(row.job_id as number)}`);
  });

  it("runSyncs() does not sync twice when a second run comes a minute later", async () => {
    const { clock, api, run } = setup();
    const first = await run();
    assert.equal(first.outcomes[0]?.trigger, "started");
    await clock.advance(60_000);
    const second = await run();
    assert.equal(second.outcomes[0]?.trigger, "not_due");
    assert.equal(api.calls.triggerSync, 1);
  });

  it("runSyncs() follows every job at once, so 6 jobs of 10 minutes at concurrency 2 take about 10 minutes, not 30", async () => {
    const { clock, api, run } = setup(6);
    for (let i = 0; i < 6; i += 1) api.script(`c${i}`, { durationMs: 10 * 60_000 });
    const start = clock.now();
    const result = await run({ concurrency: 2 });
    assert.deepEqual(result.outcomes.map((o) => o.status), Array.from({ length: 6 }, () => "succeeded"));
    const elapsed = clock.now() - start;
    // The longest job plus one detection delay (the waits are at most a minute).
    assert.ok(elapsed >= 10 * 60_000 && elapsed <= 11 * 60_000, `took ${elapsed / 60_000} min`);
    assert.deepEqual(result.outcomes.map((o) => o.startedAt), Array.from({ length: 6 }, () => start));
  });

  it("runSyncs() keeps at most `concurrency` triggers in flight, retries included, while following holds no slot", async () => {
    const { clock, api, selection } = setup(6);
    for (let i = 0; i < 6; i += 1) api.script(`c${i}`, { durationMs: 10 * 60_000 });
    api.fail("triggerSync", 1, { kind: "transient", httpStatus: 503 });
    let inFlight = 0;
    let most = 0;
    // Each trigger takes 30 s to answer; the failed one is retried in the same slot after 2 s.
    const slow: SyncApi = {
      ...api,
      async triggerSync(id, o) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          await clock.sleep(30_000);
          return await api.triggerSync(id, o);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const start = clock.now();
    const result = await runSyncs({ api: slow, clock, log: createMemoryLog().log }, selection, { concurrency: 2 });
    assert.equal(result.outcome, "ok");
    assert.equal(most, 2);
    assert.equal(api.calls.triggerSync, 7);
    // Three rounds of triggers (one with a retry), then the last job's 10 minutes and a detection delay.
    const elapsed = clock.now() - start;
    assert.ok(elapsed >= 3 * 30_000 + 10 * 60_000 && elapsed <= 3 * 30_000 + 32_000 + 11 * 60_000, `took ${elapsed / 60_000} min`);
  });

  it("runSyncs() counts a job's deadline from its creation in Airbyte, not from when the trigger answered", async () => {
    const { clock, api, selection } = setup(1, { timeoutMinutes: 10 });
    api.script("c0", { durationMs: 30 * 60_000 });
    // Airbyte creates the job at once but answers 4 minutes later.
    const slow: SyncApi = { ...api, triggerSync: (id, o) => api.triggerSync(id, o).then(async (job) => (await clock.sleep(4 * 60_000), job)) };
    const result = await runSyncs({ api: slow, clock, log: createMemoryLog().log }, selection);
    const o = result.outcomes[0];
    assert.equal(o?.status, "timed_out_cancelled");
    const job = api.jobsOf("c0").find((j) => j.id === o?.jobId);
    assert.equal((job?.endedAt ?? 0) - (job?.createdAt ?? 0), 10 * 60_000);
  });

  it("runSyncs() counts an attached job's deadline from its creation", async () => {
    const { api, run } = setup(1, { timeoutMinutes: 30 });
    // Started 25 minutes ago by someone else, in this slot (hence `force`), and would run for 3 hours.
    const external = api.startExternalJob("c0", { durationMs: 3 * HOUR }, NOW - 25 * 60_000);
    const result = await run({ force: true });
    const o = result.outcomes[0];
    assert.deepEqual([o?.trigger, o?.status, o?.jobId], ["attached", "timed_out_cancelled", external.id]);
    const job = api.jobsOf("c0").find((j) => j.id === external.id);
    assert.equal((job?.endedAt ?? 0) - external.createdAt, 30 * 60_000);
  });

  it("runSyncs() attaches to the running job on 409 and reports attached", async () => {
    const { api, run } = setup();
    // Started at 11:50 by someone else, before the 12:00 slot: the slot is still due, the trigger gets 409.
    const external = api.startExternalJob("c0", { durationMs: HOUR }, NOW - 55 * 60_000);
    const result = await run();
    assert.equal(result.outcomes[0]?.trigger, "attached");
    assert.equal(result.outcomes[0]?.status, "succeeded");
    assert.equal(result.outcomes[0]?.jobId, external.id);
    assert.equal(api.calls.triggerSync, 1);
  });

  it("runSyncs() waits for a running reset on 409, then starts the sync itself", async () => {
    const { api, run } = setup();
    const reset = api.startExternalJob("c0", { durationMs: 90_000, configType: "reset_connection" });
    const result = await run();
    const o = result.outcomes[0];
    assert.deepEqual([o?.trigger, o?.status, o?.attempts], ["started", "succeeded", 1]);
    assert.ok(o?.jobId !== reset.id && !o?.jobIds.includes(reset.id));
    assert.equal(api.calls.triggerSync, 2);
  });

  it("runSyncs() skips an inactive connection with its reason and does not retry", async () => {
    const { api, run } = setup(2);
    api.fail("triggerSync", 1, { kind: "inactive", httpStatus: 500 });
    const result = await run({ concurrency: 1 });
    assert.deepEqual([result.outcomes[0]?.trigger, result.outcomes[0]?.status], ["skipped", "skipped"]);
    assert.match(result.outcomes[0]?.reason ?? "", /inactive/);
    assert.equal(result.outcomes[1]?.status, "succeeded");
    assert.equal(api.calls.triggerSync, 2);
    assert.equal(result.outcome, "ok");
  });

  it("runSyncs() retries a failed job and counts our attempts apart from Airbyte's", async () => {
    const { clock, api, run } = setup();
    api.script("c0", { result: "failed", airbyteAttempts: 3, failure: { type: "system_error", origin: "destination" } }, { durationMs: 60_000, airbyteAttempts: 1 });
    const start = clock.now();
    const result = await run();
    const o = result.outcomes[0];
    assert.equal(o?.status, "succeeded");
    assert.equal(o?.attempts, 2);
    assert.equal(o?.airbyteAttempts, 1);
    assert.equal(o?.jobIds.length, 2);
    assert.equal(o?.failure, undefined);
    assert.ok(clock.now() - start >= 2 * 60_000 + 15_000, "waited the jittered backoff");
  });

  it("runSyncs() waits 300 s after a config error and gives up on the second one", async () => {
    const { api, run } = setup();
    api.script("c0", { durationMs: 10_000, result: "failed", failure: { type: "config_error", origin: "source", message: "Invalid token", retryable: false } });
    const result = await run();
    const o = result.outcomes[0];
    assert.equal(o?.status, "failed");
    assert.equal(o?.attempts, 2);
    assert.match(o?.reason ?? "", /not retried blindly/);
    assert.equal(o?.failure?.type, "config_error");
    assert.equal(o?.failure?.message, "Invalid token");
    const jobs = api.jobsOf("c0").filter((j) => j.status === "failed");
    assert.ok((jobs[0]?.createdAt ?? 0) - (jobs[1]?.endedAt ?? 0) >= 300_000);
    assert.equal(result.outcome, "failed");
    assert.equal(o?.flags.consecutiveFailures, 2);
    assert.equal(o?.flags.alert, true);
  });

  it("runSyncs() cancels a job at its deadline and confirms it", async () => {
    const { api, run } = setup(1, { timeoutMinutes: 10 });
    api.script("c0", { durationMs: 30 * 60_000 });
    const result = await run();
    assert.equal(result.outcomes[0]?.status, "timed_out_cancelled");
    assert.equal(api.calls.cancelJob, 1);
    assert.equal(result.outcome, "failed");
  });

  it("runSyncs() reports a job orphaned when Airbyte ignores the cancel", async () => {
    const { api, run } = setup(1, { timeoutMinutes: 10 });
    api.script("c0", { durationMs: 30 * 60_000, ignoreCancel: true });
    const result = await run();
    assert.equal(result.outcomes[0]?.status, "timed_out_orphaned");
    assert.match(result.outcomes[0]?.reason ?? "", /may still run/);
  });

  it("runSyncs() reports a job stuck when its counts stop moving, before the deadline", async () => {
    const { clock, api, run } = setup(1, { timeoutMinutes: 120 });
    api.script("c0", { durationMs: 10 * 60_000, hang: true });
    const start = clock.now();
    const result = await run({ stuckPolls: 5, stuckMinMs: 5 * 60_000 });
    assert.equal(result.outcomes[0]?.status, "stuck");
    assert.ok(clock.now() - start < 120 * 60_000);
    assert.equal(api.calls.cancelJob, 1);
  });

  it("runSyncs() declares a frozen job stuck within 10 minutes of its counts freezing by default, even when history says it takes 20", async () => {
    const { clock, api, run } = setup(1, { timeoutMinutes: 30 });
    // The last five syncs took 20 minutes: without a cap, the first poll would come at 16.
    api.addHistory("c0", Array.from({ length: 5 }, (_, i) => ({ createdAt: NOW - (i + 2) * HOUR, status: "succeeded" as const, durationMs: 20 * 60_000 })));
    // Its counts freeze 2 minutes in (10% of 20) and never move again.
    api.script("c0", { durationMs: 20 * 60_000, hang: true });
    const start = clock.now();
    const result = await run();
    const outcome = result.outcomes[0];
    assert.equal(outcome?.status, "stuck");
    const frozeAt = start + 2 * 60_000;
    const declaredAfter = (outcome?.endedAt ?? Infinity) - frozeAt;
    assert.ok(declaredAfter <= 10 * 60_000, `declared stuck ${declaredAfter / 1000} s after the counts froze`);
    assert.equal(api.calls.cancelJob, 1);
  });

  it("runSyncs() takes a frozen job for a slow one until stuckMinMs has passed with stuckPolls unchanged polls", async () => {
    const { clock, api, run } = setup(1, { timeoutMinutes: 120 });
    api.script("c0", { durationMs: 20 * 60_000, hang: true });
    const start = clock.now();
    const result = await run({ stuckPolls: 2, stuckMinMs: 30 * 60_000 });
    assert.equal(result.outcomes[0]?.status, "stuck");
    const declaredAfter = (result.outcomes[0]?.endedAt ?? 0) - (start + 2 * 60_000);
    assert.ok(declaredAfter >= 30 * 60_000 && declaredAfter <= 50 * 60_000, `declared stuck ${declaredAfter / 1000} s after the counts froze`);
  });

  it("runSyncs() keeps following through 5xx and 429 storms while polling", async () => {
    const { api, run } = setup();
    api.script("c0", { durationMs: 3 * 60_000 });
    api.fail("getJob", 8, { kind: "transient", httpStatus: 503 });
    api.fail("getJob", 4, { kind: "transient", httpStatus: 429, retryAfterMs: 20_000 });
    const result = await run();
    assert.equal(result.outcomes[0]?.status, "succeeded");
    assert.ok(api.calls.getJob > 12);
  });

  it("runSyncs() stops triggering on interrupt, leaves running jobs running and exits 130", async () => {
    const { clock, api, selection } = setup(3);
    for (const id of ["c0", "c1", "c2"]) api.script(id, { durationMs: 20 * 60_000 });
    // Airbyte answers each trigger after 90 s, so the third waits for a trigger slot when the abort comes at 60 s.
    const slow: SyncApi = { ...api, triggerSync: (id, o) => api.triggerSync(id, o).then(async (job) => (await clock.sleep(90_000), job)) };
    const controller = new AbortController();
    void clock.sleep(60_000).then(() => controller.abort());
    const result = await runSyncs({ api: slow, clock, log: createMemoryLog().log }, selection, { signal: controller.signal, concurrency: 2 });
    assert.equal(result.outcome, "interrupted");
    assert.deepEqual(result.outcomes.map((o) => o.status), ["running", "running", "interrupted"]);
    assert.equal(result.outcomes[2]?.trigger, "skipped");
    assert.equal(api.calls.cancelJob, 0);
    assert.equal(api.calls.triggerSync, 2);
  });

  it("runSyncs() cancels the jobs it started on abort when asked", async () => {
    const { clock, api, run } = setup(2);
    api.startExternalJob("c1", { durationMs: 20 * 60_000 });
    api.script("c0", { durationMs: 20 * 60_000 });
    const controller = new AbortController();
    void clock.sleep(60_000).then(() => controller.abort());
    const result = await run({ signal: controller.signal, cancelOnAbort: true, force: true });
    assert.deepEqual(result.outcomes.map((o) => [o.trigger, o.status]), [["started", "cancelled"], ["attached", "running"]]);
    assert.equal(api.calls.cancelJob, 1);
    assert.equal(result.outcome, "interrupted");
  });

  it("runSyncs() lists every selected connection exactly once and exits 2 when some failed", async () => {
    const { api, run } = setup(4);
    api.script("c1", { result: "failed", durationMs: 5_000 });
    api.addHistory("c2", [{ createdAt: NOW - 10 * 60_000, status: "succeeded" }]);
    api.fail("listConnections", 0, { kind: "transient" });
    const result = await run({ retry: { base: 2, maxAttempts: 2, jitter: false, initialDelayMs: 1_000, maxDelayMs: 10_000, configErrorBaseMs: 300_000, configErrorCapMs: 900_000 } });
    assert.deepEqual(result.outcomes.map((o) => o.connectionId), ["c0", "c1", "c2", "c3"]);
    assert.deepEqual(result.outcomes.map((o) => o.status), ["succeeded", "failed", "not_due", "succeeded"]);
    assert.equal(result.outcome, "partial");
    assert.equal(result.summary.selected, 4);
    assert.equal(result.summary.failed, 1);
  });

  it("runSyncs() reports a connection missing from Airbyte as not found", async () => {
    const { selection, clock } = setup();
    const api = createFakeSyncApi({ clock, connections: [] });
    const { log } = createMemoryLog();
    const result = await runSyncs({ api, clock, log }, selection);
    assert.equal(result.outcomes[0]?.status, "not_found");
    assert.equal(result.outcome, "failed");
  });

  it("runSyncs() lists what would run in a dry run without triggering", async () => {
    const { api, run } = setup(2);
    api.addHistory("c1", [{ createdAt: NOW - 10 * 60_000, status: "succeeded" }]);
    const result = await run({ dryRun: true });
    assert.deepEqual(result.outcomes.map((o) => [o.trigger, o.status]), [["dry_run", "would_run"], ["not_due", "not_due"]]);
    assert.equal(api.calls.triggerSync, 0);
  });

  it("runSyncs() flags an empty sync after syncs that had records", async () => {
    const { api, run } = setup();
    api.script("c0", { records: 0 });
    const result = await run();
    assert.equal(result.outcomes[0]?.flags.emptySync, true);
    assert.equal(result.summary.empty_syncs, 1);
  });

  it("runSyncs() logs a periodic progress summary while jobs run", async () => {
    const { api, run, lines } = setup();
    api.script("c0", { durationMs: 4 * 60_000 });
    await run();
    const progress = lines.filter((l) => String(l.msg).startsWith("Progress:"));
    assert.ok(progress.length >= 3 && progress.length <= 5, `${progress.length} progress lines`);
    assert.match(String(progress[0]?.msg), /1 running, 0\/1 done .* records/);
  });
});
