// The ops writer on real DuckDB and a real PostgreSQL (startPostgres): typed tables from
// OPS_TABLES, idempotent upsert by key, incremental reloads, two loads racing. About 10 s.
// Without dbt's venv or PostgreSQL server binaries the affected part skips locally (fails in CI).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { warehouseSqlSkip } from "../dbt/testing.ts";
import { createMemoryFiles, generateReportHistory } from "../report/testing.ts";
import { postgresAvailable, type PostgresServer, startPostgres } from "../standins/postgres/mod.ts";
import { queryDuckdb, queryPostgres } from "../standins/warehouse/mod.ts";
import { createOpsWarehouse, loadOps, OPS_TABLE_NAMES, OPS_TABLES, type OpsWarehouse, type OpsWarehouseTarget } from "./mod.ts";
import { makeRunReport, makeSyncRow } from "./testing.ts";

const python = join(resolve(import.meta.dirname ?? ".", "../.."), "dbt/.venv/bin/python");
const noVenv = !existsSync(python) ? "dbt/.venv missing: run node scripts/setup.mjs" : false;
const noPostgres = noVenv || (!postgresAvailable() && process.env.CI !== "true" ? "no PostgreSQL server binaries (Debian package 'postgresql', or PG_BIN)" : false);
const now = () => Date.UTC(2026, 10, 23, 17, 30);

function history() {
  return createMemoryFiles(Object.fromEntries(generateReportHistory({ days: 2, tenants: ["acme", "globex"], staleTenant: "globex", retentionDays: 1 })));
}

interface Engine {
  target: (name: string) => OpsWarehouseTarget;
  query: (target: OpsWarehouseTarget, sql: string) => Promise<Record<string, unknown>[]>;
}

/** Every table's rows, in key order, as text: two warehouses hold the same when these are equal. */
async function contents(engine: Engine, target: OpsWarehouseTarget, schema = "ops"): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of OPS_TABLE_NAMES) {
    const def = OPS_TABLES[name];
    const rows = await engine.query(target, `select * from ${schema}.${name} order by ${def.key.join(", ")}`);
    out[name] = JSON.stringify(rows);
  }
  return out;
}

