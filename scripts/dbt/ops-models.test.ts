// Runs REAL dbt (dbt/.venv) on the ops models once per engine: a DuckDB file and a real
// PostgreSQL server the test starts itself (startPostgres). The `ops` tables are created by
// SQL from the columns dbt/models/ops/_ops__sources.yml declares (the one list dbt reads),
// with a few rows whose attainment is known, then `dbt build --select path:models/ops`
// (models, data tests and unit tests) and the marts are read back. About 15 s per engine.
// Without server binaries the Postgres half skips locally and fails under CI=true.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { postgresAvailable, startPostgres } from "../standins/postgres/mod.ts";
import { warehouseSqlSkip } from "./testing.ts";
import { queryDuckdb, queryPostgres } from "../standins/warehouse/mod.ts";
import { createDbtCli } from "./dbt-cli.ts";
import { runDbt, type RunDbtResult } from "./run-dbt.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const dbtBin = join(repo, "dbt/.venv/bin/dbt");
const python = join(repo, "dbt/.venv/bin/python");
const hasDbt = await stat(dbtBin).then(() => true, () => false);

/** `create table ops.<name> (...)` for the tables the fixture fills, typed as the sources yml says. */
async function opsDdl(tables: readonly string[]): Promise<string> {
  const doc = parse(await readFile(join(repo, "dbt/models/ops/_ops__sources.yml"), "utf8")) as {
    sources: { name: string; tables: { name: string; columns: { name: string; data_type: string }[] }[] }[];
  };
  const ops = doc.sources.find((s) => s.name === "ops");
  return tables.map((name) => {
    const table = ops?.tables.find((t) => t.name === name);
    assert.ok(table, `source ops.${name}`);
    return `create table ops.${name} (${table.columns.map((c) => `${c.name} ${c.data_type}`).join(", ")});`;
  }).join("\n");
}

// acme's hourly Meta connection: one 16 h window (07:00-23:00 Jamaica), one success at its start,
// fresh for its first hour (0.0625); a failure an hour later. The daily connection: two cycle
// windows, the first run's success holds the whole first cycle (1.0), no success for the second
// (0.0, measured up to the horizon, the last command run at 08:00 UTC on 03-04). dbt: one ok build
// at 07:00 UTC on 03-02 (24 h SLA): 17 h of 03-02, 7 h of 03-03, none of 03-04's 8 h.
const FIXTURE = `
insert into ops.sla_windows (tenant, connection_name, schedule_group, day, window_start, window_end, fresh_minutes, loaded_at) values
  ('acme', 'Meta', 'metrics', '2026-03-02', '2026-03-02 12:00:00+00', '2026-03-03 04:00:00+00', 60, now()),
  ('acme', 'Daily', 'daily', '2026-03-02', '2026-03-02 08:15:00+00', '2026-03-03 08:15:00+00', 60, now()),
  ('acme', 'Daily', 'daily', '2026-03-03', '2026-03-03 08:15:00+00', '2026-03-04 08:15:00+00', 60, now());
insert into ops.sync_outcomes (run_id, tenant, connection_name, status, job_id, started_at, ended_at, duration_seconds, records_committed, failure_origin, failure_type, loaded_at) values
  ('r1', 'acme', 'Meta', 'succeeded', 1, '2026-03-02 11:50:00+00', '2026-03-02 12:00:00+00', 600, 100, null, null, now()),
  ('r2', 'acme', 'Meta', 'failed', 2, '2026-03-02 12:50:00+00', '2026-03-02 13:00:00+00', 600, 0, 'source', 'config_error', now());
insert into ops.airbyte_jobs (job_id, tenant, connection_name, status, created_at, ended_at, duration_seconds, records_committed, observed_at, loaded_at) values
  (1, 'acme', 'Meta', 'succeeded', '2026-03-02 11:50:00+00', '2026-03-02 12:00:00+00', 600, 100, '2026-03-02 13:00:00+00', now()),
  (3, 'acme', 'Daily', 'succeeded', '2026-03-02 07:15:00+00', '2026-03-02 07:30:00+00', 900, 50, '2026-03-02 13:00:00+00', now());
insert into ops.command_runs (run_id, command, started_at, ended_at, duration_seconds, exit_code, status, loaded_at) values
  ('d1', 'dbt', '2026-03-02 06:50:00+00', '2026-03-02 07:00:00+00', 600, 0, 'ok', now()),
  ('s9', 'sync', '2026-03-04 07:50:00+00', '2026-03-04 08:00:00+00', 600, 0, 'ok', now());
`;
const TABLES = ["sla_windows", "sync_outcomes", "airbyte_jobs", "command_runs"];

interface Engine {
  name: string;
  skip: string | false;
  open(dir: string): Promise<{ run(sql: string): Promise<unknown>; query(sql: string): Promise<Record<string, unknown>[]>; env: Record<string, string>; target?: string; close(): Promise<void> }>;
}

