// adops ops load end to end (the CLI in process, real DuckDB through dbt/.venv), and its
// refusals: bad PostgreSQL settings exit 1 naming the variable, never the password.
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { makeRunReport, makeSyncRow } from "../ops/testing.ts";
import { queryDuckdb } from "../standins/warehouse/mod.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const python = join(repo, "dbt/.venv/bin/python");
const PASSWORD = "canary-ops-password-5d4e3f";
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-ops-cmd-"));
  await cp(join(repo, "config"), join(dir, "config"), { recursive: true });
  await mkdir(join(dir, "reports/2026/11/23"), { recursive: true });
  await writeFile(join(dir, "reports/2026/11/23/gh-1-1-sync.json"), JSON.stringify(makeRunReport("sync", [makeSyncRow("acme-retail", "acme_meta")], { runId: "gh-1-1" })));
  await writeFile(join(dir, "reports/2026/11/23/renovate.json"), JSON.stringify({ extends: ["config:base"] }));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ADOPS_DBT_PROJECT_DIR: join(repo, "dbt"), ADOPS_REPORT_DIR: join(dir, "out"), ...extra };
}

describe("adops ops load", () => {
  it("adops ops load --warehouse postgres exits 1 naming a missing or bad DBT_PG_* variable, never the password", async () => {
    const bad = await runCliForTest(["ops", "load", "--dir", "reports", "--warehouse", "postgres", "--no-airbyte"], {
      cwd: dir,
      env: env({ DBT_PG_HOST: "db", DBT_PG_PORT: "54x2", DBT_PG_USER: "adops", DBT_PG_PASSWORD: PASSWORD }),
    });
    const text = `${bad.stdout}\n${bad.stderr}`;
    assert.equal(bad.exitCode, 1, text);
    assert.match(text, /DBT_PG_DATABASE is not set/);
    assert.match(text, /DBT_PG_PORT is '54x2', not a port number/);
    assert.ok(!text.includes(PASSWORD), "the password is not printed");
  });

  it("adops ops load loads the reports into DuckDB, skips a foreign file with a warning naming it (exit 0), and a second run loads nothing", { skip: existsSync(python) ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, async () => {
    const database = join(dir, "warehouse.duckdb");
    const args = ["ops", "load", "--dir", "reports", "--no-airbyte", "--json"];
    const first = await runCliForTest(args, { cwd: dir, env: env({ DBT_DUCKDB_PATH: database }) });
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(first.stderr, /Skipped reports\/2026\/11\/23\/renovate\.json: Not an adops run report/);
    const json = JSON.parse(first.stdout) as { files_loaded: number; files_skipped: number; tables: { table: string; counts?: { inserted: number } }[]; report: string };
    assert.deepEqual([json.files_loaded, json.files_skipped], [1, 1]);
    assert.equal(json.tables.find((t) => t.table === "sync_outcomes")?.counts?.inserted, 1);
    assert.ok((json.tables.find((t) => t.table === "sla_windows")?.counts?.inserted ?? 0) > 0, "SLA windows from config/");
    assert.match(await readFile(json.report, "utf8"), /"command": "ops"/);
    const rows = await queryDuckdb(database, "select run_id, tenant, connection_name, job_id from ops.sync_outcomes", { python });
    assert.deepEqual(rows, [{ run_id: "gh-1-1", tenant: "acme-retail", connection_name: "acme_meta", job_id: 41 }]);
    const second = await runCliForTest(args, { cwd: dir, env: env({ DBT_DUCKDB_PATH: database }) });
    const again = JSON.parse(second.stdout) as { files_loaded: number; files_unchanged: number; files_skipped: number };
    assert.deepEqual([second.exitCode, again.files_loaded, again.files_skipped, again.files_unchanged], [0, 0, 0, 2]);
  });
});
