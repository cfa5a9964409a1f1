// Runs REAL dbt (dbt/.venv from `node scripts/setup.mjs`) on a temporary copy of the
// project with a broken model and a failing test added, then freshness on stale raw
// data, then a missing profile: three dbt invocations shared by every assertion.
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { createDbtCli } from "./dbt-cli.ts";
import type { DbtPlan } from "./plan-steps.ts";
import { createDuckdbRawLoader } from "../standins/warehouse/duckdb-raw-loader.ts";
import type { RawTenant } from "./mod.ts";
import { generateRawHistory } from "../standins/warehouse/mod.ts";
import { runDbt, type RunDbtResult } from "./run-dbt.ts";
import { warehouseSqlSkip } from "./testing.ts";
import { dbtTenantsVar } from "./tenants-var.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const dbtBin = join(repo, "dbt/.venv/bin/dbt");
const hasDbt = await stat(dbtBin).then(() => true, () => false);
const tenant: RawTenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { meta: { accountId: "act_1", currency: "EUR", streams: ["ads_insights"] } } };

describe("runDbt() with real dbt", { skip: hasDbt ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, () => {
  let dir = "";
  let build: RunDbtResult;
  let missingProfile: RunDbtResult;

  function options(projectDir: string, profilesDir: string, root: string) {
    return {
      cli: createDbtCli({ dbtPath: dbtBin, env: { PATH: process.env.PATH } }),
      files: createNodeFiles(projectDir),
      clock: createSystemClock(),
      projectDir,
      profilesDir,
      targetRoot: join(projectDir, "target", root),
      // Shared across steps so the freshness step does not parse the project again.
      partialParseFile: join(projectDir, "target", "partial_parse.msgpack"),
      vars: { tenants: dbtTenantsVar([{ ...tenant, streamTargets: {} }]) },
      env: { DBT_DUCKDB_PATH: join(projectDir, "w.duckdb") },
    };
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "adops-dbt-test-"));
    const project = join(dir, "project");
    for (const part of ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests"]) await cp(join(repo, "dbt", part), join(project, part), { recursive: true });
    await writeFile(join(project, "models/marts/broken_model.sql"), "select no_such_column from (select 1 as a) as t\n");
    await writeFile(join(project, "tests/assert_always_fails.sql"), "select 1 as failing_row from {{ ref('stg_meta__campaign_stats') }} limit 2\n");
    // Raw data last loaded three days ago: older than error_after (36 h).
    const tables = generateRawHistory([tenant], { asOf: Date.now() - 3 * 86_400_000, days: 5 });
    await createDuckdbRawLoader({ databasePath: join(project, "w.duckdb"), python: join(repo, "dbt/.venv/bin/python") }).load(tables, { mode: "replace" });
    const plan: DbtPlan = {
      mode: "full",
      notes: [],
      steps: [
        { id: "build", name: "build", command: ["build"], args: ["--select", "path:models/staging/meta", "broken_model", "assert_always_fails"], which: "build" },
        { id: "freshness", name: "freshness", command: ["source", "freshness"], args: ["--select", "source:meta.ads_insights"], which: undefined },
      ],
    };
    build = await runDbt(plan, options(project, project, "a"));
    const empty = join(dir, "no-profiles");
    await mkdir(empty);
    missingProfile = await runDbt({ mode: "full", notes: [], steps: [plan.steps[0]!] }, options(project, empty, "b"));
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reports a model error with dbt's message", () => {
    const node = build.outcomes[0]?.nodes.find((n) => n.name === "broken_model");
    assert.equal(node?.status, "error");
    assert.match(node?.message ?? "", /no_such_column/);
  });

  it("reports a failing test with its failure count", () => {
    const node = build.outcomes[0]?.nodes.find((n) => n.name === "assert_always_fails");
    assert.equal(node?.status, "fail");
    assert.equal(node?.failures, 2);
  });

  it("reports a stale source from dbt source freshness", () => {
    const freshness = build.outcomes[1];
    assert.equal(freshness?.dbtExitCode, 1);
    assert.deepEqual(freshness?.nodes.map((n) => [n.unique_id, n.status]), [["source.adops.meta.ads_insights", "error"]]);
  });

  it("maps failing nodes next to passing ones to exit 2", () => {
    assert.equal(build.outcomes[0]?.dbtExitCode, 1);
    assert.ok(build.counts.pass > 0, `counts ${JSON.stringify(build.counts)}`);
    assert.equal(build.counts.error, 3); // broken_model, assert_always_fails, the stale source
    assert.equal(build.outcome, "partial");
  });

  it("maps a missing profile to exit 1 with dbt's error and no stale results", () => {
    const outcome = missingProfile.outcomes[0];
    assert.equal(outcome?.dbtExitCode, 2);
    assert.equal(outcome?.status, "not_run");
    assert.match(outcome?.error ?? "", /Could not find profile named 'adops'/);
    assert.equal(outcome?.nodes.length, 0);
    assert.equal(missingProfile.outcome, "config_error");
  });
});

describe("runDbt() counts the staging rows with real dbt show", { skip: warehouseSqlSkip(process.env) || (hasDbt ? false : "dbt/.venv missing: run node scripts/setup.mjs") }, () => {
  // Meta and Microsoft Ads share the campaigns table name: Microsoft Ads gets a tenant of its own.
  const tenants: RawTenant[] = [
    { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { meta: { accountId: "act_1", currency: "EUR" }, google_ads: { accountId: "4455667788", currency: "USD" } } },
    { slug: "bing", namespace: "raw_bing", prefix: "bing_", platforms: { microsoft_ads: { accountId: "180992231", accountName: "Bing", currency: "USD" } } },
  ];
  let dir = "";
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("puts one series per platform in the result, from the ShowNode event's preview", async () => {
    dir = await mkdtemp(join(tmpdir(), "adops-dbt-show-"));
    for (const part of ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests"]) await cp(join(repo, "dbt", part), join(dir, part), { recursive: true });
    const asOf = Date.now();
    await createDuckdbRawLoader({ databasePath: join(dir, "w.duckdb"), python: join(repo, "dbt/.venv/bin/python") }).load(generateRawHistory(tenants, { asOf, days: 10 }), { mode: "replace" });
    const since = new Date(asOf - 20 * 86_400_000).toISOString().slice(0, 10);
    const result = await runDbt({ mode: "full", notes: [], steps: [{ id: "run", name: "run", command: ["run"], args: ["--select", "+int_campaign_stats_unioned"], which: "run" }] }, {
      cli: createDbtCli({ dbtPath: dbtBin, env: { PATH: process.env.PATH } }),
      files: createNodeFiles(dir),
      clock: createSystemClock(),
      projectDir: dir,
      targetRoot: join(dir, "target", "a"),
      partialParseFile: join(dir, "target", "partial_parse.msgpack"),
      vars: { tenants: dbtTenantsVar(tenants.map((t) => ({ ...t, streamTargets: {} }))) },
      env: { DBT_DUCKDB_PATH: join(dir, "w.duckdb") },
      stagingVolume: { since },
    });
    assert.equal(result.outcome, "ok", JSON.stringify(result.outcomes.map((o) => o.error)));
    assert.equal(result.stagingVolumeNote, undefined);
    const series = result.stagingVolume?.series ?? [];
    assert.deepEqual(series.map((s) => `${s.tenant}/${s.platform}`).sort(), ["acme/google_ads", "acme/meta", "bing/microsoft_ads"]);
    for (const s of series) assert.ok(s.source_rows.length >= 9 && s.source_rows.every((n) => n > 0), JSON.stringify(s));
  });
});
