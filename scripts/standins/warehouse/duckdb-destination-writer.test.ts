import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { createCapturingRawLoader } from "../../dbt/testing.ts";
import { createDuckdbDestinationWriter, type RawDestinationBatch } from "./duckdb-destination-writer.ts";
import { createDuckdbRawLoader, type RawLoader } from "./duckdb-raw-loader.ts";
import type { RawTenant } from "../../dbt/mod.ts";

const emittedAt = Date.parse("2026-11-23T07:00:00Z");
const acme: RawTenant = { slug: "acme-retail", namespace: "raw_acme_retail", prefix: "acme_", platforms: { meta: { accountId: "act_1029384756", currency: "JMD" } } };

function batch(overrides: Partial<RawDestinationBatch> = {}): RawDestinationBatch {
  return {
    connectionId: "c-1",
    tenantHint: "acme-retail",
    namespace: "raw_acme_retail",
    prefix: "acme_",
    streams: ["ads_insights", "campaigns"],
    sourceDefinitionName: "Facebook Marketing",
    sourceConfiguration: { account_ids: ["555"] },
    jobId: 42,
    emittedAt,
    ...overrides,
  };
}

describe("createDuckdbDestinationWriter()", () => {
  it("appends a sync's streams to <namespace>.<prefix><stream> with Airbyte's columns", async () => {
    const loader = createCapturingRawLoader();
    const result = await createDuckdbDestinationWriter({ loader, tenants: [acme] }).write(batch());
    assert.equal(loader.loads.length, 1);
    const { tables, mode } = loader.loads[0] ?? { tables: [], mode: "" };
    assert.equal(mode, "append");
    assert.deepEqual(tables.map((t) => `${t.schema}.${t.table}`).sort(), ["raw_acme_retail.acme_ads_insights", "raw_acme_retail.acme_campaigns"]);
    const stats = tables.find((t) => t.table === "acme_ads_insights");
    assert.deepEqual(Object.keys(stats?.columns ?? {}).slice(0, 4), ["_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id"]);
    const row = stats?.rows[0] ?? {};
    assert.equal(row._airbyte_extracted_at, "2026-11-23T07:00:00.000Z");
    assert.equal(JSON.parse(String(row._airbyte_meta)).sync_id, 42);
    // The tenant's configured account wins over the source configuration.
    assert.equal(row.account_id, "1029384756");
    assert.equal(result.records, tables.reduce((n, t) => n + t.rows.length, 0));
    assert.ok(result.records > 0 && result.bytes > 0);
  });

  it("re-reads the attribution window: each sync restates the same campaign-days", async () => {
    const loader = createCapturingRawLoader();
    const writer = createDuckdbDestinationWriter({ loader, tenants: [acme] });
    await writer.write(batch({ streams: ["ads_insights"] }));
    await writer.write(batch({ streams: ["ads_insights"], emittedAt: emittedAt + 86_400_000, jobId: 43 }));
    const days = loader.loads.map((l) => new Set(l.tables[0]?.rows.map((r) => String(r.date_start))));
    const overlap = [...(days[0] ?? [])].filter((d) => days[1]?.has(d));
    // Ages 1, 2, 3, 7, 14, 28: yesterday's sync read days 1 and 2 back that today's reads again.
    assert.deepEqual(overlap.sort(), ["2026-11-21", "2026-11-22"]);
    const ids = loader.loads.flatMap((l) => l.tables[0]?.rows.map((r) => String(r._airbyte_raw_id)) ?? []);
    assert.equal(new Set(ids).size, ids.length, "every record has its own _airbyte_raw_id");
  });

  it("takes an unknown tenant's account from the source configuration, in USD", async () => {
    const loader = createCapturingRawLoader();
    await createDuckdbDestinationWriter({ loader }).write(batch({ tenantHint: "new-tenant", namespace: "raw_new", prefix: "new_", streams: ["campaign_performance"], sourceDefinitionName: "Google Ads", sourceConfiguration: { customer_id: "9988776655" } }));
    const table = loader.loads[0]?.tables[0];
    assert.equal(`${table?.schema}.${table?.table}`, "raw_new.new_campaign_performance");
    assert.equal(String(table?.rows[0]?.customer_id), "9988776655");
  });

  it("writes nothing for sources the dbt project does not read", async () => {
    const loader = createCapturingRawLoader();
    const result = await createDuckdbDestinationWriter({ loader, tenants: [acme] }).write(batch({ sourceDefinitionName: "Stripe" }));
    assert.deepEqual(result, { records: 0, bytes: 0 });
    assert.equal(loader.loads.length, 0);
  });
});

const python = resolve(import.meta.dirname ?? ".", "../../../dbt/.venv/bin/python");
const hasPython = await stat(python).then(() => true, () => false);

describe("createDuckdbDestinationWriter() on a real DuckDB file", { skip: hasPython ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, () => {
  it("appends each sync's records to the tenant's tables", async () => {
    const dir = await mkdtemp(join(tmpdir(), "adops-dest-"));
    try {
      const real = createDuckdbRawLoader({ databasePath: join(dir, "w.duckdb"), python });
      const tableRows: number[] = [];
      const loader: RawLoader = {
        async load(tables, options) {
          const result = await real.load(tables, options);
          tableRows.push(result.tables[0]?.rows ?? -1);
          return result;
        },
      };
      const writer = createDuckdbDestinationWriter({ loader, tenants: [acme] });
      const first = await writer.write(batch({ streams: ["ads_insights"] }));
      const second = await writer.write(batch({ streams: ["ads_insights"], emittedAt: emittedAt + 3_600_000, jobId: 43 }));
      assert.deepEqual(tableRows, [first.records, first.records + second.records]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
