import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRedactor } from "../core/mod.ts";
import { isAirbyteAuthError, isAirbyteConflictError, isAirbyteError, isAirbyteNotFoundError } from "./errors.ts";
import type { AirbyteClient } from "./client.ts";
import { startTestAirbyte, TEST_DESTINATION, TEST_GOOGLE_ADS_CONFIGURATION, TEST_META_CONFIGURATION, TEST_TEMPLATE_CONNECTION, TEST_WORKSPACE } from "./testing.ts";

const META = TEST_META_CONFIGURATION as Record<string, unknown>;
const GOOGLE_ADS = TEST_GOOGLE_ADS_CONFIGURATION as Record<string, unknown>;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("Expected a rejection");
}

async function makeConnection(client: AirbyteClient, status: "active" | "inactive" = "active") {
  const template = await client.getConnection(TEST_TEMPLATE_CONNECTION);
  const source = await client.createSource({ workspaceId: TEST_WORKSPACE, name: `adops:acme:meta_${Math.random()}`, sourceDefinitionId: "e7778cfc-e97c-4458-9ecb-b4f2bba8946c", connectionConfiguration: META });
  return await client.createConnection({
    sourceId: source.sourceId,
    destinationId: TEST_DESTINATION,
    status,
    name: "acme meta",
    syncCatalog: template.syncCatalog,
    scheduleType: "cron",
    scheduleData: { cron: { cronExpression: "0 0 6-22 * * ?", cronTimeZone: "America/Jamaica" } },
  });
}

