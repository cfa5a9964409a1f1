import { hash32, stableId, unit } from "./_hash.ts";
import type { RawAccount, RawPlatform, RawTenant } from "../../dbt/mod.ts";
import { AIRBYTE_COLUMNS, RAW_STREAMS, type RawStreamSpec } from "./platform-streams.ts";

/** Rows for one raw table, `<schema>.<table>`, with the table's column types. */
export interface RawTable {
  /** Schema (the tenant's namespace). */
  schema: string;
  /** Table (`<prefix><stream>`). */
  table: string;
  /** Every column with its DuckDB type, Airbyte's first. */
  columns: Record<string, string>;
  /** The records. */
  rows: Record<string, unknown>[];
}

/** Options of {@link syncRecords}. */
export interface SyncRecordsOptions {
  /** When the sync emitted its records (epoch ms); stats rows cover the days before it. */
  emittedAt: number;
  /** Streams to emit; unknown names are ignored. @default the account's `streams`, else all streams of the platform */
  streams?: readonly string[];
  /** Seed of the data. @default 7 */
  seed?: number;
  /** Airbyte sync id recorded in `_airbyte_meta`. @default 0 */
  syncId?: number;
  /** Ages (days before the sync) of the days a sync re-reads: the platforms restate conversions for 28 days. @default [1, 2, 3, 7, 14, 28] */
  ages?: readonly number[];
  /** No stats for days before this one (YYYY-MM-DD). */
  firstDay?: string;
}

/** Days a sync re-reads: the 3-day lookback plus weekly replays across the 28-day attribution window. */
export const RESTATEMENT_AGES: readonly number[] = [1, 2, 3, 7, 14, 28];

const DAY = 86_400_000;
const USD_PER_UNIT: Record<string, number> = { USD: 1, EUR: 1.09, GBP: 1.26, JMD: 0.0064, CAD: 0.73, MXN: 0.055, BRL: 0.19 };
const COUNTRY_OF_CURRENCY: Record<string, string> = { USD: "US", EUR: "DE", GBP: "GB", JMD: "JM", CAD: "CA", MXN: "MX", BRL: "BR" };
const CPM_USD: Record<RawPlatform, number> = { meta: 9, google_ads: 24, microsoft_ads: 19, linkedin: 34, tiktok: 6 };
const CTR: Record<RawPlatform, number> = { meta: 0.012, google_ads: 0.045, microsoft_ads: 0.035, linkedin: 0.006, tiktok: 0.009 };
const CAMPAIGN_NAMES: Record<RawPlatform, string[]> = {
  meta: ["Prospecting - Lookalike 1%", "Retargeting - 30d Visitors", "Brand Awareness - Reach", "Catalog Sales - DPA", "Lead Gen - Instant Forms"],
  google_ads: ["Brand - Exact", "Generic - Phrase", "Performance Max - All Products", "Competitor - Broad", "YouTube - In-Stream"],
  microsoft_ads: ["Brand - Exact", "Generic - Phrase", "Shopping - All Products", "Remarketing - Audiences"],
  linkedin: ["ABM - Decision Makers", "Lead Gen - Whitepaper", "Website Conversions - Demo"],
  tiktok: ["Spark Ads - Creators", "In-Feed - Conversions", "TopView - Launch"],
};

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function numericId(key: string, digits: number): string {
  let out = String(1 + (hash32(`${key}:0`) % 9));
  for (let i = 1; out.length < digits; i++) out += String(hash32(`${key}:${i}`)).padStart(10, "0");
  return out.slice(0, digits);
}

