import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consecutiveFailures, expectedDurationMs, isEmptySync } from "./job-history.ts";
import type { SyncJob } from "./sync-api.ts";

function job(id: number, status: SyncJob["status"], records = 10, durationMs = 60_000): SyncJob {
  const createdAt = id * 3_600_000;
  return { id, connectionId: "c", status, createdAt, updatedAt: createdAt + durationMs, endedAt: createdAt + durationMs, attempts: 1, recordsEmitted: records, bytesEmitted: 0, recordsCommitted: records, bytesCommitted: 0, failure: undefined };
}

describe("job history", () => {
  it("consecutiveFailures() counts failed and cancelled jobs back to the newest success, skipping running ones", () => {
    assert.equal(consecutiveFailures([job(5, "running"), job(4, "failed"), job(3, "cancelled"), job(2, "succeeded"), job(1, "failed")]), 2);
    assert.equal(consecutiveFailures([job(2, "succeeded"), job(1, "failed")]), 0);
    assert.equal(consecutiveFailures([]), 0);
  });

  it("isEmptySync() flags a success with 0 records only when recent successes had records", () => {
    assert.equal(isEmptySync(job(4, "succeeded", 0), [job(3, "succeeded", 50)]), true);
    assert.equal(isEmptySync(job(4, "succeeded", 0), [job(3, "succeeded", 0)]), false);
    assert.equal(isEmptySync(job(4, "failed", 0), [job(3, "succeeded", 50)]), false);
    assert.equal(isEmptySync(job(4, "succeeded", 5), [job(3, "succeeded", 50)]), false);
  });

  it("expectedDurationMs() takes the median of recent successes", () => {
    assert.equal(expectedDurationMs([job(1, "succeeded", 1, 10_000), job(2, "succeeded", 1, 30_000), job(3, "failed", 0, 1), job(4, "succeeded", 1, 20_000)]), 20_000);
    assert.equal(expectedDurationMs([job(1, "failed")]), undefined);
  });
});
