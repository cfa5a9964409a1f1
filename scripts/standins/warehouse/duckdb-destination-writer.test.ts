import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { createCapturingRawLoader } from "../../dbt/testing.ts";
import { createDuckdbDestinationWriter, type RawDestinationBatch } from "./duckdb-destination-writer.ts";
import { createDuckdbRawLoader } from "./duckdb-raw-loader.ts";
import { queryDuckdb } from "./query-duckdb.ts";
import type { RawTenant } from "../../dbt/mod.ts";

const DAY = 86_400_000;
const emittedAt = Date.parse("2026-11-23T07:00:00Z");
const acme: RawTenant = { slug: "acme-retail", namespace: "raw_acme_retail", prefix: "acme_", platforms: { meta: { accountId: "1029384756", currency: "JMD" } } };

function batch(overrides: Partial<RawDestinationBatch> = {}): RawDestinationBatch {
  return {
    connectionId: "c-1",
    tenantHint: "acme-retail",
    namespace: "raw_acme_retail",
    prefix: "acme_",
    streams: ["ads_insights", "campaigns"],
    sourceDefinitionName: "Facebook Marketing",
    sourceConfiguration: { account_ids: ["555"], insights_lookback_window: 28 },
    jobId: 42,
    emittedAt,
    ...overrides,
  };
}

describe("createDuckdbDestinationWriter()", () => {
  it("createDuckdbDestinationWriter() writes <namespace>.<prefix><stream> with Airbyte's columns, the catalog's columns and each stream's write mode", async () => {
    const loader = createCapturingRawLoader();
    const result = await createDuckdbDestinationWriter({ loader, tenants: [acme] }).write(batch());
    assert.equal(loader.loads.length, 1);
    const { tables } = loader.loads[0] ?? { tables: [] };
    assert.deepEqual(tables.map((t) => `${t.schema}.${t.table}`).sort(), ["raw_acme_retail.acme_ads_insights", "raw_acme_retail.acme_campaigns"]);
    const stats = tables.find((t) => t.table === "acme_ads_insights");
    assert.deepEqual(Object.keys(stats?.columns ?? {}).slice(0, 4), ["_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id"]);
    assert.equal(stats?.columns.actions, "JSON");
    assert.equal(stats?.columns.spend, "DECIMAL(38, 9)");
    assert.equal(stats?.columns.date_start, "DATE");
    assert.equal(Object.keys(stats?.columns ?? {}).length, 4 + 101, "one column per top-level property");
    assert.deepEqual(stats?.write, { mode: "append_dedup", primaryKey: ["date_start", "account_id", "ad_id"], cursor: ["date_start"] });
    const row = stats?.rows[0] ?? {};
    assert.equal(row._airbyte_extracted_at, "2026-11-23T07:00:00.000Z");
    assert.equal((row._airbyte_meta as { sync_id?: unknown }).sync_id, 42);
    // The tenant's configured account wins over the source configuration.
    assert.equal(row.account_id, "1029384756");
    assert.equal(result.records, tables.reduce((n, t) => n + t.rows.length, 0));
    assert.deepEqual(result.streams?.map((s) => s.name).sort(), ["ads_insights", "campaigns"]);
    assert.ok(result.records > 0 && result.bytes > 0);
  });

  it("createDuckdbDestinationWriter() re-reads the lookback of the source configuration and follows the configured catalog", async () => {
    const loader = createCapturingRawLoader();
    const writer = createDuckdbDestinationWriter({ loader, tenants: [acme] });
    const configuredStreams = [{ name: "ads_insights", syncMode: "incremental" as const, destinationSyncMode: "append" as const, cursorField: ["date_start"], primaryKey: [["date_start"], ["account_id"], ["ad_id"]] }];
    await writer.write(batch({ streams: ["ads_insights"], sourceConfiguration: { insights_lookback_window: 3 }, configuredStreams }));
    await writer.write(batch({ streams: ["ads_insights"], sourceConfiguration: { insights_lookback_window: 3 }, emittedAt: emittedAt + DAY, jobId: 43 }));
    const [first, second] = loader.loads.map((l) => l.tables[0]);
    assert.deepEqual([...new Set(first?.rows.map((r) => String(r.date_start)))].sort(), ["2026-11-20", "2026-11-21", "2026-11-22"]);
    assert.equal(first?.write?.mode, "append");
    assert.equal(second?.write?.mode, "append_dedup", "without a configured catalog the template's mode applies");
    const ids = [...(first?.rows ?? []), ...(second?.rows ?? [])].map((r) => String(r._airbyte_raw_id));
    assert.equal(new Set(ids).size, ids.length, "every record has its own _airbyte_raw_id");
  });

  it("createDuckdbDestinationWriter() takes an unknown tenant's account from the source configuration", async () => {
    const loader = createCapturingRawLoader();
    await createDuckdbDestinationWriter({ loader }).write(batch({ tenantHint: "new-tenant", namespace: "raw_new", prefix: "new_", streams: ["campaign_performance"], sourceDefinitionName: "Google Ads", sourceConfiguration: { customer_id: "9988776655" } }));
    const table = loader.loads[0]?.tables[0];
    assert.equal(`${table?.schema}.${table?.table}`, "raw_new.new_campaign_performance");
    assert.equal(table?.rows[0]?.customer_id, 9988776655);
    assert.equal(table?.columns.metrics_cost_micros, "BIGINT");
  });

  it("createDuckdbDestinationWriter() writes nothing for sources the dbt project does not read", async () => {
    const loader = createCapturingRawLoader();
    const result = await createDuckdbDestinationWriter({ loader, tenants: [acme] }).write(batch({ sourceDefinitionName: "Stripe" }));
    assert.deepEqual(result, { records: 0, bytes: 0, streams: [] });
    assert.equal(loader.loads.length, 0);
  });
});

