import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMemoryFiles } from "../report/testing.ts";
import { loadOps } from "./mod.ts";
import { createFakeOpsWarehouse, makeRunReport, makeSyncRow } from "./testing.ts";

const now = () => Date.UTC(2026, 10, 23, 12);
const json = (value: unknown) => JSON.stringify(value, null, 2);

function reportFolder() {
  const sync = makeRunReport("sync", [makeSyncRow("acme", "acme_meta")], { runId: "gh-1-1" });
  return createMemoryFiles({
    "reports/2026/11/23/gh-1-1-sync.json": json(sync),
    "reports/latest/sync.json": json(sync),
    "reports/latest/health.json": json(makeRunReport("health", [], { runId: "gh-2-1", startedAt: "2026-11-20T10:07:00.000Z" })),
    "reports/STATUS.md": "# Status",
    "reports/status.json": "{}",
  });
}

function rowsOf(warehouse: ReturnType<typeof createFakeOpsWarehouse>, table: string) {
  return warehouse.writes.flat().filter((w) => w.table === table).flatMap((w) => w.rows);
}

describe("loadOps()", () => {
  it("loadOps() loads a dated report, records latest/ copies of it without loading their rows twice, and loads a latest/ report whose dated file is gone", async () => {
    const warehouse = createFakeOpsWarehouse();
    const result = await loadOps({ files: reportFolder(), dir: "reports", warehouse, now });
    assert.deepEqual([result.loaded, result.duplicates, result.skipped, result.unchanged], [2, 1, 0, 0]);
    assert.deepEqual(rowsOf(warehouse, "command_runs").map((r) => [r.run_id, r.report_path]), [["gh-1-1", "2026/11/23/gh-1-1-sync.json"], ["gh-2-1", "latest/health.json"]]);
    assert.equal(rowsOf(warehouse, "sync_outcomes").length, 1);
    assert.deepEqual(rowsOf(warehouse, "loaded_files").map((r) => [r.path, r.kind, r.status]).sort(), [
      ["2026/11/23/gh-1-1-sync.json", "run_report", "loaded"],
      ["latest/health.json", "latest", "loaded"],
      ["latest/sync.json", "latest", "loaded"],
    ]);
  });

  it("loadOps() reloading an unchanged folder reads no dated report and writes nothing", async () => {
    const files = reportFolder();
    const warehouse = createFakeOpsWarehouse();
    await loadOps({ files, dir: "reports", warehouse, now });
    const read: string[] = [];
    const counting = { ...files, readText: (p: string) => (read.push(p), files.readText(p)) };
    const again = await loadOps({ files: counting, dir: "reports", warehouse, now });
    assert.deepEqual([again.loaded, again.unchanged, warehouse.writes.length], [0, 3, 1]);
    assert.ok(read.every((p) => p.startsWith("reports/latest/")), read.join(", "));
  });

  it("loadOps() loads only the new report on the next run, and a latest/ file again only when its sha256 changed", async () => {
    const files = reportFolder();
    const warehouse = createFakeOpsWarehouse();
    await loadOps({ files, dir: "reports", warehouse, now });
    const next = makeRunReport("sync", [makeSyncRow("acme", "acme_meta", { job_id: 77 })], { runId: "gh-3-1", startedAt: "2026-11-23T11:00:00.000Z" });
    await files.writeText("reports/2026/11/23/gh-3-1-sync.json", json(next));
    await files.writeText("reports/latest/sync.json", json(next));
    const result = await loadOps({ files, dir: "reports", warehouse, now });
    assert.deepEqual([result.loaded, result.duplicates, result.unchanged], [1, 1, 2]);
    assert.deepEqual(warehouse.writes[1]?.find((w) => w.table === "sync_outcomes")?.rows.map((r) => r.job_id), [77]);
  });

  it("loadOps() skips a malformed, a foreign and an older-version file with a warning naming each, records them, and loads the rest", async () => {
    const files = reportFolder();
    await files.writeText("reports/2026/11/23/broken.json", '{"run_id": "x", ');
    await files.writeText("reports/notes.json", json({ owner: "someone" }));
    await files.writeText("reports/2026/11/22/gh-0-1-sync.json", json({ ...makeRunReport("sync", []), run_id: "gh-0-1", schema_version: 0 }));
    const warnings: string[] = [];
    const warehouse = createFakeOpsWarehouse();
    const result = await loadOps({ files, dir: "reports", warehouse, now, onWarning: (w) => warnings.push(w) });
    assert.equal(result.skipped, 3);
    assert.equal(result.loaded, 2);
    assert.deepEqual(result.skippedFiles.map((s) => s.path).sort(), ["reports/2026/11/22/gh-0-1-sync.json", "reports/2026/11/23/broken.json", "reports/notes.json"]);
    for (const s of result.skippedFiles) assert.ok(warnings.some((w) => w.includes(s.path)));
    assert.deepEqual(rowsOf(warehouse, "loaded_files").filter((r) => r.status === "skipped").map((r) => r.kind).sort(), ["other", "run_report", "run_report"]);
    const again = await loadOps({ files, dir: "reports", warehouse, now });
    assert.equal(again.skipped, 0, "a skipped file is not re-read (and not re-warned) until it changes");
  });

  it("loadOps() loads the reports and reports Airbyte unreachable when its job history cannot be read", async () => {
    const warehouse = createFakeOpsWarehouse();
    const result = await loadOps({ files: reportFolder(), dir: "reports", warehouse, now, airbyte: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8000")) });
    assert.equal(result.airbyte, "unreachable");
    assert.equal(result.loaded, 2);
    assert.match(result.warnings.join("\n"), /Airbyte's job history was not loaded \(the reports were\): connect ECONNREFUSED/);
  });

  it("loadOps() in a dry run counts the rows per table it would write and writes nothing", async () => {
    const warehouse = createFakeOpsWarehouse();
    const result = await loadOps({ files: reportFolder(), dir: "reports", warehouse, now, dryRun: true });
    assert.equal(warehouse.writes.length, 0);
    assert.equal(result.tables.find((t) => t.table === "sync_outcomes")?.rows, 1);
    assert.equal(result.tables.find((t) => t.table === "sync_outcomes")?.counts, undefined);
  });
});