/** The campaigns of one tenant's account on one platform (2 to 4, stable for a seed). */
function campaignsOf(tenant: RawTenant, platform: RawPlatform, seed: number): { id: string; name: string; dailyBudgetUsd: number }[] {
  const names = CAMPAIGN_NAMES[platform];
  const count = 2 + (hash32(`${seed}:${tenant.slug}:${platform}:count`) % 3);
  return names.slice(0, Math.min(count, names.length)).map((name, i) => ({
    id: numericId(`${seed}:${tenant.slug}:${platform}:campaign:${i}`, platform === "tiktok" ? 19 : 11),
    name,
    dailyBudgetUsd: 60 + Math.floor(unit(`${seed}:${tenant.slug}:${platform}:${i}:budget`) * 540),
  }));
}

/** Share of a day's final conversions a platform reports `age` days later (1 at the end of the window). */
function reportedShare(age: number): number {
  const a = Math.min(Math.max(age, 0), 28);
  return (1 - Math.exp(-a / 4)) / (1 - Math.exp(-28 / 4));
}

interface DayStats {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
}

function dayStats(key: string, platform: RawPlatform, budgetUsd: number, currency: string, day: string, age: number): DayStats {
  const usd = USD_PER_UNIT[currency] ?? 1;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekFactor = weekday === 0 || weekday === 6 ? 0.8 : 1;
  const spendUsd = budgetUsd * (0.75 + 0.5 * unit(`${key}:spend`)) * weekFactor;
  const impressions = Math.round((spendUsd / (CPM_USD[platform] * (0.8 + 0.4 * unit(`${key}:cpm`)))) * 1000);
  const clicks = Math.round(impressions * CTR[platform] * (0.8 + 0.4 * unit(`${key}:ctr`)));
  const finalConversions = clicks * (0.03 + 0.05 * unit(`${key}:cvr`));
  const orderValue = (40 + 80 * unit(`${key}:aov`)) / usd;
  const integerConversions = platform === "linkedin" || platform === "tiktok";
  const conversions = integerConversions ? Math.round(finalConversions * reportedShare(age)) : round(finalConversions * reportedShare(age), 2);
  return { spend: round(spendUsd / usd, 2), impressions, clicks, conversions, revenue: round(conversions * orderValue, 2) };
}

function statsRow(platform: RawPlatform, account: string, campaign: { id: string; name: string }, day: string, s: DayStats): Record<string, unknown> {
  switch (platform) {
    case "meta":
      return { account_id: account, campaign_id: campaign.id, campaign_name: campaign.name, date_start: day, spend: s.spend, impressions: s.impressions, clicks: s.clicks, conversions: s.conversions, conversion_values: s.revenue };
    case "google_ads":
      return { customer_id: account, campaign_id: campaign.id, campaign_name: campaign.name, segments_date: day, metrics_cost_micros: Math.round(s.spend * 1_000_000), metrics_impressions: s.impressions, metrics_clicks: s.clicks, metrics_conversions: s.conversions, metrics_conversions_value: s.revenue };
    case "microsoft_ads":
      return { AccountId: account, CampaignId: campaign.id, CampaignName: campaign.name, TimePeriod: day, Spend: s.spend, Impressions: s.impressions, Clicks: s.clicks, Conversions: s.conversions, Revenue: s.revenue };
    case "linkedin":
      return { sponsoredAccount: `urn:li:sponsoredAccount:${account}`, sponsoredCampaign: `urn:li:sponsoredCampaign:${campaign.id}`, start_date: day, costInLocalCurrency: s.spend, impressions: s.impressions, clicks: s.clicks, externalWebsiteConversions: s.conversions, conversionValueInLocalCurrency: s.revenue };
    case "tiktok":
      return { advertiser_id: account, campaign_id: campaign.id, campaign_name: campaign.name, stat_time_day: `${day} 00:00:00`, spend: s.spend, impressions: s.impressions, clicks: s.clicks, conversion: s.conversions, total_purchase_value: s.revenue };
  }
}