const noDbt = "dbt/.venv missing: run node scripts/setup.mjs";
const ENGINES: Engine[] = [
  {
    name: "DuckDB",
    skip: warehouseSqlSkip(process.env) || (hasDbt ? false : noDbt),
    open(dir) {
      const database = join(dir, "w.duckdb");
      return Promise.resolve({
        run: (sql) => queryDuckdb(database, sql, { python, write: true }),
        query: (sql) => queryDuckdb(database, sql, { python }),
        env: { DBT_DUCKDB_PATH: database },
        close: () => Promise.resolve(),
      });
    },
  },
  {
    name: "PostgreSQL",
    skip: warehouseSqlSkip(process.env) || (!hasDbt ? noDbt : !postgresAvailable() && process.env.CI !== "true" ? "no PostgreSQL server binaries (Debian package 'postgresql', or PG_BIN): the ops models did not run on Postgres" : false),
    async open() {
      const pg = await startPostgres();
      return { run: (sql) => pg.query(sql), query: (sql) => queryPostgres(pg, sql, { python }), env: pg.env, target: "postgres", close: () => pg.stop() };
    },
  },
];

for (const engine of ENGINES) {
  describe(`the ops models on ${engine.name} with real dbt`, { skip: engine.skip }, () => {
    let dir = "";
    let warehouse: Awaited<ReturnType<Engine["open"]>> | undefined;
    let build: RunDbtResult;
    const rows = (sql: string) => warehouse!.query(sql);

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "adops-ops-models-"));
      const project = join(dir, "project");
      for (const part of ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests"]) await cp(join(repo, "dbt", part), join(project, part), { recursive: true });
      warehouse = await engine.open(project);
      await warehouse.run(`create schema if not exists ops;\n${await opsDdl(TABLES)}\n${FIXTURE}`);
      build = await runDbt({ mode: "full", notes: [], steps: [{ id: "build", name: "build", command: ["build"], args: ["--select", "path:models/ops"], which: "build" }] }, {
        cli: createDbtCli({ dbtPath: dbtBin, env: { PATH: process.env.PATH ?? "" } }),
        files: createNodeFiles(project),
        clock: createSystemClock(),
        projectDir: project,
        profilesDir: project,
        targetRoot: join(project, "target", "ops"),
        vars: { dbt_fresh_hours: 24, ops_time_zones: { acme: "America/Jamaica" } },
        env: warehouse.env,
        ...(warehouse.target === undefined ? {} : { target: warehouse.target }),
      });
    });

    after(async () => {
      await warehouse?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("builds every ops model, data test and unit test green", () => {
      const failing = build.outcomes.flatMap((o) => o.nodes).filter((n) => !["success", "pass"].includes(n.status));
      assert.deepEqual(failing.map((n) => `${n.unique_id}: ${n.status} ${n.message ?? ""}`), []);
      assert.equal(build.outcome, "ok");
      const nodes = build.outcomes[0]?.nodes ?? [];
      assert.ok(nodes.filter((n) => n.unique_id.startsWith("unit_test.")).length >= 4, "the unit tests ran");
      assert.ok(nodes.filter((n) => n.unique_id.startsWith("model.")).length >= 12, "the models ran");
    });

    it("gives the known Airbyte SLA attainment per connection and tenant-local day", async () => {
      const got = await rows(`select connection_name, cast(day as varchar) as day, freshness_rule, window_seconds, fresh_seconds, sla_attainment, syncs, failures
        from ops_marts.ops_sync_sla_daily order by connection_name, day`);
      assert.deepEqual(got.map((r) => [r.connection_name, r.day, r.freshness_rule, Number(r.window_seconds), Number(r.fresh_seconds), Number(r.sla_attainment), Number(r.syncs), Number(r.failures)]), [
        ["Daily", "2026-03-02", "cycle", 86_400, 86_400, 1, 1, 0],
        ["Daily", "2026-03-03", "cycle", 85_500, 0, 0, 0, 0],
        ["Meta", "2026-03-02", "age", 57_600, 3_600, 0.0625, 2, 1],
      ]);
    });

    it("gives dbt's attainment per UTC day and the failures by type", async () => {
      const dbt = await rows(`select cast(day as varchar) as day, fresh_seconds, sla_attainment from ops_marts.ops_dbt_sla_daily order by day`);
      assert.deepEqual(dbt.map((r) => [r.day, Number(r.fresh_seconds)]), [["2026-03-02", 61_200], ["2026-03-03", 25_200], ["2026-03-04", 0]]);
      const failures = await rows(`select connection_name, failure_type, failures from ops_marts.ops_sync_failures_daily`);
      assert.deepEqual(failures.map((r) => [r.connection_name, r.failure_type, Number(r.failures)]), [["Meta", "config_error", 1]]);
    });

    it("rolls the week up as fresh seconds over window seconds", async () => {
      const week = await rows(`select check_name, subject, cast(week_start as varchar) as week_start, window_seconds, fresh_seconds, sla_attainment
        from ops_marts.ops_sla_weekly order by check_name, subject`);
      assert.deepEqual(week.map((r) => [r.check_name, r.subject, r.week_start, Number(r.window_seconds), Number(r.fresh_seconds)]), [
        ["airbyte_sync", "Daily", "2026-03-02", 171_900, 86_400],
        ["airbyte_sync", "Meta", "2026-03-02", 57_600, 3_600],
        ["dbt_run", "dbt", "2026-03-02", 201_600, 86_400],
      ]);
    });
  });
}
