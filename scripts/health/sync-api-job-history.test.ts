import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConnection, makeTenant } from "../config/testing.ts";
import type { SyncApi, SyncJob } from "../sync/mod.ts";
import { createSyncApiJobHistory } from "./sync-api-job-history.ts";

function job(id: number, status: SyncJob["status"], createdAt: number): SyncJob {
  return { id, connectionId: "c-1", status, createdAt, updatedAt: createdAt + 1, endedAt: createdAt + 1, attempts: 1, recordsEmitted: 1, bytesEmitted: 1, recordsCommitted: 1, bytesCommitted: 1, failure: undefined };
}

function fakeApi(jobs: SyncJob[], calls: string[]): SyncApi {
  const unused = () => Promise.reject(new Error("Not used"));
  return {
    listConnections(workspaceId) {
      calls.push(`listConnections ${workspaceId}`);
      return Promise.resolve([
        { connectionId: "c-1", name: "acme meta_metrics", status: "active", managedKey: "adops:acme:meta_metrics" },
        { connectionId: "c-old", name: "old", status: "deprecated", managedKey: "adops:acme:google_metrics" },
      ]);
    },
    listJobs(connectionId, options) {
      calls.push(`listJobs ${connectionId} ${options?.limit}`);
      if (connectionId === "boom") return Promise.reject(new Error("Airbyte answered HTTP 503"));
      return Promise.resolve(jobs);
    },
    triggerSync: unused,
    getJob: unused,
    cancelJob: unused,
  };
}

const tenant = makeTenant();

test("createSyncApiJobHistory() finds the connection by managed key once per workspace and keeps the last success", async () => {
  const calls: string[] = [];
  const jobs = [job(5, "failed", 500), job(4, "failed", 400), job(3, "succeeded", 300), job(2, "succeeded", 200)];
  const port = createSyncApiJobHistory(fakeApi(jobs, calls), { tenants: [tenant], limit: 50 });
  const first = await port.listJobs(makeConnection(), { since: 450 });
  assert.ok(first.ok);
  assert.equal(first.connectionId, "c-1");
  assert.deepEqual(first.jobs.map((j) => j.id), [5, 4, 3]);
  await port.listJobs(makeConnection(), { since: 0 });
  assert.deepEqual(calls, [`listConnections ${tenant.workspaceId}`, "listJobs c-1 50", "listJobs c-1 50"]);
});

test("createSyncApiJobHistory() reports unprovisioned connections and read errors as results", async () => {
  const port = createSyncApiJobHistory(fakeApi([], []), { tenants: [tenant] });
  const missing = await port.listJobs(makeConnection({ template: "google_metrics", managedKey: "adops:acme:google_metrics" }), { since: 0 });
  assert.deepEqual(missing.ok ? "ok" : missing.reason, "not_found");
  const failing = await port.listJobs(makeConnection({ connectionId: "boom" }), { since: 0 });
  assert.equal(failing.ok ? "" : failing.message, "Airbyte answered HTTP 503");
});

test("createSyncApiJobHistory() reads a long history back to since, bounded by maxJobs, only when the usual read falls short", async () => {
  const calls: string[] = [];
  const all = Array.from({ length: 300 }, (_, i) => job(300 - i, "succeeded", (300 - i) * 10));
  const api = fakeApi(all, calls);
  api.listJobs = (connectionId, options) => {
    calls.push(`listJobs ${connectionId} ${options?.limit} ${options?.createdAfter ?? "-"}`);
    return Promise.resolve(all.slice(0, options?.limit ?? 20));
  };
  const port = createSyncApiJobHistory(api, { tenants: [tenant], limit: 50 });
  const connection = makeConnection({ connectionId: "c-1" });
  const long = await port.listJobs(connection, { since: 1_800, maxJobs: 500 });
  assert.ok(long.ok);
  assert.equal(long.jobs.length, 121, "every job created at or after since");
  const short = await port.listJobs(connection, { since: 2_800, maxJobs: 500 });
  assert.ok(short.ok);
  assert.deepEqual(calls, ["listJobs c-1 50 -", "listJobs c-1 500 1800", "listJobs c-1 50 -"]);
});