function accountRow(platform: RawPlatform, tenant: RawTenant, account: string, a: RawAccount): Record<string, unknown> {
  const country = a.country ?? COUNTRY_OF_CURRENCY[a.currency] ?? "US";
  const tz = a.timeZone ?? "America/Jamaica";
  const name = `${tenant.slug} ${platform.replace("_", " ")}`;
  switch (platform) {
    case "meta":
      return { id: `act_${account}`, account_id: account, name, currency: a.currency, timezone_name: tz, business_country_code: country, account_status: 1 };
    case "google_ads":
      return { customer_id: account, customer_descriptive_name: name, customer_currency_code: a.currency, customer_time_zone: tz, customer_country_code: country, customer_status: "ENABLED" };
    case "microsoft_ads":
      return { Id: account, Name: name, CurrencyCode: a.currency, TimeZone: tz, CountryCode: country, AccountLifeCycleStatus: "Active" };
    case "linkedin":
      return { id: account, name, currency: a.currency, country_code: country, status: "ACTIVE" };
    case "tiktok":
      return { advertiser_id: account, name, currency: a.currency, timezone: tz, country, status: "STATUS_ENABLE" };
  }
}

function campaignRow(platform: RawPlatform, account: string, c: { id: string; name: string; dailyBudgetUsd: number }, emittedIso: string): Record<string, unknown> {
  switch (platform) {
    case "meta":
      return { id: c.id, account_id: account, name: c.name, objective: "OUTCOME_SALES", effective_status: "ACTIVE", daily_budget: c.dailyBudgetUsd, updated_time: emittedIso };
    case "google_ads":
      return { campaign_id: c.id, customer_id: account, campaign_name: c.name, campaign_status: "ENABLED", campaign_advertising_channel_type: "SEARCH" };
    case "microsoft_ads":
      return { Id: c.id, AccountId: account, Name: c.name, Status: "Active", CampaignType: "Search" };
    case "linkedin":
      return { id: c.id, account: `urn:li:sponsoredAccount:${account}`, name: c.name, status: "ACTIVE", objectiveType: "WEBSITE_CONVERSION" };
    case "tiktok":
      return { campaign_id: c.id, advertiser_id: account, campaign_name: c.name, operation_status: "ENABLE", objective_type: "CONVERSIONS" };
  }
}

/**
 * The records one Airbyte sync of one tenant's platform emits at `emittedAt`:
 * dimension streams in full, and for the stats stream the campaign-days the sync
 * re-reads (each with the conversions known at that age, so later syncs restate
 * them upwards until the 28-day attribution window closes). Pure and deterministic.
 *
 * @param tenant The tenant.
 * @param platform The platform (the tenant must have an account on it).
 * @param options When, which streams, seed.
 * @returns One {@link RawTable} per emitted stream.
 * @example
 * ```ts
 * import { syncRecords } from "./generate-raw-data.ts";
 * const tenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { meta: { accountId: "act_1", currency: "USD" } } };
 * const tables = syncRecords(tenant, "meta", { emittedAt: Date.parse("2026-03-01T07:00:00Z"), streams: ["ads_insights"] });
 * console.assert(tables[0]?.table === "acme_ads_insights" && tables[0].rows.length > 0);
 * ```
 */
