import type { RawPlatform } from "../../dbt/mod.ts";

/** What a stream describes, which decides how the generator fills it. */
export type RawStreamKind = "account" | "campaign" | "ad_set" | "ad" | "stats";

/** How a connection syncs one stream (the template's `streams[]` entry, or the configured catalog's). */
export interface RawStreamSettings {
  /** `full_refresh` or `incremental`. */
  syncMode: "full_refresh" | "incremental";
  /** What the destination does with a sync's records. */
  destinationSyncMode: "append" | "overwrite" | "append_dedup" | "overwrite_dedup";
  /** Cursor field path (top-level property names). */
  cursorField: readonly string[];
  /** Primary key: one path per key column. */
  primaryKey: readonly (readonly string[])[];
}

/** One stream the stand-in generates for a platform. */
export interface RawStreamSpec extends RawStreamSettings {
  /** Airbyte stream name (the table is `<prefix><stream>`). */
  stream: string;
  /** What the records describe. */
  kind: RawStreamKind;
}

function dims(stream: string, kind: RawStreamKind, cursor?: string, key = "id"): RawStreamSpec {
  return cursor === undefined
    ? { stream, kind, syncMode: "full_refresh", destinationSyncMode: "overwrite", cursorField: [], primaryKey: [[key]] }
    : { stream, kind, syncMode: "incremental", destinationSyncMode: "append_dedup", cursorField: [cursor], primaryKey: [[key]] };
}

function stats(stream: string, cursor: string, key: readonly string[]): RawStreamSpec {
  return { stream, kind: "stats", syncMode: "incremental", destinationSyncMode: "append_dedup", cursorField: [cursor], primaryKey: key.map((k) => [k]) };
}

/**
 * The streams of each platform the stand-in generates, with the sync settings of the
 * shipped templates (`config/templates/*.yml`; a test holds them equal). The writer
 * uses a batch's configured catalog when it has one and these otherwise.
 */
export const RAW_STREAMS: Readonly<Record<RawPlatform, readonly RawStreamSpec[]>> = {
  meta: [
    dims("ad_account", "account"),
    dims("campaigns", "campaign", "updated_time"),
    dims("ad_sets", "ad_set", "updated_time"),
    dims("ads", "ad", "updated_time"),
    stats("ads_insights", "date_start", ["date_start", "account_id", "ad_id"]),
  ],
  google_ads: [
    stats("campaign_performance", "segments.date", ["customer.id", "campaign.id", "segments.date"]),
  ],
  microsoft_ads: [
    dims("accounts", "account", undefined, "Id"),
    dims("campaigns", "campaign", undefined, "Id"),
    stats("campaign_performance_report_daily", "TimePeriod", [
      "AccountId", "CampaignId", "TimePeriod", "CurrencyCode", "AdDistribution", "DeviceType", "Network", "DeliveredMatchType", "DeviceOS", "TopVsOther", "BidMatchType",
    ]),
  ],
  linkedin: [
    dims("accounts", "account"),
    dims("campaigns", "campaign", "lastModified"),
    stats("ad_campaign_analytics", "end_date", ["string_of_pivot_values", "end_date", "sponsoredCampaign"]),
  ],
  tiktok: [
    dims("advertisers", "account", undefined, "advertiser_id"),
    dims("campaigns", "campaign", "modify_time", "campaign_id"),
    stats("ads_reports_daily", "stat_time_day", ["ad_id", "stat_time_day"]),
  ],
};

/** Each platform's source-configuration key for the days every sync re-reads, and the shipped template's value. */
export const LOOKBACK: Readonly<Record<RawPlatform, { key: string; days: number }>> = {
  meta: { key: "insights_lookback_window", days: 28 },
  google_ads: { key: "conversion_window_days", days: 30 },
  microsoft_ads: { key: "lookback_window", days: 3 },
  linkedin: { key: "lookback_window", days: 2 },
  tiktok: { key: "attribution_window", days: 3 },
};

/** The vendored connector folder (`schemas/connectors/<folder>/`) of each platform. */
export const CONNECTOR_FOLDER: Readonly<Record<RawPlatform, string>> = {
  meta: "facebook-marketing",
  google_ads: "google-ads",
  microsoft_ads: "bing-ads",
  linkedin: "linkedin-ads",
  tiktok: "tiktok-marketing",
};

/**
 * The days a sync of this source re-reads: the configuration's lookback key when it is
 * a non-negative integer, else the shipped template's value.
 *
 * @param platform The platform.
 * @param configuration The source configuration (or `undefined`).
 * @returns Days (at least 1: a sync always reads yesterday).
 * @example
 * ```ts
 * import { lookbackDays } from "./platform-streams.ts";
 * console.assert(lookbackDays("meta", { insights_lookback_window: 7 }) === 7);
 * console.assert(lookbackDays("tiktok", {}) === 3);
 * ```
 */
export function lookbackDays(platform: RawPlatform, configuration: Readonly<Record<string, unknown>> | undefined): number {
  const { key, days } = LOOKBACK[platform];
  const value = configuration?.[key];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? Math.max(1, value) : days;
}

/** Airbyte's own columns, first in every raw table (destination-postgres 3.x typed final tables). */
export const AIRBYTE_COLUMNS: Readonly<Record<string, string>> = {
  _airbyte_raw_id: "VARCHAR",
  _airbyte_extracted_at: "TIMESTAMPTZ",
  _airbyte_meta: "JSON",
  _airbyte_generation_id: "BIGINT",
};

/** The Airbyte source definition each platform's templates name. */
export const SOURCE_DEFINITION: Readonly<Record<RawPlatform, string>> = {
  meta: "Facebook Marketing",
  google_ads: "Google Ads",
  microsoft_ads: "Bing Ads",
  linkedin: "LinkedIn Ads",
  tiktok: "TikTok Marketing",
};

const DEFINITIONS: Readonly<Record<string, RawPlatform>> = {
  "facebook marketing": "meta",
  "google ads": "google_ads",
  "bing ads": "microsoft_ads",
  "microsoft advertising": "microsoft_ads",
  "linkedin ads": "linkedin",
  "tiktok marketing": "tiktok",
  "tiktok ads": "tiktok",
};

/**
 * The platform of an Airbyte source definition name.
 *
 * @param definitionName E.g. `Facebook Marketing`, `Bing Ads`.
 * @returns The platform, or `undefined` for sources the dbt project does not read.
 * @example
 * ```ts
 * import { platformForSourceDefinition } from "./platform-streams.ts";
 * console.assert(platformForSourceDefinition("Bing Ads") === "microsoft_ads");
 * ```
 */
export function platformForSourceDefinition(definitionName: string): RawPlatform | undefined {
  return DEFINITIONS[definitionName.trim().toLowerCase()];
}
