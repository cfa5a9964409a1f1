import assert from "node:assert/strict";
import { test } from "node:test";
import { toSyncJob } from "./airbyte-sync-api.ts";

const job = { id: 7, configType: "sync", configId: "c1", createdAt: 100, updatedAt: 400, status: "succeeded" as const, aggregatedStats: { recordsCommitted: 12 } };

test("toSyncJob() sums each stream's committed records over the attempts' streamStats", () => {
  const synced = toSyncJob({
    job,
    attempts: [
      { id: 0, status: "failed", createdAt: 100, updatedAt: 200, streamStats: [{ streamName: "ads_insights", stats: { recordsCommitted: 2 } }] },
      {
        id: 1,
        status: "succeeded",
        createdAt: 250,
        updatedAt: 400,
        endedAt: 400,
        streamStats: [{ streamName: "ads_insights", stats: { recordsCommitted: 7 } }, { streamName: "campaigns", streamNamespace: "raw_acme", stats: { recordsCommitted: 3 } }],
      },
    ],
  });
  assert.deepEqual(synced.streams, [
    { name: "ads_insights", namespace: undefined, recordsCommitted: 9 },
    { name: "campaigns", namespace: "raw_acme", recordsCommitted: 3 },
  ]);
});

test("toSyncJob() leaves streams undefined when Airbyte gave no per-stream stats", () => {
  assert.equal(toSyncJob({ job, attempts: [{ id: 0, status: "succeeded", createdAt: 100, updatedAt: 400 }] }).streams, undefined);
});