export function syncRecords(tenant: RawTenant, platform: RawPlatform, options: SyncRecordsOptions): RawTable[] {
  const account = tenant.platforms[platform];
  if (account === undefined) return [];
  const seed = options.seed ?? 7;
  const ages = options.ages ?? RESTATEMENT_AGES;
  const accountId = account.accountId.replace(/^act_/, "");
  const campaigns = campaignsOf(tenant, platform, seed);
  const emittedIso = new Date(options.emittedAt).toISOString();
  const meta = JSON.stringify({ changes: [], sync_id: options.syncId ?? 0 });
  const wanted = options.streams ?? account.streams;
  const specs = RAW_STREAMS[platform].filter((s) => wanted === undefined || wanted.includes(s.stream));
  return specs.map((spec: RawStreamSpec) => {
    const body: Record<string, unknown>[] = [];
    if (spec.kind === "account") body.push(accountRow(platform, tenant, accountId, account));
    if (spec.kind === "campaign") for (const c of campaigns) body.push(campaignRow(platform, accountId, c, emittedIso));
    if (spec.kind === "stats") {
      for (const age of ages) {
        const day = isoDay(options.emittedAt - age * DAY);
        if (options.firstDay !== undefined && day < options.firstDay) continue;
        for (const c of campaigns) {
          const key = `${seed}:${tenant.slug}:${platform}:${c.id}:${day}`;
          body.push(statsRow(platform, accountId, c, day, dayStats(key, platform, c.dailyBudgetUsd, account.currency, day, age)));
        }
      }
    }
    const table = `${account.prefix ?? tenant.prefix}${spec.stream}`;
    const schema = account.namespace ?? tenant.namespace;
    const rows = body.map((row, i) => ({
      // Unique per record and job, as Airbyte's are: two jobs can end in the same second.
      _airbyte_raw_id: stableId(`${seed}:${schema}.${table}:${options.syncId ?? 0}:${options.emittedAt}:${i}`),
      _airbyte_extracted_at: emittedIso,
      _airbyte_meta: meta,
      _airbyte_generation_id: 0,
      ...row,
    }));
    return { schema, table, columns: { ...AIRBYTE_COLUMNS, ...spec.columns }, rows };
  });
}

/** Options of {@link generateRawHistory}. */
export interface RawHistoryOptions {
  /** The last sync's time (epoch ms); the data is fresh as of it. */
  asOf: number;
  /** Days of history. @default 90 */
  days?: number;
  /** Seed. @default 7 */
  seed?: number;
  /** Streams to include per platform. @default every stream */
  streams?: readonly string[];
}

/**
 * `days` of daily syncs ending at `asOf` for every tenant and platform, merged per
 * table: what the raw schemas hold after 90 days of Airbyte syncs (late conversions
 * restated across the attribution window, one currency per account).
 *
 * @param tenants The tenants.
 * @param options End time, length, seed.
 * @returns One {@link RawTable} per tenant table.
 * @throws {RangeError} When two platforms of a tenant would write the same table (same prefix and stream name).
 * @example
 * ```ts
 * import { generateRawHistory } from "./generate-raw-data.ts";
 * const tenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { google_ads: { accountId: "1", currency: "EUR" } } };
 * const tables = generateRawHistory([tenant], { asOf: Date.parse("2026-03-01T07:00:00Z"), days: 10 });
 * console.assert(tables.length === 3);
 * ```
 */
export function generateRawHistory(tenants: readonly RawTenant[], options: RawHistoryOptions): RawTable[] {
  const days = options.days ?? 90;
  const firstDay = isoDay(options.asOf - days * DAY);
  const merged = new Map<string, RawTable>();
  const owners = new Map<string, string>();
  for (let j = days - 1; j >= 0; j--) {
    const emittedAt = options.asOf - j * DAY;
    for (const tenant of tenants) {
      for (const platform of Object.keys(tenant.platforms) as RawPlatform[]) {
        const syncOptions: SyncRecordsOptions = { emittedAt, firstDay, syncId: days - j, ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.streams === undefined ? {} : { streams: options.streams }) };
        for (const table of syncRecords(tenant, platform, syncOptions)) {
          const key = `${table.schema}.${table.table}`;
          const owner = owners.get(key);
          if (owner !== undefined && owner !== `${tenant.slug}:${platform}`) {
            throw new RangeError(`Raw table '${key}' would be written by both '${owner}' and '${tenant.slug}:${platform}': give one connection its own prefix`);
          }
          owners.set(key, `${tenant.slug}:${platform}`);
          const existing = merged.get(key);
          if (existing === undefined) merged.set(key, table);
          else existing.rows.push(...table.rows);
        }
      }
    }
  }
  return [...merged.values()];
}
