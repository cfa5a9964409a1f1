import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideDue } from "./due.ts";
import type { SyncJob } from "./sync-api.ts";

// America/Jamaica is UTC-5 all year.
const local = (h: number, m: number) => Date.UTC(2026, 10, 23, h + 5, m);
const hourly = { kind: "cron", cron: "0 6-22 * * *", timeZone: "America/Jamaica" } as const;

function job(id: number, status: SyncJob["status"], createdAt: number): SyncJob {
  return { id, connectionId: "c", status, createdAt, updatedAt: createdAt, endedAt: undefined, attempts: 1, recordsEmitted: 0, bytesEmitted: 0, recordsCommitted: 10, bytesCommitted: 0, failure: undefined };
}

describe("decideDue()", () => {
  it("decideDue() syncs a slot missed by a trigger that fired 40 minutes late", () => {
    const d = decideDue(hourly, [job(1, "succeeded", local(11, 5))], { now: local(12, 45) });
    assert.equal(d.due, true);
    assert.equal(d.slotStart, local(12, 0));
    assert.match(d.reason, /Due since/);
  });

  it("decideDue() does not sync twice when a second run comes a minute later", () => {
    const d = decideDue(hourly, [job(2, "succeeded", local(12, 5)), job(1, "succeeded", local(11, 5))], { now: local(12, 6) });
    assert.equal(d.due, false);
    assert.match(d.reason, /Synced at .* next due 2026-11-23T18:00:00Z/);
  });

  it("decideDue() is not due when a job of the slot is still running", () => {
    const d = decideDue(hourly, [job(2, "running", local(12, 5)), job(1, "succeeded", local(11, 5))], { now: local(12, 6) });
    assert.equal(d.due, false);
    assert.match(d.reason, /Job 2 of this slot is already running/);
  });

  it("decideDue() is due again when the slot's only job failed", () => {
    const d = decideDue(hourly, [job(2, "failed", local(12, 5)), job(1, "succeeded", local(11, 5))], { now: local(12, 30) });
    assert.equal(d.due, true);
  });

  it("decideDue() uses the last fire time of the day outside the cron's hours, in the tenant time zone", () => {
    assert.equal(decideDue(hourly, [job(1, "succeeded", local(22, 5))], { now: local(23, 30) }).due, false);
    const d = decideDue(hourly, [job(1, "succeeded", local(21, 5))], { now: local(23, 30) });
    assert.equal(d.due, true);
    assert.equal(d.slotStart, local(22, 0));
  });

  it("decideDue() is due when nothing ever succeeded", () => {
    assert.equal(decideDue(hourly, [], { now: local(12, 5) }).due, true);
    assert.match(decideDue(hourly, [job(1, "failed", local(11, 5))], { now: local(12, 5) }).reason, /No successful sync/);
  });

  it("decideDue() syncs anyway with force and says what the schedule said", () => {
    const d = decideDue(hourly, [job(2, "succeeded", local(12, 5))], { now: local(12, 6), force: true });
    assert.equal(d.due, true);
    assert.match(d.reason, /^Forced \(Synced at/);
  });

  it("decideDue() allows a little slack on interval schedules", () => {
    const every = { kind: "interval", units: 1, timeUnit: "hours" } as const;
    const now = local(13, 5);
    assert.equal(decideDue(every, [job(1, "succeeded", now - 59 * 60_000)], { now }).due, true);
    assert.equal(decideDue(every, [job(1, "succeeded", now - 60_000)], { now }).due, false);
    assert.equal(decideDue(every, [job(1, "succeeded", now - 50 * 60_000)], { now, intervalSlackMs: 0 }).due, false);
  });
});