function suite(label: string, skip: string | false, setup: () => Promise<{ engine: Engine; stop: () => Promise<void> }>) {
  // The writer is Python (ops_load.py) whichever runtime spawns it: its SQL runs once, under Node.
  describe(`createOpsWarehouse() on ${label}`, { skip: warehouseSqlSkip(process.env) || skip }, () => {
    let engine: Engine;
    let stop: () => Promise<void>;
    let n = 0;
    const fresh = (): [OpsWarehouseTarget, OpsWarehouse] => {
      const target = engine.target(`w${++n}`);
      return [target, createOpsWarehouse(target, { python, schema: `ops${n}` })];
    };
    before(async () => {
      ({ engine, stop } = await setup());
    });
    after(async () => {
      await stop?.();
    });

    it("createOpsWarehouse() creates every ops table with the contract's typed columns", async () => {
      const [target, warehouse] = fresh();
      await warehouse.write([], new Date(now()).toISOString());
      const columns = await engine.query(target, `select table_name, column_name, data_type from information_schema.columns where table_schema = 'ops${n}' order by table_name, ordinal_position`);
      const got = (table: string) => columns.filter((c) => c.table_name === table).map((c) => `${c.column_name} ${String(c.data_type).toLowerCase()}`);
      const spelled = (type: string) => label === "DuckDB" ? ({ varchar: "varchar", bigint: "bigint", integer: "integer", "double precision": "double", boolean: "boolean", date: "date", "timestamp with time zone": "timestamp with time zone" } as Record<string, string>)[type] : type === "varchar" ? "character varying" : type;
      for (const name of OPS_TABLE_NAMES) assert.deepEqual(got(name), Object.entries(OPS_TABLES[name].columns).map(([c, t]) => `${c} ${spelled(t)}`), name);
    });

    it("loadOps() twice on the same reports changes nothing: the second load writes nothing, and rewriting every row leaves counts and contents (loaded_at too) alone", async () => {
      const [target, warehouse] = fresh();
      const files = history();
      const first = await loadOps({ files, dir: "reports", warehouse, now });
      assert.ok(first.loaded > 20);
      const before = await contents(engine, target, `ops${n}`);
      const second = await loadOps({ files, dir: "reports", warehouse, now: () => now() + 60_000 });
      assert.deepEqual([second.loaded, second.tables.every((t) => t.counts === undefined)], [0, true]);
      // Forget the manifest: every file is parsed and written again, and matches what is stored.
      const forgetful: OpsWarehouse = { ...warehouse, readManifest: () => Promise.resolve(new Map()) };
      const third = await loadOps({ files, dir: "reports", warehouse: forgetful, now: () => now() + 120_000 });
      for (const t of third.tables) assert.deepEqual([t.table, t.counts?.inserted ?? 0, t.counts?.updated ?? 0], [t.table, 0, 0]);
      assert.deepEqual(await contents(engine, target, `ops${n}`), before);
      const counts = await engine.query(target, `select count(*) as n from ops${n}.sync_outcomes`);
      assert.equal(Number(counts[0]?.n), first.tables.find((t) => t.table === "sync_outcomes")?.rows);
    });

    it("loadOps() loads a new report's rows and replaces a changed row of the same key, one row per key", async () => {
      const [target, warehouse] = fresh();
      const files = createMemoryFiles({ "reports/2026/11/23/gh-1-1-sync.json": JSON.stringify(makeRunReport("sync", [makeSyncRow("acme", "acme_meta")], { runId: "gh-1-1" })) });
      await loadOps({ files, dir: "reports", warehouse, now });
      await files.writeText("reports/2026/11/23/gh-1-1-sync.json", JSON.stringify(makeRunReport("sync", [makeSyncRow("acme", "acme_meta", { records_committed: 5 })], { runId: "gh-1-1" })));
      await files.writeText("reports/2026/11/23/gh-2-1-sync.json", JSON.stringify(makeRunReport("sync", [makeSyncRow("acme", "acme_meta")], { runId: "gh-2-1" })));
      const result = await loadOps({ files, dir: "reports", warehouse, now, rehash: true });
      assert.deepEqual(result.tables.find((t) => t.table === "sync_outcomes")?.counts, { table: "sync_outcomes", inserted: 1, updated: 1, unchanged: 0, rows: 2 });
      const rows = await engine.query(target, `select run_id, records_committed, started_at from ops${n}.sync_outcomes order by run_id`);
      assert.deepEqual(rows.map((r) => [r.run_id, Number(r.records_committed)]), [["gh-1-1", 5], ["gh-2-1", 1200]]);
      assert.match(String(rows[0]?.started_at), /^2026-11-23[ T]10:00:05/);
    });

    it("two loads racing on an empty warehouse leave exactly what one load leaves", async () => {
      const files = history();
      const [oneTarget, one] = fresh();
      const oneSchema = `ops${n}`;
      await loadOps({ files, dir: "reports", warehouse: one, now });
      const [raceTarget, race] = fresh();
      const raceSchema = `ops${n}`;
      const [a, b] = await Promise.all([loadOps({ files, dir: "reports", warehouse: race, now }), loadOps({ files, dir: "reports", warehouse: createOpsWarehouse(raceTarget, { python, schema: raceSchema }), now })]);
      assert.equal(a.loaded + b.loaded > 0, true);
      assert.deepEqual(await contents(engine, raceTarget, raceSchema), await contents(engine, oneTarget, oneSchema));
    });
  });
}

let root = "";
suite("DuckDB", noVenv, async () => {
  root = await mkdtemp(join(tmpdir(), "adops-ops-duckdb-"));
  return {
    engine: {
      // One file for every test: each test has its own schema, and the race shares a file as loads do.
      target: () => ({ kind: "duckdb", path: join(root, "warehouse.duckdb") }),
      query: (t, sql) => queryDuckdb(t.kind === "duckdb" ? t.path : "", sql, { python }),
    },
    stop: () => rm(root, { recursive: true, force: true }),
  };
});

suite("PostgreSQL", noPostgres, async () => {
  const pg: PostgresServer = await startPostgres();
  const settings = { host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database };
  return {
    engine: { target: () => ({ kind: "postgres", settings }), query: (_t, sql) => queryPostgres(pg, sql, { python }) },
    stop: () => pg.stop(),
  };
});