describe("createAirbyteClient() against the local Airbyte (contract checked)", () => {
  it("the local Airbyte lands a finished job's data once, however many reads race after it ends", async () => {
    const batches: number[] = [];
    const t = await startTestAirbyte({
      server: {
        jobs: { durationMs: 1_000 },
        destination: {
          async write(batch) {
            batches.push(batch.jobId);
            await new Promise((r) => setTimeout(r, 5));
            return { records: 10, bytes: 100 };
          },
        },
      },
    });
    try {
      const connection = await makeConnection(t.client);
      const { job } = await t.client.syncConnection(connection.connectionId);
      await t.clock.advance(5_000);
      const reads = await Promise.all(Array.from({ length: 6 }, () => t.client.getJob(job.id)));
      assert.deepEqual(batches, [job.id]);
      assert.ok(reads.every((r) => r.job.status === "succeeded"));
    } finally {
      await t.close();
    }
  });

  it("getWorkspace() reads a seeded workspace and gives a 404 error with Airbyte's message for an unknown one", async () => {
    const t = await startTestAirbyte();
    try {
      assert.equal((await t.client.getWorkspace(TEST_WORKSPACE)).name, "Test");
      const error = await rejection(t.client.getWorkspace("00000000-0000-4000-8000-00000000dead", { tenant: "acme" }));
      assert.ok(isAirbyteNotFoundError(error));
      assert.match(error.message, /404: Internal Server Error: Could not find configuration for STANDARD_WORKSPACE/);
      assert.match(error.message, /tenant 'acme'/);
      assert.equal(error.path, "/api/v1/workspaces/get");
    } finally {
      await t.close();
    }
  });

  it("listSources() follows 1.8's 20-item cursor pages to the end", async () => {
    const t = await startTestAirbyte();
    try {
      for (let i = 0; i < 45; i++) {
        await t.client.createSource({ workspaceId: TEST_WORKSPACE, name: `s${i}`, sourceDefinitionId: "253487c0-2246-43ba-a21f-5116b20a2c50", connectionConfiguration: GOOGLE_ADS });
      }
      const raw = await fetch(`${t.airbyte.url}/api/v1/sources/list`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workspaceId: TEST_WORKSPACE }) });
      assert.equal(((await raw.json()) as { sources: unknown[] }).sources.length, 20);
      const all = await t.client.listSources(TEST_WORKSPACE);
      assert.equal(all.filter((s) => s.name.startsWith("s")).length, 45);
    } finally {
      await t.close();
    }
  });

  it("listSources() ends paging on a short page and asks once more only after a full one", async () => {
    const t = await startTestAirbyte();
    try {
      const seed = (count: number) => {
        for (let i = 0; i < count; i++) {
          const id = `00000000-0000-4000-9000-${String(Object.keys(t.airbyte.state.sources).length).padStart(12, "0")}`;
          t.airbyte.state.sources[id] = { id, workspaceId: TEST_WORKSPACE, definitionId: "253487c0-2246-43ba-a21f-5116b20a2c50", name: `p${id}`, configuration: {}, createdAt: 1_700_000_000_000 + i };
        }
      };
      const pages = async (options: { stopOnShortPage?: boolean } = {}) => {
        t.airbyte.resetCounters();
        const all = await t.client.listSources(TEST_WORKSPACE, options);
        return { count: all.length, calls: t.airbyte.calls["sources/list"] };
      };
      const before = Object.keys(t.airbyte.state.sources).length;
      seed(45 - before);
      assert.deepEqual(await pages(), { count: 45, calls: 1 });
      assert.deepEqual(await pages({ stopOnShortPage: false }), { count: 45, calls: 2 });
      seed(55);
      assert.deepEqual(await pages(), { count: 100, calls: 2 });
      seed(150);
      assert.deepEqual(await pages(), { count: 250, calls: 3 });
    } finally {
      await t.close();
    }
  });

  it("createConnection() rejects a Unix cron with Airbyte's 400 problem and accepts the Quartz form", async () => {
    const t = await startTestAirbyte();
    try {
      const template = await t.client.getConnection(TEST_TEMPLATE_CONNECTION);
      const error = await rejection(t.client.updateConnection({ connectionId: template.connectionId, scheduleType: "cron", scheduleData: { cron: { cronExpression: "0 6-22 * * *", cronTimeZone: "America/Jamaica" } } }));
      assert.ok(isAirbyteError(error));
      assert.equal(error.status, 400);
      assert.equal(error.problemType, "error:cron-validation/invalid-expression");
      const etc = await rejection(t.client.updateConnection({ connectionId: template.connectionId, scheduleType: "cron", scheduleData: { cron: { cronExpression: "0 0 6-22 * * ?", cronTimeZone: "Etc/UTC" } } }));
      assert.equal((etc as { problemType?: string }).problemType, "error:cron-validation/invalid-timezone");
      const ok = await makeConnection(t.client);
      assert.equal(ok.scheduleData?.cron?.cronExpression, "0 0 6-22 * * ?");
    } finally {
      await t.close();
    }
  });

  it("updateConnection() is a patch and only selected streams are stored", async () => {
    const t = await startTestAirbyte();
    try {
      const created = await makeConnection(t.client);
      const updated = await t.client.updateConnection({ connectionId: created.connectionId, prefix: "acme_" });
      assert.equal(updated.prefix, "acme_");
      assert.equal(updated.name, "acme meta");
      assert.equal(updated.scheduleType, "cron");
      const catalog = structuredClone(created.syncCatalog);
      (catalog.streams[0] as { config: { selected?: boolean } }).config.selected = false;
      const narrowed = await t.client.updateConnection({ connectionId: created.connectionId, syncCatalog: catalog });
      assert.equal(narrowed.syncCatalog.streams.length, created.syncCatalog.streams.length - 1);
      assert.ok(narrowed.syncCatalog.streams.every((s) => s.config.selected === true));
    } finally {
      await t.close();
    }
  });

  it("syncConnection() gives a distinguishable 409 while a sync runs and a 500 for an inactive connection", async () => {
    const t = await startTestAirbyte();
    try {
      const active = await makeConnection(t.client);
      const first = await t.client.syncConnection(active.connectionId);
      assert.equal(first.job.status, "running");
      const conflict = await rejection(t.client.syncConnection(active.connectionId, { tenant: "acme" }));
      assert.ok(isAirbyteConflictError(conflict));
      assert.match(conflict.message, /A sync is already running for/);
      assert.equal(conflict.connectionId, active.connectionId);
      const inactive = await makeConnection(t.client, "inactive");
      const refused = await rejection(t.client.syncConnection(inactive.connectionId));
      assert.ok(isAirbyteError(refused));
      assert.equal(refused.status, 500);
      assert.equal(refused.attempts, 1);
      assert.equal(refused.ambiguous, false);
      assert.match(refused.message, /Can only sync an active connection/);
    } finally {
      await t.close();
    }
  });

  it("jobs move running -> succeeded with stats, in epoch seconds", async () => {
    const t = await startTestAirbyte({ server: { jobs: { durationMs: 120_000 } } });
    try {
      const c = await makeConnection(t.client);
      const started = await t.client.syncConnection(c.connectionId);
      assert.ok(started.job.createdAt < 1e11, "epoch seconds");
      await t.clock.advance(121_000);
      const done = await t.client.getJob(started.job.id);
      assert.equal(done.job.status, "succeeded");
      assert.ok((done.attempts[0]?.totalStats?.recordsCommitted ?? 0) > 0);
      assert.ok((done.job.aggregatedStats?.bytesEmitted ?? 0) > 0);
      const statuses = await t.client.getConnectionStatuses([c.connectionId]);
      assert.equal(statuses[0]?.connectionSyncStatus, "synced");
      const listed = await t.client.listJobs({ connectionId: c.connectionId });
      assert.equal(listed.total, 1);
    } finally {
      await t.close();
    }
  });

  it("listJobs() stops paging after the page that reaches a job created before createdAfter", async () => {
    const t = await startTestAirbyte({ server: { jobs: { durationMs: 60_000 } } });
    try {
      const c = await makeConnection(t.client);
      const created: number[] = [];
      for (let i = 0; i < 4; i++) {
        created.push((await t.client.syncConnection(c.connectionId)).job.createdAt * 1000);
        await t.clock.advance(3_600_000);
      }
      const all = await t.client.listJobs({ connectionId: c.connectionId, pageSize: 1 });
      assert.equal(all.jobs.length, 4);
      const recent = await t.client.listJobs({ connectionId: c.connectionId, pageSize: 1, createdAfter: (created[2] as number) - 1 });
      assert.deepEqual(recent.jobs.map((j) => j.job.createdAt * 1000), [created[3], created[2], created[1]], "the page that passes the bound is the last one read");
      assert.ok((recent.jobs[0]?.attempts[0]?.streamStats?.length ?? 0) > 0, "jobs/list carries each attempt's streamStats");
    } finally {
      await t.close();
    }
  });

  it("a job that fails with config_error goes incomplete, then failed with a failureSummary", async () => {
    const t = await startTestAirbyte({ server: { jobs: { durationMs: 60_000, gapMs: 10_000 }, faults: { jobs: [{ failureType: "config_error", failAttempts: 3 }] } } });
    try {
      const c = await makeConnection(t.client);
      const job = await t.client.syncConnection(c.connectionId);
      await t.clock.advance(65_000);
      assert.equal((await t.client.getJob(job.job.id)).job.status, "incomplete");
      await t.clock.advance(200_000);
      const done = await t.client.getJob(job.job.id);
      assert.equal(done.job.status, "failed");
      assert.equal(done.attempts.length, 3);
      assert.equal(done.attempts[2]?.failureSummary?.failures[0]?.failureType, "config_error");
    } finally {
      await t.close();
    }
  });

  it("jobs that hang can be cancelled, unless they ignore cancel; unknown job ids give 500", async () => {
    const t = await startTestAirbyte();
    try {
      const c = await makeConnection(t.client);
      const hung = await t.client.syncConnection(c.connectionId, { headers: { "x-adops-job": "hang" } });
      await t.clock.advance(3_600_000);
      assert.equal((await t.client.getJob(hung.job.id)).job.status, "running");
      await t.client.cancelJob(hung.job.id);
      assert.equal((await t.client.getJob(hung.job.id)).job.status, "cancelled");
      const stubborn = await t.client.syncConnection(c.connectionId, { headers: { "x-adops-job": "hang,ignore-cancel" } });
      await t.client.cancelJob(stubborn.job.id);
      assert.equal((await t.client.getJob(stubborn.job.id)).job.status, "running");
      const unknown = await rejection(t.client.getJob(999_999));
      assert.equal((unknown as { status?: number }).status, 500);
      assert.match(String((unknown as Error).message), /Could not find job with id: 999999/);
    } finally {
      await t.close();
    }
  });

  it("reads are retried on 429 honouring Retry-After, on 5xx and on dropped connections", async () => {
    const t = await startTestAirbyte();
    try {
      t.airbyte.faults.requests.push({ path: "workspaces/get", kind: "rate_limit", retryAfterSeconds: 7, times: 2 });
      const before = t.clock.now();
      await t.client.getWorkspace(TEST_WORKSPACE);
      assert.ok(t.clock.now() - before >= 14_000, "waited Retry-After twice");
      t.airbyte.faults.requests.push({ path: "connections/get", kind: "error", status: 503, times: 2 });
      t.airbyte.faults.requests.push({ path: "connections/list", kind: "drop", times: 1 });
      await t.client.getConnection(TEST_TEMPLATE_CONNECTION);
      await t.client.listConnections(TEST_WORKSPACE);
      assert.equal(t.airbyte.calls["connections/get"], 3);
      assert.equal(t.airbyte.calls["connections/list"], 2);
    } finally {
      await t.close();
    }
  });

  it("creates and syncs are retried on 429 but never on 5xx or a dropped connection (ambiguous)", async () => {
    const t = await startTestAirbyte();
    try {
      t.airbyte.faults.requests.push({ path: "sources/create", kind: "rate_limit", retryAfterSeconds: 1, times: 1 });
      await t.client.createSource({ workspaceId: TEST_WORKSPACE, name: "x", sourceDefinitionId: "253487c0-2246-43ba-a21f-5116b20a2c50", connectionConfiguration: GOOGLE_ADS });
      assert.equal(t.airbyte.calls["sources/create"], 2);
      t.airbyte.faults.requests.push({ path: "sources/create", kind: "error", status: 502, afterHandling: true, times: 1 });
      const lost = await rejection(t.client.createSource({ workspaceId: TEST_WORKSPACE, name: "y", sourceDefinitionId: "253487c0-2246-43ba-a21f-5116b20a2c50", connectionConfiguration: GOOGLE_ADS }));
      assert.ok(isAirbyteError(lost) && lost.ambiguous);
      assert.equal(t.airbyte.calls["sources/create"], 3);
      const c = await makeConnection(t.client);
      t.airbyte.faults.requests.push({ path: "connections/sync", kind: "drop", times: 1 });
      const dropped = await rejection(t.client.syncConnection(c.connectionId));
      assert.ok(isAirbyteError(dropped) && dropped.ambiguous && dropped.status === undefined);
      assert.equal(t.airbyte.calls["connections/sync"], 1);
    } finally {
      await t.close();
    }
  });

  it("a 5xx storm on reads ends with a clear error after the configured attempts", async () => {
    const t = await startTestAirbyte({ client: { retry: { attempts: 3, random: () => 0 } } });
    try {
      t.airbyte.faults.requests.push({ path: "connections/list", kind: "error", status: 500, message: "Internal Server Error: database is down" });
      const error = await rejection(t.client.listConnections(TEST_WORKSPACE, { tenant: "acme" }));
      assert.ok(isAirbyteError(error));
      assert.equal(error.attempts, 3);
      assert.match(error.message, /500: Internal Server Error: database is down .*\(tenant .acme.\)/);
    } finally {
      await t.close();
    }
  });

  it("client credentials: tokens are refreshed before expiry and once on a 401, and never leak", async () => {
    const secret = "very-secret-client-secret";
    const t = await startTestAirbyte({
      server: { auth: { clientId: "adops", clientSecret: secret, tokenTtlSeconds: 120 } },
      client: { auth: { mode: "client_credentials", clientId: "adops", clientSecret: secret } },
    });
    try {
      await t.client.getWorkspace(TEST_WORKSPACE);
      await t.clock.advance(150_000); // past the token's lifetime: refreshed before use
      await t.client.getWorkspace(TEST_WORKSPACE);
      t.airbyte.faults.requests.push({ path: "workspaces/get", kind: "unauthorized", times: 1 }); // revoked mid-run
      await t.client.getWorkspace(TEST_WORKSPACE);
      assert.equal(t.airbyte.calls["applications/token"], 3);
      const redactor = createRedactor({});
      const bad = await startTestAirbyte({ server: { auth: { clientId: "adops", clientSecret: secret } }, client: { auth: { mode: "client_credentials", clientId: "adops", clientSecret: "wrong-secret-value" }, redactor } });
      try {
        const error = await rejection(bad.client.getWorkspace(TEST_WORKSPACE));
        assert.ok(isAirbyteAuthError(error));
        assert.match(error.message, /Invalid client id or token/);
        assert.ok(!error.message.includes("wrong-secret-value"));
      } finally {
        await bad.close();
      }
    } finally {
      await t.close();
    }
  });

  it("bearer and header auth are sent as configured; a missing token is a 401 error", async () => {
    const t = await startTestAirbyte({ server: { auth: { tokens: ["abc123"], headers: ["Basic dXNlcjpwYXNz"] } }, client: { auth: { mode: "bearer", token: "abc123" } } });
    try {
      await t.client.getWorkspace(TEST_WORKSPACE);
      const { createAirbyteClient } = await import("./client.ts");
      const header = createAirbyteClient({ baseUrl: t.airbyte.url, clock: t.clock, auth: { mode: "header", header: "Basic dXNlcjpwYXNz" } });
      await header.getWorkspace(TEST_WORKSPACE);
      const none = createAirbyteClient({ baseUrl: t.airbyte.url, clock: t.clock });
      const error = await rejection(none.getWorkspace(TEST_WORKSPACE));
      assert.ok(isAirbyteAuthError(error));
    } finally {
      await t.close();
    }
  });

  it("checkSource() reports a failed check with Airbyte's reason; secrets are masked and kept on update", async () => {
    const t = await startTestAirbyte({ server: { faults: { checks: [{ sourceName: "bad", message: "Error: Invalid OAuth access token" }] } } });
    try {
      const config = { ...META, credentials: { auth_type: "Service", access_token: "tok-abcdef" } };
      const good = await t.client.createSource({ workspaceId: TEST_WORKSPACE, name: "good", sourceDefinitionId: "e7778cfc-e97c-4458-9ecb-b4f2bba8946c", connectionConfiguration: config });
      assert.deepEqual(good.connectionConfiguration.credentials, { auth_type: "Service", access_token: "**********" });
      await t.client.updateSource({ sourceId: good.sourceId, name: "good", connectionConfiguration: { ...config, account_ids: ["2"], credentials: { auth_type: "Service", access_token: "**********" } } });
      assert.equal((await t.client.checkSource(good.sourceId)).status, "succeeded");
      assert.deepEqual(t.airbyte.state.sources[good.sourceId]?.configuration.credentials, { auth_type: "Service", access_token: "tok-abcdef" });
      const bad = await t.client.createSource({ workspaceId: TEST_WORKSPACE, name: "bad", sourceDefinitionId: "e7778cfc-e97c-4458-9ecb-b4f2bba8946c", connectionConfiguration: META });
      const check = await t.client.checkSource(bad.sourceId);
      assert.equal(check.status, "failed");
      assert.match(check.message ?? "", /Invalid OAuth access token/);
      const discovered = await t.client.discoverSchema(good.sourceId);
      assert.ok((discovered.catalog?.streams.length ?? 0) > 0);
      assert.equal((await t.client.discoverSchema(bad.sourceId)).catalog, undefined);
    } finally {
      await t.close();
    }
  });
});
