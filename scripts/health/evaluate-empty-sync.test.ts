import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConnection } from "../config/testing.ts";
import { evaluateEmptySync } from "./evaluate-empty-sync.ts";
import { makeJob } from "./testing.ts";
import type { SyncJob } from "./types.ts";

function judge(jobs: SyncJob[]) {
  return evaluateEmptySync(makeConnection(), { ok: true, connectionId: "c", jobs });
}

test("evaluateEmptySync() flags successes that committed nothing after syncs that did, since the first empty one", () => {
  const firstEmpty = makeJob({ createdAt: 2, recordsCommitted: 0 });
  const check = judge([makeJob({ createdAt: 1, recordsCommitted: 80 }), firstEmpty, makeJob({ createdAt: 3, status: "failed" })]);
  assert.equal(check.status, "ok", "the newest finished job failed: that is sync_failed's business");
  const later = makeJob({ createdAt: 5, recordsCommitted: 0 });
  const flagged = judge([makeJob({ createdAt: 1, recordsCommitted: 80 }), firstEmpty, later]);
  assert.equal(flagged.status, "empty_sync");
  assert.equal(flagged.details.empty_runs, 2);
  assert.equal(flagged.since, new Date(firstEmpty.endedAt as number).toISOString());
});

test("evaluateEmptySync() clears when records flow again", () => {
  assert.equal(judge([makeJob({ createdAt: 1, recordsCommitted: 80 }), makeJob({ createdAt: 2, recordsCommitted: 0 }), makeJob({ createdAt: 3, recordsCommitted: 5 })]).status, "ok");
});

test("evaluateEmptySync() does not flag a connection that never had data, unknown counts, or unreadable history", () => {
  assert.equal(judge([makeJob({ createdAt: 1, recordsCommitted: 0 }), makeJob({ createdAt: 2, recordsCommitted: 0 })]).status, "ok");
  assert.equal(judge([makeJob({ createdAt: 1 }), makeJob({ createdAt: 2, recordsCommitted: undefined })]).status, "ok");
  assert.equal(evaluateEmptySync(makeConnection(), { ok: false, reason: "error", message: "x" }).status, "ok");
});
