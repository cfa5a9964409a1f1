// adops dbt end to end through the CLI, without Python: --dry-run plans, and a
// stand-in dbt executable (a shell script that writes run_results.json into
// its --target-path) exercises reports, outputs and exit codes.
import assert from "node:assert/strict";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { runResultsJson } from "../dbt/testing.ts";
import { parseCommandReport } from "../report/mod.ts";

let dir = "";
const FAKE_DBT = `#!/bin/sh
for a in "$@"; do
  if [ "$prev" = "--target-path" ]; then target="$a"; fi
  prev="$a"
done
echo "$*" >> "$FAKE_DBT_CALLS"
if [ -n "$FAKE_DBT_ERROR" ]; then echo "$FAKE_DBT_ERROR"; exit 2; fi
mkdir -p "$target" && cp "$FAKE_DBT_RESULTS" "$target/run_results.json"
exit "\${FAKE_DBT_EXIT:-0}"
`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-dbt-cmd-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
  await writeFile(join(dir, "dbt"), FAKE_DBT);
  await chmod(join(dir, "dbt"), 0o755);
  await writeFile(join(dir, "warehouse.duckdb"), "");
  await mkdir(join(dir, "project"));
});
after(() => rm(dir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, ADOPS_DBT_BIN: join(dir, "dbt"), ADOPS_DBT_PROJECT_DIR: join(dir, "project"), DBT_DUCKDB_PATH: join(dir, "warehouse.duckdb"), ADOPS_REPORT_DIR: join(dir, "reports"), FAKE_DBT_CALLS: join(dir, "calls.txt"), ...extra };
}

