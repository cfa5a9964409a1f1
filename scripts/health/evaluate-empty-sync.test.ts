import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConnection } from "../config/testing.ts";
import { evaluateEmptySync } from "./evaluate-empty-sync.ts";
import { makeJob } from "./testing.ts";

test("evaluateEmptySync() flags a success that committed no records", () => {
  const empty = makeJob({ createdAt: 2, recordsCommitted: 0 });
  const check = evaluateEmptySync(makeConnection(), { ok: true, connectionId: "c", jobs: [makeJob({ createdAt: 1 }), empty] });
  assert.equal(check.status, "empty_sync");
  assert.equal(check.details.job_id, empty.id);
});

test("evaluateEmptySync() is ok when records were committed or the count is unknown", () => {
  const connection = makeConnection();
  assert.equal(evaluateEmptySync(connection, { ok: true, connectionId: "c", jobs: [makeJob()] }).status, "ok");
  assert.equal(evaluateEmptySync(connection, { ok: true, connectionId: "c", jobs: [makeJob({ recordsCommitted: undefined })] }).status, "ok");
  assert.equal(evaluateEmptySync(connection, { ok: false, reason: "error", message: "x" }).status, "ok");
});
