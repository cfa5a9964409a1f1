import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyFileChanges } from "../commit/mod.ts";
import { listFilesDeep } from "./list-files-deep.ts";
import { renderReportJson } from "./render-json.ts";
import { expiredDays, planRollup, rollupMonth } from "./rollup-reports.ts";
import { reportPath } from "./run-report.ts";
import { createMemoryFiles, makeRunReport } from "./testing.ts";

function stored(overrides: Parameters<typeof makeRunReport>[0]) {
  const report = makeRunReport(overrides);
  return [reportPath(".adops/reports", report), renderReportJson(report)] as const;
}

describe("expiredDays()", () => {
  test("expiredDays() expires a day exactly when its retention ends", () => {
    const paths = ["reports/2026/10/23/a-sync.json", "reports/2026/10/24/a-sync.json", "reports/latest/sync.json", "reports/2026/10/summary.json"];
    const at = (iso: string) => expiredDays(paths, { now: Date.parse(iso), retentionDays: 30 });
    assert.deepEqual(at("2026-11-22T23:59:59.999Z"), []);
    assert.deepEqual(at("2026-11-23T00:00:00.000Z"), ["2026/10/23"]);
    assert.deepEqual(at("2026-11-24T00:00:00.000Z"), ["2026/10/23", "2026/10/24"]);
  });

  test("expiredDays() rejects a negative or fractional retention", () => {
    assert.throws(() => expiredDays([], { now: 0, retentionDays: -1 }), RangeError);
    assert.throws(() => expiredDays([], { now: 0, retentionDays: 1.5 }), /got '1.5'/);
  });
});

describe("rollupMonth()", () => {
  test("rollupMonth() counts runs per command, day and status and lists problems once", () => {
    const a = makeRunReport({ run_id: "a", summary: { succeeded: 2, failed: 0 } });
    const b = makeRunReport({ run_id: "b", status: "failed", exit_code: 3, summary: { succeeded: 0, failed: 2 }, started_at: "2026-11-02T00:00:00.000Z" });
    const c = makeRunReport({ run_id: "a", command: "health", summary: {} });
    const s = rollupMonth(rollupMonth(undefined, "2026-11", [a, b]), "2026-11", [a, b, c]);
    assert.equal(s.runs, 3);
    assert.deepEqual(s.by_command.sync, { runs: 2, statuses: { failed: 1, ok: 1 }, duration_seconds: 540, summary: { failed: 2, succeeded: 2 } });
    assert.deepEqual(Object.keys(s.by_day), ["2026-11-02", "2026-11-23"]);
    assert.deepEqual(s.problems.map((p) => p.run_id), ["b"]);
    assert.deepEqual(s.run_ids, ["a-health", "a-sync", "b-sync"]);
  });
});

describe("planRollup()", () => {
  test("planRollup() on a local folder writes summaries, deletes expired days and keeps recent ones", async () => {
    const files = createMemoryFiles(Object.fromEntries([
      stored({ run_id: "old1", started_at: "2026-09-30T23:00:00.000Z" }),
      stored({ run_id: "old2", started_at: "2026-10-05T10:00:00.000Z", status: "partial", exit_code: 2 }),
      stored({ run_id: "new1", started_at: "2026-11-20T10:00:00.000Z" }),
    ]));
    const dir = ".adops/reports";
    const read = (p: string) => files.tryReadText(p);
    const plan = await planRollup(read, { dir, now: Date.UTC(2026, 10, 23), retentionDays: 30, paths: await listFilesDeep(files, dir) });
    assert.deepEqual(plan.days, ["2026/09/30", "2026/10/05"]);
    assert.equal(plan.reports, 2);
    await applyFileChanges(files, plan.changes);
    assert.deepEqual(await listFilesDeep(files, dir), [
      ".adops/reports/2026/09/summary.json",
      ".adops/reports/2026/10/summary.json",
      ".adops/reports/2026/11/20/new1-sync.json",
    ]);
    const again = await planRollup(read, { dir, now: Date.UTC(2026, 10, 23), retentionDays: 30, paths: await listFilesDeep(files, dir) });
    assert.deepEqual(again.changes, [], "a second rollup changes nothing");
  });

  test("planRollup() skips a month whose summary is unreadable instead of overwriting it", async () => {
    const files = createMemoryFiles(Object.fromEntries([stored({ run_id: "x", started_at: "2026-10-05T10:00:00.000Z" }), [".adops/reports/2026/10/summary.json", "{oops"]]));
    const plan = await planRollup((p) => files.tryReadText(p), { dir: ".adops/reports", now: Date.UTC(2026, 10, 23), retentionDays: 1, paths: await listFilesDeep(files, ".adops/reports") });
    assert.deepEqual(plan.changes, []);
    assert.match(plan.problems[0] ?? "", /Skipped month '2026\/10'/);
  });
});
