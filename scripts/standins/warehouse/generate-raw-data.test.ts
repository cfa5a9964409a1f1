import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../config/mod.ts";
import { RAW_PLATFORMS, type RawPlatform, type RawTenant } from "../../dbt/mod.ts";
import { createNodeFiles } from "../../runtime/files.ts";
import { createAjv } from "../../../schemas/create-ajv.ts";
import { applyWrite } from "./apply-write.ts";
import { stringifyWithBigInts } from "./destination-layout.ts";
import { generateRawHistory, type RawTable, syncRecords, syncStreamRecords } from "./generate-raw-data.ts";
import { LOOKBACK, RAW_STREAMS } from "./platform-streams.ts";

const DAY = 86_400_000;
const asOf = Date.parse("2026-11-23T07:00:00Z");
const tenant: RawTenant = {
  slug: "acme-retail",
  namespace: "raw_acme",
  prefix: "acme_",
  platforms: {
    meta: { accountId: "1029384756", currency: "JMD" },
    google_ads: { accountId: "4455667788", currency: "USD" },
    microsoft_ads: { accountId: "180992231", accountName: "Acme Retail", currency: "USD", prefix: "acme_bing_" },
    linkedin: { accountId: "508877123", currency: "GBP", prefix: "acme_li_" },
    tiktok: { accountId: "7012345678901234567", currency: "CAD", prefix: "acme_tt_" },
  },
};

function sync(platform: RawPlatform, emittedAt: number, streams?: string[]) {
  return syncStreamRecords(tenant, platform, { emittedAt, ...(streams === undefined ? {} : { streams }) });
}

