// End-to-end: runSyncs -> Airbyte client -> local Airbyte 1.8 stand-in (contract checked), on a fake clock.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAirbyteClient } from "../airbyte/mod.ts";
import { makeConnection, makeTenant } from "../config/testing.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import { type JobBehaviour, type LocalAirbyte, type RequestFault, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { createAirbyteSyncApi } from "./airbyte-sync-api.ts";
import type { SyncApi } from "./sync-api.ts";
import { runSyncs, type SyncRunOptions, type SyncRunResult } from "./run-syncs.ts";
import type { SelectedConnection } from "./select-connections.ts";
import { createIoAwareClock, createMemoryLog, type IoAwareClock } from "./testing.ts";

const MINUTE = 60_000;
// 11:00 in America/Jamaica (UTC-5). History is made from here; runs happen at 12:45 (the 12:00 slot is open).
const START = Date.UTC(2026, 10, 23, 16, 0);
const RUN_AT = Date.UTC(2026, 10, 23, 17, 45);
const WORKSPACE = "00000000-0000-4000-8000-000000000001";
const DESTINATION = "00000000-0000-4000-8000-000000000002";

interface World {
  clock: IoAwareClock;
  airbyte: LocalAirbyte;
  ids: string[];
  connections: ResolvedConnection[];
  /** Triggers a sync through the API now (history, or a job already running). */
  trigger(index: number, behaviour?: string): Promise<number>;
  /** Runs the engine at the clock's current time. */
  run(options?: SyncRunOptions): Promise<SyncRunResult>;
  lines: Record<string, unknown>[];
  close(): Promise<void>;
}

function connectionId(i: number): string {
  return `00000000-0000-4000-8000-0000000001${String(i).padStart(2, "0")}`;
}

interface WorldOptions {
  overrides?: Partial<ResolvedConnection>;
  faults?: { jobs?: JobBehaviour[]; requests?: RequestFault[] };
  /** Wraps the engine's port (e.g. to slow Airbyte's answers down in fake time). */
  wrapApi?: (api: SyncApi, clock: IoAwareClock) => SyncApi;
}

async function world(count: number, options: WorldOptions = {}): Promise<World> {
  const clock = createIoAwareClock({ start: START });
  const ids = Array.from({ length: count }, (_, i) => connectionId(i));
  const connections = ids.map((id, i) =>
    makeConnection({
      tenant: "acme",
      template: `meta_metrics_${i}`,
      // Even connections are matched by configured id, odd ones by managed key in the name.
      connectionId: i % 2 === 0 ? id : undefined,
      ...options.overrides,
    })
  );
  const airbyte = await startLocalAirbyte({
    contractCheck: true,
    clock: clock.view,
    jobs: { durationMs: 4 * MINUTE },
    seed: {
      workspaces: [{ workspaceId: WORKSPACE, name: "acme" }],
      destinations: [{ destinationId: DESTINATION, workspaceId: WORKSPACE }],
      templateConnections: connections.map((c, i) => ({
        connectionId: ids[i] as string,
        workspaceId: WORKSPACE,
        destinationId: DESTINATION,
        name: c.name,
        definitionName: "Facebook Marketing",
      })),
    },
  });
  // As provisioning leaves them: active, each with its source named by the managed key.
  for (const [i, id] of ids.entries()) {
    const connection = airbyte.state.connections[id] as { status: string; sourceId: string };
    connection.status = "active";
    (airbyte.state.sources[connection.sourceId] as { name: string }).name = connections[i]?.managedKey ?? "";
  }
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock, fetch: clock.wrapFetch(globalThis.fetch), retry: { random: () => 0.5 } });
  const direct = createAirbyteSyncApi(client);
  const api = options.wrapApi?.(direct, clock) ?? direct;
  const tenant = makeTenant({ slug: "acme", workspaceId: WORKSPACE, destinationId: DESTINATION, connections });
  const selection: SelectedConnection[] = connections.map((connection) => ({ tenant, connection }));
  const { log, lines } = createMemoryLog(() => clock.now());
  // History: every connection synced fine at 11:00, so the 12:00 slot is what is due.
  for (const id of ids) await client.syncConnection(id);
  await clock.advance(10 * MINUTE);
  for (const id of ids) await client.listJobs({ connectionId: id });
  airbyte.faults.jobs.push(...(options.faults?.jobs ?? []));
  airbyte.faults.requests.push(...(options.faults?.requests ?? []));
  return {
    clock,
    airbyte,
    ids,
    connections,
    lines,
    async trigger(index, behaviour) {
      const job = await client.syncConnection(ids[index] as string, behaviour ? { headers: { "x-adops-job": behaviour } } : {});
      return job.job.id;
    },
    run: (o = {}) => runSyncs({ api, clock, log, random: () => 0.5 }, selection, { progressEveryMs: 5 * MINUTE, ...o }),
    async close() {
      await airbyte.close();
    },
  };
}