describe("adops dbt", () => {
  it("exits 1 and says how to install dbt when its virtual environment is missing", async () => {
    const run = await runCliForTest(["dbt", "--steps", "build"], { cwd: dir, env: env({ ADOPS_DBT_BIN: join(dir, "project/.venv/bin/dbt") }) });
    assert.equal(run.exitCode, 1, run.stderr);
    assert.match(run.stderr, /does not exist \(dbt is not installed\)|Cannot run dbt at/);
    assert.match(run.stderr, /hint: Run 'node scripts\/setup\.mjs'/);
    assert.doesNotMatch(run.stderr, /This is a bug in adops|internal error/);
  });

  it("exits 1 naming the missing warehouse instead of generating data into it", async () => {
    const fresh = join(dir, "fresh.duckdb");
    const run = await runCliForTest(["dbt", "--steps", "seed,build"], { cwd: dir, env: env({ DBT_DUCKDB_PATH: fresh, FAKE_DBT_CALLS: join(dir, "fresh-calls.txt") }) });
    assert.equal(run.exitCode, 1, run.stderr);
    assert.match(run.stderr, /No warehouse at '.*fresh\.duckdb': nothing to transform, and adops dbt does not generate data/);
    assert.match(run.stderr, /hint: .*--seed-demo-data/);
    assert.equal(await stat(fresh).then(() => true, () => false), false, "no warehouse file was created");
    assert.equal(await stat(join(dir, "fresh-calls.txt")).then(() => true, () => false), false, "dbt did not run");
  });

  it("--seed-demo-data generates data only for the embedded DuckDB warehouse", async () => {
    // Reaches the seeder (which needs dbt's venv Python, absent in the test project).
    const seeded = await runCliForTest(["dbt", "--steps", "build", "--seed-demo-data"], { cwd: dir, env: env({ DBT_DUCKDB_PATH: join(dir, "demo.duckdb") }) });
    assert.equal(seeded.exitCode, 1, seeded.stderr);
    assert.match(seeded.stderr, /Cannot load raw data: '.*project\/\.venv\/bin\/python' does not exist/);
    const pg = await runCliForTest(["dbt", "--steps", "build", "--seed-demo-data"], { cwd: dir, env: env({ DBT_TARGET: "postgres" }) });
    assert.equal(pg.exitCode, 1, pg.stderr);
    assert.match(pg.stderr, /--seed-demo-data writes only the embedded DuckDB warehouse, not target 'postgres'/);
  });

  it("does not look for a DuckDB file on a PostgreSQL target", async () => {
    const results = join(dir, "pg-results.json");
    await writeFile(results, runResultsJson({ which: "build", results: [{ uniqueId: "model.adops.stg_meta__campaigns", status: "success" }] }));
    const calls = join(dir, "pg-calls.txt");
    const pg = { DBT_PG_HOST: "127.0.0.1", DBT_PG_USER: "dbt", DBT_PG_PASSWORD: "s3cret-value", DBT_PG_DATABASE: "analytics" };
    const run = await runCliForTest(["dbt", "--steps", "build", "--target", "postgres"], { cwd: dir, env: env({ ...pg, DBT_DUCKDB_PATH: join(dir, "absent.duckdb"), FAKE_DBT_RESULTS: results, FAKE_DBT_CALLS: calls }) });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(await readFile(calls, "utf8"), /build .*--target postgres/);
  });

  it("exits 1 naming the unset DBT_PG_* variables of a PostgreSQL target before dbt starts, never the password", async () => {
    const calls = join(dir, "pg-missing-calls.txt");
    const run = await runCliForTest(["dbt", "--steps", "build", "--target", "prod"], { cwd: dir, env: env({ DBT_PG_HOST: "db", DBT_PG_PASSWORD: "s3cret-value", DBT_PG_PORT: "5x", FAKE_DBT_CALLS: calls }) });
    assert.equal(run.exitCode, 1, run.stderr);
    assert.match(run.stderr, /Target 'prod' is PostgreSQL, but DBT_PG_USER, DBT_PG_DATABASE are not set; DBT_PG_PORT is '5x', not a port number/);
    assert.doesNotMatch(run.stderr + run.stdout, /s3cret/);
    assert.equal(await stat(calls).then(() => true, () => false), false, "dbt did not run");
  });

  it("--dry-run prints the plan and says why it falls back to a full build", async () => {
    const run = await runCliForTest(["dbt", "--dry-run", "--state", "no-such-dir", "--select", "tag:dashboard", "--json"], { cwd: dir, env: env() });
    assert.equal(run.exitCode, 0);
    const json = JSON.parse(run.stdout) as { plan: string[]; notes: string[] };
    assert.deepEqual(json.plan, ["seed", "build --select tag:dashboard", "source freshness"]);
    assert.match(json.notes.join("\n"), /No production manifest in '.*no-such-dir': running a full build instead of state:modified\+/);
    assert.equal(run.result?.outputs?.status, "planned");
  });

  it("rejects an unknown step and --vars that are not a mapping", async () => {
    assert.equal((await runCliForTest(["dbt", "--steps", "build,docs"], { cwd: dir, env: env() })).exitCode, 1);
    const vars = await runCliForTest(["dbt", "--vars", "[1, 2]", "--dry-run"], { cwd: dir, env: env() });
    assert.equal(vars.exitCode, 1);
    assert.match(vars.stderr, /Invalid --vars '\[1, 2\]'/);
  });

  it("maps failing nodes next to passing ones to exit 2, with counts, a report and step outputs", async () => {
    const results = join(dir, "partial.json");
    await writeFile(results, runResultsJson({ which: "build", results: [{ uniqueId: "model.adops.stg_meta__campaigns", status: "success" }, { uniqueId: "test.adops.unique_x.abc", status: "fail", failures: 2, message: "Got 2 results" }, { uniqueId: "model.adops.fct_campaign_performance", status: "skipped" }] }));
    const run = await runCliForTest(["dbt", "--steps", "build", "--vars", "{enable_linkedin: false}"], { cwd: dir, env: env({ FAKE_DBT_RESULTS: results, FAKE_DBT_EXIT: "1" }) });
    assert.equal(run.exitCode, 2);
    const outputs = run.result?.outputs ?? {};
    assert.equal(outputs.status, "partial");
    assert.deepEqual(JSON.parse(outputs.counts ?? "{}"), { pass: 1, warn: 0, error: 1, skip: 1, noop: 0, total: 3 });
    const text = await readFile(outputs.report_path ?? "", "utf8");
    const report = JSON.parse(text) as { rows: { unique_id: string; status: string }[] };
    assert.deepEqual(report.rows.map((r) => r.status), ["success", "fail", "skipped"]);
    const typed = parseCommandReport(text);
    assert.ok(typed.ok && typed.value.command === "dbt", `the dbt report reads back with the dbt row schema: ${JSON.stringify(typed)}`);
    assert.match(run.stdout, /FAIL test\.adops\.unique_x\.abc: Got 2 results/);
    const calls = await readFile(join(dir, "calls.txt"), "utf8");
    // LinkedIn and TikTok are on when a tenant has an active connection there: island-telecom's
    // only TikTok connection is paused, so TikTok is off; --vars wins (LinkedIn, active, turned off).
    // The ops models get dbt's SLA and each tenant's time zone from config (platform.yml, tenants/*.yml).
    assert.match(calls, /--vars \{"tenants":\[.*\],"enable_linkedin":false,"enable_tiktok":false,"dbt_fresh_hours":24,"ops_time_zone":"America\/Jamaica","ops_time_zones":\{"acme-retail":"America\/Jamaica",.*\}\}/);
  });

  it("maps dbt not running (rc 2) to exit 1 with dbt's message", async () => {
    const run = await runCliForTest(["dbt", "--steps", "seed,build", "--json"], { cwd: dir, env: env({ FAKE_DBT_ERROR: "Encountered an error: Could not find profile named 'adops'" }) });
    assert.equal(run.exitCode, 1);
    const json = JSON.parse(run.stdout) as { status: string; messages: string[] };
    assert.equal(json.status, "not_run");
    assert.deepEqual(json.messages, ["seed: dbt did not run: Encountered an error: Could not find profile named 'adops'", "build: not started (an earlier step did not run)"]);
  });
});