describe("syncStreamRecords()", () => {
  it("syncStreamRecords() emits only records that satisfy their stream's json_schema in the vendored catalog", () => {
    const ajv = createAjv();
    // Airbyte's timestamp_without_timezone values ("2025-06-02T09:30:00", TikTok's "2026-11-22 00:00:00")
    // carry `format: date-time` in the catalogs, which RFC 3339 cannot express without an offset:
    // accept a space separator and a missing offset, and check the rest as ajv-formats does.
    ajv.addFormat("date-time", /^\d{4}-[01]\d-[0-3]\d[T ][0-2]\d:[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)?$/);
    let checked = 0;
    for (const platform of RAW_PLATFORMS) {
      const streams = sync(platform, asOf);
      assert.deepEqual(streams.map((s) => s.stream), RAW_STREAMS[platform].map((s) => s.stream), platform);
      for (const s of streams) {
        const validate = ajv.compile(s.schema);
        assert.ok(s.records.length > 0, `${platform}.${s.stream} has records`);
        for (const record of s.records) {
          // Through JSON text, as a destination receives it (bigints become JSON integers).
          const valid = validate(JSON.parse(stringifyWithBigInts(record)));
          assert.ok(valid, `${platform}.${s.stream}: ${ajv.errorsText(validate.errors)} in ${stringifyWithBigInts(record).slice(0, 300)}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 400, `${checked} records`);
  });

  it("syncStreamRecords() emits the real grain: several ads per Meta campaign, Bing device/network rows, TikTok ads by metrics.campaign_id", () => {
    const [insights] = sync("meta", asOf, ["ads_insights"]);
    const day = (insights?.records ?? []).filter((r) => r.date_start === "2026-11-22");
    const adsPerCampaign = new Map<string, number>();
    for (const r of day) adsPerCampaign.set(String(r.campaign_id), (adsPerCampaign.get(String(r.campaign_id)) ?? 0) + 1);
    assert.ok([...adsPerCampaign.values()].some((n) => n > 1), "a campaign has several ads");
    assert.equal(new Set(day.map((r) => r.ad_id)).size, day.length, "one row per ad and day");
    const purchase = (day[0]?.actions as { action_type: string; value: number }[]).find((a) => a.action_type === "offsite_conversion.fb_pixel_purchase");
    assert.equal(typeof purchase?.value, "number");

    const [bing] = sync("microsoft_ads", asOf, ["campaign_performance_report_daily"]);
    const keyOf = (r: Record<string, unknown>) => RAW_STREAMS.microsoft_ads[2]!.primaryKey.map((k) => String(r[k[0]!])).join("|");
    const rows = bing?.records ?? [];
    assert.equal(new Set(rows.map(keyOf)).size, rows.length, "the 11-column key is unique");
    assert.ok(rows.length > new Set(rows.map((r) => `${r.CampaignId}|${r.TimePeriod}`)).size, "several rows per campaign-day");

    const [tiktok] = sync("tiktok", asOf, ["ads_reports_daily"]);
    const first = tiktok?.records[0] as { metrics: Record<string, unknown>; dimensions: Record<string, unknown>; ad_id: unknown; stat_time_day: string };
    assert.equal(typeof first.metrics.spend, "string");
    assert.equal(typeof first.metrics.campaign_id, "bigint");
    assert.equal(first.dimensions.ad_id, first.ad_id);
    assert.match(first.stat_time_day, /^\d{4}-\d\d-\d\d 00:00:00$/);

    const [li] = sync("linkedin", asOf, ["ad_campaign_analytics"]);
    const liRow = li?.records[0] ?? {};
    assert.match(String(liRow.sponsoredCampaign), /^\d+$/);
    assert.equal(liRow.string_of_pivot_values, `urn:li:sponsoredCampaign:${liRow.sponsoredCampaign}`);
    assert.equal("sponsoredAccount" in liRow, false);
  });

  it("syncStreamRecords() re-reads each connector's lookback and restates conversions upwards", () => {
    for (const platform of RAW_PLATFORMS) {
      const stats = RAW_STREAMS[platform].find((s) => s.kind === "stats")!;
      const days = new Set(sync(platform, asOf, [stats.stream])[0]?.records.map((r) => JSON.stringify(r[stats.cursorField[0]!] ?? (r.dimensions as { stat_time_day?: unknown })?.stat_time_day)));
      assert.equal(days.size, LOOKBACK[platform].days, platform);
    }
    const conversions = (at: number) => {
      const rows = sync("meta", at, ["ads_insights"])[0]?.records.filter((r) => r.date_start === "2026-11-20") ?? [];
      return rows.reduce((n, r) => n + ((r.actions as { action_type: string; value: number }[]).find((a) => a.action_type === "offsite_conversion.fb_pixel_purchase")?.value ?? 0), 0);
    };
    assert.ok(conversions(asOf + 5 * DAY) > conversions(asOf), "a later sync reports more conversions for the same day");
  });

  it("syncRecords() takes the lookback from the source configuration's own key", () => {
    const tables = syncRecords(tenant, "meta", { emittedAt: asOf, streams: ["ads_insights"], lookback: 7 });
    assert.equal(new Set(tables[0]?.rows.map((r) => r.date_start)).size, 7);
  });
});

describe("generateRawHistory()", () => {
  it("generateRawHistory() equals daily syncs replayed through the destination modes (one row per key, the latest restatement)", () => {
    const days = 36;
    const history = generateRawHistory([tenant], { asOf, days });
    const replayed = new Map<string, Record<string, unknown>[]>();
    const firstDay = new Date(asOf - days * DAY).toISOString().slice(0, 10);
    for (let j = days - 1; j >= 0; j--) {
      for (const platform of RAW_PLATFORMS) {
        for (const table of syncRecords(tenant, platform, { emittedAt: asOf - j * DAY, syncId: days - j, firstDay })) {
          const key = `${table.schema}.${table.table}`;
          replayed.set(key, applyWrite(replayed.get(key) ?? [], table));
        }
      }
    }
    const byKey = (t: RawTable) => `${t.schema}.${t.table}`;
    assert.deepEqual(history.map(byKey).sort(), [...replayed.keys()].sort());
    const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => stringifyWithBigInts(r)).sort();
    for (const table of history) assert.deepEqual(sorted(table.rows), sorted(replayed.get(byKey(table)) ?? []), byKey(table));
    const insights = history.find((t) => t.table === "acme_ads_insights")!;
    assert.equal(new Set(insights.rows.map((r) => `${r.date_start}|${r.ad_id}`)).size, insights.rows.length);
  });
});

describe("RAW_STREAMS", () => {
  it("RAW_STREAMS has the shipped templates' streams, sync modes, cursors and keys", async () => {
    const loaded = await loadConfig(createNodeFiles(resolve(import.meta.dirname ?? ".", "../../..")), "config", { env: {} });
    assert.ok(loaded.ok);
    const fromTemplates = new Map<string, unknown>();
    for (const t of loaded.config.templates.values()) {
      for (const s of t.streams ?? []) fromTemplates.set(`${t.platform}.${s.name}`, s);
    }
    for (const platform of RAW_PLATFORMS) {
      for (const s of RAW_STREAMS[platform]) {
        const t = fromTemplates.get(`${platform}.${s.stream}`) as { sync_mode?: string; destination_sync_mode?: string; cursor_field?: string[]; primary_key?: string[][] } | undefined;
        // A full-refresh stream's template names no key: the source-defined one applies.
        const template = { syncMode: t?.sync_mode, destinationSyncMode: t?.destination_sync_mode, cursorField: t?.cursor_field ?? [], primaryKey: t?.primary_key ?? s.primaryKey };
        assert.deepEqual({ syncMode: s.syncMode, destinationSyncMode: s.destinationSyncMode, cursorField: s.cursorField, primaryKey: s.primaryKey }, template, `${platform}.${s.stream}`);
      }
      const metrics = [...loaded.config.templates.values()].find((t) => t.platform === platform && /metrics/.test(t.name));
      const lookback: unknown = metrics?.source.configuration?.[LOOKBACK[platform].key];
      assert.equal(lookback, LOOKBACK[platform].days, platform);
    }
  });
});