const python = resolve(import.meta.dirname ?? ".", "../../../dbt/.venv/bin/python");
const hasPython = await stat(python).then(() => true, () => false);

describe("createDuckdbDestinationWriter() on a real DuckDB file", { skip: hasPython ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, () => {
  it("createDuckdbDestinationWriter() keeps one row per key (the latest restatement) under append_dedup, and replaces overwrite tables", async () => {
    const dir = await mkdtemp(join(tmpdir(), "adops-dest-"));
    try {
      const databasePath = join(dir, "w.duckdb");
      const writer = createDuckdbDestinationWriter({ loader: createDuckdbRawLoader({ databasePath, python }), tenants: [acme] });
      const streams = ["ads_insights", "ad_account"];
      const first = await writer.write(batch({ streams }));
      await writer.write(batch({ streams, emittedAt: emittedAt + DAY, jobId: 43 }));
      const q = (sql: string) => queryDuckdb(databasePath, sql, { python });
      const [counts] = await q("select count(*) as n, count(distinct (date_start, account_id, ad_id)) as keys, min(date_start) as first_day, max(date_start) as last_day from raw_acme_retail.acme_ads_insights");
      assert.equal(counts?.n, counts?.keys, "one row per primary key");
      assert.deepEqual([counts?.first_day, counts?.last_day], ["2026-10-26", "2026-11-23"]);
      const adsPerSync = (first.streams?.find((s) => s.name === "ads_insights")?.records ?? 0) / 28;
      assert.equal(counts?.n, adsPerSync * 29, "28 days read twice and one new day: 29 days of ads");
      // A day both syncs read holds the second sync's restatement.
      const [restated] = await q("select count(*) as n, min(_airbyte_meta->>'sync_id') as sync from raw_acme_retail.acme_ads_insights where date_start = '2026-11-20'");
      assert.deepEqual([restated?.n, restated?.sync], [adsPerSync, "43"]);
      const [account] = await q("select count(*) as n, max(currency) as currency, max(_airbyte_generation_id) as generation from raw_acme_retail.acme_ad_account");
      assert.deepEqual([account?.n, account?.currency, account?.generation], [1, "JMD", 43]);
      const [purchase] = await q("select typeof(actions) as t, json_array_length(actions) > 0 as has from raw_acme_retail.acme_ads_insights limit 1");
      assert.deepEqual([purchase?.t, purchase?.has], ["JSON", true]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
