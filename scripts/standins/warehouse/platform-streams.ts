import type { RawPlatform } from "../../dbt/mod.ts";
/** One raw stream: what it describes and its typed columns (DuckDB types, as dbt's staging casts them). */
export interface RawStreamSpec {
  /** Airbyte stream name (the table is `<prefix><stream>`). */
  stream: string;
  /** `account`, `campaign` (dimension streams) or `stats` (one row per campaign-day per sync). */
  kind: "account" | "campaign" | "stats";
  /** Typed columns after Airbyte's own, in order. */
  columns: Readonly<Record<string, string>>;
}

const money = "DECIMAL(18, 4)";

/** The streams of each platform (names as Airbyte's connectors emit them). */
export const RAW_STREAMS: Readonly<Record<RawPlatform, readonly RawStreamSpec[]>> = {
  meta: [
    { stream: "ad_account", kind: "account", columns: { id: "VARCHAR", account_id: "VARCHAR", name: "VARCHAR", currency: "VARCHAR", timezone_name: "VARCHAR", business_country_code: "VARCHAR", account_status: "INTEGER" } },
    { stream: "campaigns", kind: "campaign", columns: { id: "VARCHAR", account_id: "VARCHAR", name: "VARCHAR", objective: "VARCHAR", effective_status: "VARCHAR", daily_budget: money, updated_time: "TIMESTAMPTZ" } },
    { stream: "ads_insights", kind: "stats", columns: { account_id: "VARCHAR", campaign_id: "VARCHAR", campaign_name: "VARCHAR", date_start: "DATE", spend: money, impressions: "BIGINT", clicks: "BIGINT", conversions: money, conversion_values: money } },
  ],
  google_ads: [
    { stream: "customer", kind: "account", columns: { customer_id: "BIGINT", customer_descriptive_name: "VARCHAR", customer_currency_code: "VARCHAR", customer_time_zone: "VARCHAR", customer_country_code: "VARCHAR", customer_status: "VARCHAR" } },
    { stream: "campaign", kind: "campaign", columns: { campaign_id: "BIGINT", customer_id: "BIGINT", campaign_name: "VARCHAR", campaign_status: "VARCHAR", campaign_advertising_channel_type: "VARCHAR" } },
    { stream: "campaign_performance", kind: "stats", columns: { customer_id: "BIGINT", campaign_id: "BIGINT", campaign_name: "VARCHAR", segments_date: "DATE", metrics_cost_micros: "BIGINT", metrics_impressions: "BIGINT", metrics_clicks: "BIGINT", metrics_conversions: "DOUBLE", metrics_conversions_value: "DOUBLE" } },
  ],
  microsoft_ads: [
    { stream: "accounts", kind: "account", columns: { Id: "BIGINT", Name: "VARCHAR", CurrencyCode: "VARCHAR", TimeZone: "VARCHAR", CountryCode: "VARCHAR", AccountLifeCycleStatus: "VARCHAR" } },
    { stream: "campaigns", kind: "campaign", columns: { Id: "BIGINT", AccountId: "BIGINT", Name: "VARCHAR", Status: "VARCHAR", CampaignType: "VARCHAR" } },
    { stream: "campaign_performance_report_daily", kind: "stats", columns: { AccountId: "BIGINT", CampaignId: "BIGINT", CampaignName: "VARCHAR", TimePeriod: "DATE", Spend: money, Impressions: "BIGINT", Clicks: "BIGINT", Conversions: money, Revenue: money } },
  ],
  linkedin: [
    { stream: "accounts", kind: "account", columns: { id: "BIGINT", name: "VARCHAR", currency: "VARCHAR", country_code: "VARCHAR", status: "VARCHAR" } },
    { stream: "campaigns", kind: "campaign", columns: { id: "BIGINT", account: "VARCHAR", name: "VARCHAR", status: "VARCHAR", objectiveType: "VARCHAR" } },
    { stream: "ad_campaign_analytics", kind: "stats", columns: { sponsoredAccount: "VARCHAR", sponsoredCampaign: "VARCHAR", start_date: "DATE", costInLocalCurrency: money, impressions: "BIGINT", clicks: "BIGINT", externalWebsiteConversions: "BIGINT", conversionValueInLocalCurrency: money } },
  ],
  tiktok: [
    { stream: "advertisers", kind: "account", columns: { advertiser_id: "BIGINT", name: "VARCHAR", currency: "VARCHAR", timezone: "VARCHAR", country: "VARCHAR", status: "VARCHAR" } },
    { stream: "campaigns", kind: "campaign", columns: { campaign_id: "BIGINT", advertiser_id: "BIGINT", campaign_name: "VARCHAR", operation_status: "VARCHAR", objective_type: "VARCHAR" } },
    { stream: "campaigns_reports_daily", kind: "stats", columns: { advertiser_id: "BIGINT", campaign_id: "BIGINT", campaign_name: "VARCHAR", stat_time_day: "TIMESTAMP", spend: money, impressions: "BIGINT", clicks: "BIGINT", conversion: "BIGINT", total_purchase_value: money } },
  ],
};

/** Airbyte's own columns, first in every raw table (Destinations V2). */
export const AIRBYTE_COLUMNS: Readonly<Record<string, string>> = {
  _airbyte_raw_id: "VARCHAR",
  _airbyte_extracted_at: "TIMESTAMPTZ",
  _airbyte_meta: "JSON",
  _airbyte_generation_id: "BIGINT",
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
