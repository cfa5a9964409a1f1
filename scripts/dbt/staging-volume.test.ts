import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import type { DbtStep } from "./plan-steps.ts";
import { runDbt } from "./run-dbt.ts";
import { parseStagingVolume, stagingVolumeSql } from "./staging-volume.ts";
import { createFakeDbtCli, dbtLogLine, dbtNodeLines, type FakeDbtRun, runResultsJson } from "./testing.ts";

const build: DbtStep = { id: "build", name: "build", command: ["build"], args: [], which: "build" };
const version = dbtLogLine("MainReportVersion", { version: "=1.11.16" }, { invocation_id: "inv-1" });
const preview = JSON.stringify([
  { tenant_slug: "acme", platform: "meta", stat_date: "2026-11-28", campaign_days: 2, source_rows: 40 },
  { tenant_slug: "acme", platform: "meta", stat_date: "2026-11-30", campaign_days: 3, source_rows: "41" },
  { tenant_slug: "acme", platform: "google_ads", stat_date: "2026-11-30", campaign_days: 1, source_rows: null },
]);

function buildRun(model: string): FakeDbtRun {
  const results = [{ uniqueId: model, status: "success" }];
  return { exitCode: 0, stdout: [version, ...dbtNodeLines(model, { status: "success", index: 1, total: 1 })], artifacts: { "run_results.json": runResultsJson({ which: "build", results }) } };
}

async function run(runs: FakeDbtRun[]) {
  const cli = createFakeDbtCli(runs);
  const result = await runDbt({ mode: "full", notes: [], steps: [build] }, { cli, files: cli.files, clock: createFakeClock(), projectDir: "/p", targetRoot: "/p/target/adops/r1", stagingVolume: { since: "2026-10-01" } });
  return { cli, result };
}

describe("parseStagingVolume()", () => {
  it("makes one dense series per tenant and platform, a day without rows counting 0", () => {
    const r = parseStagingVolume(preview, "2026-10-01");
    assert.ok(r.ok);
    assert.deepEqual(r.value.series, [
      { tenant: "acme", platform: "meta", from: "2026-11-28", source_rows: [40, 0, 41], campaign_days: [2, 0, 3] },
      { tenant: "acme", platform: "google_ads", from: "2026-11-30", source_rows: [0], campaign_days: [1] },
    ]);
  });

  it("refuses rows without the counted columns, saying which row", () => {
    const r = parseStagingVolume('[{"tenant_slug":"a","platform":"meta","stat_date":"2026-11-28"}]', "2026-10-01");
    assert.equal(r.ok, false);
    assert.match(r.ok ? "" : r.message, /row 1 of dbt show lacks/);
  });

  it("asks for the days since the given one from int_campaign_stats_unioned", () => {
    const sql = stagingVolumeSql("2026-10-01");
    assert.match(sql, /where stat_date >= cast\('2026-10-01' as date\)/);
    assert.throws(() => stagingVolumeSql("'; drop table x"), RangeError);
  });
});

describe("runDbt() staging volume", () => {
  it("counts the staging rows with one dbt show after a build that built a staging model", async () => {
    const { cli, result } = await run([buildRun("model.adops.stg_meta__campaign_stats"), { exitCode: 0, stdout: [version, dbtLogLine("ShowNode", { preview, unique_id: "sql_operation.adops.inline_query" })] }]);
    assert.equal(cli.calls.length, 2);
    const args = cli.calls[1]?.args ?? [];
    assert.equal(args[0], "show");
    assert.deepEqual(args.slice(-4), ["--limit", "-1", "--output", "json"]);
    assert.equal(args[args.indexOf("--target-path") + 1], "/p/target/adops/r1/2-staging-volume");
    assert.equal(result.outcome, "ok");
    assert.deepEqual(result.stagingVolume?.series.map((s) => `${s.tenant}/${s.platform}:${s.source_rows.join(",")}`), ["acme/meta:40,0,41", "acme/google_ads:0"]);
    assert.equal(result.stagingVolumeNote, undefined);
  });

  it("turns a failed count into a note, never a failed run", async () => {
    const { result } = await run([buildRun("model.adops.stg_meta__campaign_stats"), { exitCode: 1, stdout: [version, dbtLogLine("MainEncounteredError", { exc: "Catalog Error: Table int_campaign_stats_unioned does not exist" })] }]);
    assert.equal(result.outcome, "ok");
    assert.equal(result.stagingVolume, undefined);
    assert.match(result.stagingVolumeNote ?? "", /Staging volume not counted .*dbt show exited with 1: Catalog Error: Table int_campaign_stats_unioned does not exist/);
  });

  it("turns a port that throws into a note too", async () => {
    const cli = createFakeDbtCli([buildRun("model.adops.stg_meta__campaign_stats")]);
    const throwing = { run: (i: Parameters<typeof cli.run>[0]) => (i.args[0] === "show" ? Promise.reject(new Error("worker died")) : cli.run(i)) };
    const result = await runDbt({ mode: "full", notes: [], steps: [build] }, { cli: throwing, files: cli.files, clock: createFakeClock(), projectDir: "/p", targetRoot: "/t", stagingVolume: { since: "2026-10-01" } });
    assert.equal(result.outcome, "ok");
    assert.match(result.stagingVolumeNote ?? "", /worker died/);
  });

  it("does not count when no platform staging model was built (an ops build)", async () => {
    const { cli, result } = await run([buildRun("model.adops.stg_ops__command_runs")]);
    assert.equal(cli.calls.length, 1);
    assert.equal(result.stagingVolume, undefined);
    assert.equal(result.stagingVolumeNote, undefined);
  });
});
