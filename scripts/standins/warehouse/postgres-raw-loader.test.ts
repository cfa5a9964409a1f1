// The Postgres loader against a real server (startPostgres): the Direct Load layout and the
// three write modes. About 3 s. Without server binaries it skips locally and fails in CI.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { postgresAvailable, type PostgresServer, startPostgres } from "../postgres/mod.ts";
import type { RawTable } from "./generate-raw-data.ts";
import { createPostgresRawLoader, postgresColumnType } from "./postgres-raw-loader.ts";
import { queryPostgres } from "./query-postgres.ts";

const python = join(resolve(import.meta.dirname ?? ".", "../../.."), "dbt/.venv/bin/python");
const skip = !existsSync(python)
  ? "dbt/.venv missing: run node scripts/setup.mjs"
  : !postgresAvailable() && process.env.CI !== "true"
  ? "no PostgreSQL server binaries (Debian package 'postgresql', or PG_BIN)"
  : false;

const columns = {
  _airbyte_raw_id: "VARCHAR",
  _airbyte_extracted_at: "TIMESTAMPTZ",
  _airbyte_meta: "JSON",
  _airbyte_generation_id: "BIGINT",
  AccountId: "BIGINT",
  TimePeriod: "DATE",
  Spend: "DECIMAL(38, 9)",
  actions: "JSON",
};

function table(rows: Record<string, unknown>[], write: RawTable["write"]): RawTable {
  return { schema: "raw_acme_retail", table: "acme_bing_report", columns, rows, ...(write === undefined ? {} : { write }), stream: "report" };
}

function row(id: string, day: string, spend: number, at: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { _airbyte_raw_id: id, _airbyte_extracted_at: at, _airbyte_meta: { changes: [], sync_id: 1 }, _airbyte_generation_id: 0, AccountId: 7012345678901234567n, TimePeriod: day, Spend: spend, actions: [{ action_type: "purchase", value: 2 }], ...extra };
}

describe("createPostgresRawLoader()", { skip }, () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg?.stop();
  });

  it("createPostgresRawLoader() lands the Direct Load layout: quoted case-preserved columns, jsonb, decimal(38, 9), bigint, timestamptz", async () => {
    const loader = createPostgresRawLoader({ connection: pg, python });
    const result = await loader.load([table([row("a", "2026-01-01", 1.5, "2026-01-02T07:00:00.000Z", { actions: null })], undefined)], { mode: "replace" });
    assert.deepEqual(result.tables, [{ schema: "raw_acme_retail", table: "acme_bing_report", rows: 1 }]);
    const types = await queryPostgres(pg, "select column_name, data_type, numeric_precision, numeric_scale from information_schema.columns where table_schema = 'raw_acme_retail' and table_name = 'acme_bing_report' order by ordinal_position", { python });
    assert.deepEqual(types.map((t) => `${t.column_name} ${t.data_type}${t.numeric_scale === null || t.data_type !== "numeric" ? "" : `(${t.numeric_precision},${t.numeric_scale})`}`), [
      "_airbyte_raw_id character varying",
      "_airbyte_extracted_at timestamp with time zone",
      "_airbyte_meta jsonb",
      "_airbyte_generation_id bigint",
      "AccountId bigint",
      "TimePeriod date",
      "Spend numeric(38,9)",
      "actions jsonb",
    ]);
    const [got] = await queryPostgres(pg, `select "AccountId"::text as account, "Spend"::text as spend, actions is null as no_actions, _airbyte_meta->>'sync_id' as sync from raw_acme_retail.acme_bing_report`, { python });
    assert.deepEqual(got, { account: "7012345678901234567", spend: "1.500000000", no_actions: true, sync: "1" });
  });

  it("createPostgresRawLoader() keeps one row per key under append_dedup, the greatest cursor then the latest extraction; overwrite replaces the rows under a dependent view", async () => {
    const loader = createPostgresRawLoader({ connection: pg, python });
    const write = { mode: "append_dedup" as const, primaryKey: ["AccountId", "TimePeriod"], cursor: ["TimePeriod"] };
    await loader.load([table([row("a", "2026-01-01", 1, "2026-01-02T07:00:00.000Z"), row("b", "2026-01-02", 2, "2026-01-03T07:00:00.000Z")], write)], { mode: "replace" });
    await loader.load([table([row("c", "2026-01-02", 5, "2026-01-04T07:00:00.000Z")], write)]);
    const kept = await queryPostgres(pg, `select _airbyte_raw_id as id, "Spend"::float as spend from raw_acme_retail.acme_bing_report order by 1`, { python });
    assert.deepEqual(kept, [{ id: "a", spend: 1 }, { id: "c", spend: 5 }]);
    // dbt's staging views read the raw tables; Postgres binds a view to its table, so an overwrite must not drop it.
    await pg.query(`create schema staging; create view staging.report as select _airbyte_raw_id as id from raw_acme_retail.acme_bing_report`);
    await loader.load([table([row("d", "2026-01-05", 9, "2026-01-06T07:00:00.000Z")], { mode: "overwrite", primaryKey: [], cursor: [] })]);
    assert.deepEqual(await queryPostgres(pg, "select id from staging.report", { python }), [{ id: "d" }]);
  });

  it("postgresColumnType() maps the layout's types to destination-postgres'", () => {
    assert.deepEqual(Object.values(columns).map(postgresColumnType), ["varchar", "timestamp with time zone", "jsonb", "bigint", "bigint", "date", "decimal(38, 9)", "jsonb"]);
  });
});