async function at(w: World, time: number): Promise<void> {
  await w.clock.advance(time - w.clock.now());
}

function rows(result: SyncRunResult): Record<string, unknown>[] {
  return result.rows;
}

describe("runSyncs() against the local Airbyte", () => {
  it("runSyncs() triggers nothing when every connection already synced in this slot", async () => {
    const w = await world(2);
    try {
      await at(w, RUN_AT - 40 * MINUTE);
      await w.trigger(0);
      await w.trigger(1);
      await at(w, RUN_AT);
      const result = await w.run();
      assert.equal(result.outcome, "ok");
      assert.deepEqual(rows(result).map((r) => [r.trigger, r.status]), [["not_due", "not_due"], ["not_due", "not_due"]]);
      assert.equal(w.airbyte.calls["connections/sync"], 4);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() syncs the missed slot when the run fires 40 minutes late, matching by id and by managed key", async () => {
    const w = await world(2);
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      assert.equal(result.outcome, "ok");
      for (const [i, row] of rows(result).entries()) {
        assert.equal(row.trigger, "started");
        assert.equal(row.status, "succeeded");
        assert.equal(row.connection_id, w.ids[i]);
        assert.equal(row.attempts, 1);
        assert.equal(row.airbyte_attempts, 1);
        assert.equal(row.duration_seconds, 240);
        assert.ok((row.records_committed as number) > 0 && (row.bytes_committed as number) > 0);
        assert.equal(row.failure_type, null);
        assert.equal(row.empty_sync, false);
        assert.equal(row.consecutive_failures, 0);
      }
      const line = w.lines.find((l) => String(l.msg).includes("running -> succeeded"));
      assert.ok(line !== undefined && line.tenant_id === "acme" && line.provider === "meta" && typeof line.job_id === "number");
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() does not sync twice when a second run follows a minute later", async () => {
    const w = await world(1);
    try {
      await at(w, RUN_AT);
      const first = await w.run();
      assert.equal(rows(first)[0]?.trigger, "started");
      await w.clock.advance(MINUTE);
      const second = await w.run();
      assert.deepEqual([rows(second)[0]?.trigger, rows(second)[0]?.status, second.outcome], ["not_due", "not_due", "ok"]);
      assert.equal(w.airbyte.calls["connections/sync"], 2);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() attaches to the job already running on 409 and reports attached", async () => {
    const w = await world(1);
    try {
      await at(w, RUN_AT - 55 * MINUTE);
      const running = await w.trigger(0, `duration=${60 * MINUTE}`);
      await at(w, RUN_AT);
      const result = await w.run();
      const row = rows(result)[0];
      assert.deepEqual([row?.trigger, row?.status, row?.job_id, result.outcome], ["attached", "succeeded", running, "ok"]);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() skips inactive connections with the reason and never retries them", async () => {
    const w = await world(2, { faults: { requests: [{ path: "connections/sync", kind: "error", status: 500, message: "Internal Server Error: Can only sync an active connection", times: 1 }] } });
    try {
      (w.airbyte.state.connections[w.ids[1] as string] as { status: string }).status = "inactive";
      await at(w, RUN_AT);
      const result = await w.run();
      assert.deepEqual(rows(result).map((r) => [r.trigger, r.status]), [["skipped", "skipped"], ["skipped", "skipped"]]);
      assert.match(String(rows(result)[0]?.reason), /Can only sync an active connection/);
      assert.match(String(rows(result)[1]?.reason), /'inactive' in Airbyte/);
      assert.equal(result.outcome, "ok");
      assert.equal(w.airbyte.calls["connections/sync"], 3);
    } finally {
      await w.close();
    }
  });

  it("runSyncs() retries a failed job and succeeds, counting Airbyte's attempts apart", async () => {
    const w = await world(1, { faults: { jobs: [{ failAttempts: 99, maxAttempts: 3, durationMs: MINUTE, failureType: "system_error", failureOrigin: "destination", times: 1 }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      const row = rows(result)[0];
      assert.deepEqual([row?.status, row?.attempts, row?.airbyte_attempts, result.outcome], ["succeeded", 2, 1, "ok"]);
      assert.equal((row?.job_ids as number[]).length, 2);
      const failed = w.lines.find((l) => String(l.msg).includes("failed after"));
      assert.equal(failed?.airbyte_attempts, 3, "Airbyte's own attempts of the failed job");
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() backs off 300 s after a config error and does not retry it blindly", async () => {
    const w = await world(1, { faults: { jobs: [{ failureType: "config_error", failAttempts: 99, maxAttempts: 1, durationMs: 20_000, message: "Invalid credentials" }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      const row = rows(result)[0];
      assert.deepEqual([row?.status, row?.attempts, row?.failure_type, row?.failure_origin, row?.failure_message, result.outcome], ["failed", 2, "config_error", "source", "Invalid credentials", "failed"]);
      assert.match(String(row?.reason), /not retried blindly/);
      assert.equal(row?.consecutive_failures, 2);
      assert.equal(row?.alert, true);
      const [first, second] = (row?.job_ids as number[]).map((id) => w.airbyte.state.jobs[String(id)]);
      assert.ok((second?.createdAt ?? 0) - (first?.createdAt ?? 0) >= 20_000 + 300_000);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() cancels a job at its deadline and confirms it cancelled", async () => {
    const w = await world(1, { overrides: { timeoutMinutes: 10 }, faults: { jobs: [{ durationMs: 60 * MINUTE }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      assert.deepEqual([rows(result)[0]?.status, result.outcome], ["timed_out_cancelled", "failed"]);
      assert.equal(w.airbyte.calls["jobs/cancel"], 1);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() reports a job orphaned when Airbyte ignores the cancel", async () => {
    const w = await world(1, { overrides: { timeoutMinutes: 10 }, faults: { jobs: [{ durationMs: 60 * MINUTE, ignoreCancel: true }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      assert.deepEqual([rows(result)[0]?.status, result.outcome], ["timed_out_orphaned", "failed"]);
      assert.match(String(rows(result)[0]?.reason), /may still run/);
    } finally {
      await w.close();
    }
  });

  it("runSyncs() reports a hanging job stuck before its deadline", async () => {
    const w = await world(1, { overrides: { timeoutMinutes: 120 }, faults: { jobs: [{ hang: true }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run({ stuckPolls: 6, stuckMinMs: 10 * MINUTE });
      assert.deepEqual([rows(result)[0]?.status, result.outcome], ["stuck", "failed"]);
      assert.ok(w.clock.now() < RUN_AT + 60 * MINUTE);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() follows jobs through 5xx, 429 and dropped connections while polling", async () => {
    const w = await world(2, {
      faults: {
        requests: [
          { path: "jobs/get", kind: "error", status: 503, times: 15 },
          { path: "jobs/get", kind: "rate_limit", retryAfterSeconds: 5, times: 10 },
          { path: "jobs/get", kind: "drop", times: 4 },
        ],
      },
    });
    try {
      await at(w, RUN_AT);
      const result = await w.run();
      assert.deepEqual(rows(result).map((r) => r.status), ["succeeded", "succeeded"]);
      assert.equal(result.outcome, "ok");
    } finally {
      await w.close();
    }
  });

  it("runSyncs() exits 2 when some connections fail and lists each connection once", async () => {
    const w = await world(3, { faults: { jobs: [{ connectionId: connectionId(1), failAttempts: 99, maxAttempts: 1, durationMs: 10_000 }] } });
    try {
      await at(w, RUN_AT);
      const result = await w.run({ retry: { base: 2, maxAttempts: 2, jitter: false, initialDelayMs: 10_000, maxDelayMs: 60_000, configErrorBaseMs: 300_000, configErrorCapMs: 900_000 } });
      assert.deepEqual(rows(result).map((r) => [r.connection_id, r.status]), [[w.ids[0], "succeeded"], [w.ids[1], "failed"], [w.ids[2], "succeeded"]]);
      assert.equal(result.outcome, "partial");
    } finally {
      await w.close();
    }
  });

  it("runSyncs() stops on interrupt, leaves jobs running in Airbyte and exits 130", async () => {
    // Airbyte answers each trigger after 3 minutes, so the third waits for a trigger slot when the abort comes at 2.
    const slow = (api: SyncApi, clock: IoAwareClock): SyncApi => ({ ...api, triggerSync: (id, o) => api.triggerSync(id, o).then(async (job) => (await clock.sleep(3 * MINUTE), job)) });
    const w = await world(3, { faults: { jobs: [{ durationMs: 30 * MINUTE }] }, wrapApi: slow });
    try {
      await at(w, RUN_AT);
      const controller = new AbortController();
      void w.clock.sleep(2 * MINUTE).then(() => controller.abort());
      const result = await w.run({ signal: controller.signal, concurrency: 2 });
      assert.equal(result.outcome, "interrupted");
      assert.deepEqual(rows(result).map((r) => [r.trigger, r.status]), [["started", "running"], ["started", "running"], ["skipped", "interrupted"]]);
      assert.equal(w.airbyte.calls["jobs/cancel"] ?? 0, 0);
      const job = w.airbyte.state.jobs[String(rows(result)[0]?.job_id)];
      assert.equal(job?.cancelledAt, undefined);
    } finally {
      await w.close();
    }
  });

  /** The sync jobs of connection `index` created from `since` on. */
  function jobsSince(w: World, index: number, since: number) {
    return Object.values(w.airbyte.state.jobs).filter((j) => j.connectionId === w.ids[index] && j.configType === "sync" && j.createdAt >= since);
  }

  it("runSyncs() attaches to the job a lost connections/sync answer started, even one already over, instead of starting a second", async () => {
    // The job runs 1 s: it has ended before a blind retry 2 s later would start another.
    const w = await world(1, { faults: { jobs: [{ durationMs: 1_000 }], requests: [{ path: "connections/sync", kind: "drop", times: 1, afterHandling: true }] } });
    try {
      await at(w, RUN_AT);
      const triggers = w.airbyte.calls["connections/sync"] ?? 0;
      const result = await w.run();
      const jobs = jobsSince(w, 0, RUN_AT);
      assert.equal(jobs.length, 1, "exactly one job in Airbyte");
      const row = rows(result)[0];
      assert.deepEqual([row?.trigger, row?.status, row?.job_id, row?.lost_answers, result.outcome], ["attached", "succeeded", jobs[0]?.id, 1, "ok"]);
      assert.equal((w.airbyte.calls["connections/sync"] ?? 0) - triggers, 1);
      assert.equal(result.summary.lost_answers, 1);
      assert.ok(w.lines.some((l) => /answer .*lost.*attached to job/i.test(String(l.msg))), "the log says it attached");
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() attaches to the running job after a 502 to connections/sync that Airbyte had acted on", async () => {
    const w = await world(1, { faults: { requests: [{ path: "connections/sync", kind: "error", status: 502, times: 1, afterHandling: true }] } });
    try {
      await at(w, RUN_AT);
      const triggers = w.airbyte.calls["connections/sync"] ?? 0;
      const result = await w.run();
      const jobs = jobsSince(w, 0, RUN_AT);
      assert.equal(jobs.length, 1, "exactly one job in Airbyte");
      const row = rows(result)[0];
      assert.deepEqual([row?.trigger, row?.status, row?.job_id, row?.lost_answers], ["attached", "succeeded", jobs[0]?.id, 1]);
      assert.equal((w.airbyte.calls["connections/sync"] ?? 0) - triggers, 1, "no second trigger, so no 409 either");
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });

  it("runSyncs() triggers again when the lost connections/sync request never reached Airbyte, and still makes one job", async () => {
    const w = await world(1, { faults: { requests: [{ path: "connections/sync", kind: "drop", times: 1 }] } });
    try {
      await at(w, RUN_AT);
      const triggers = w.airbyte.calls["connections/sync"] ?? 0;
      const result = await w.run();
      const jobs = jobsSince(w, 0, RUN_AT);
      assert.equal(jobs.length, 1, "exactly one job in Airbyte");
      const row = rows(result)[0];
      assert.deepEqual([row?.trigger, row?.status, row?.job_id, row?.lost_answers], ["started", "succeeded", jobs[0]?.id, 0]);
      assert.equal((w.airbyte.calls["connections/sync"] ?? 0) - triggers, 2);
      w.airbyte.assertContract();
    } finally {
      await w.close();
    }
  });
});
