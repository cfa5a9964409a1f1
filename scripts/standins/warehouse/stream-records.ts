// Records shaped like each connector's: the real property names, nesting and JSON types
// of the vendored catalogs' json_schema (a test validates every record against it).
import { campaignsOf, conversionsAt, type LeafDay, leafDay, type RawCampaign, type RawLeaf, USD_PER_UNIT } from "./_entities.ts";
import type { RawPlatform, RawTenant } from "../../dbt/mod.ts";
import type { RawStreamKind } from "./platform-streams.ts";

/** The account whose streams are generated, as the sync sees it. */
export interface RecordAccount {
  tenant: RawTenant;
  platform: RawPlatform;
  /** The platform's own id (Meta's without `act_`). */
  accountId: string;
  /** The account's display name (Microsoft Ads' `account_names` filter matches it). */
  accountName: string;
  currency: string;
  country: string;
  timeZone: string;
  seed: number;
  /** Days every sync re-reads. */
  lookback: number;
}

/** The Meta action type whose `value` staging counts as a conversion (a purchase on the pixel). */
export const META_PURCHASE_ACTION = "offsite_conversion.fb_pixel_purchase";

const CREATED = "2025-06-02T09:30:00+0000";

function big(id: string): bigint | number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : BigInt(id);
}

function money(n: number): string {
  return n.toFixed(2);
}

function action(type: string, value: number): Record<string, unknown> {
  // The connector asks for the 1d_click, 7d_click, 28d_click and 1d_view windows; `value` is the account's attribution setting.
  const click7 = Math.round(value * 0.85 * 100) / 100;
  return { action_type: type, value, "1d_click": Math.round(value * 0.6 * 100) / 100, "7d_click": click7, "28d_click": value, "1d_view": Math.round((value - click7) * 100) / 100 };
}

function accountRecord(a: RecordAccount): Record<string, unknown> {
  switch (a.platform) {
    case "meta":
      return {
        id: `act_${a.accountId}`, account_id: a.accountId, name: a.accountName, currency: a.currency, timezone_name: a.timeZone,
        business_country_code: a.country, account_status: 1, amount_spent: "0", created_time: CREATED, is_personal: 0, business: { id: "100200300400500", name: a.accountName },
      };
    case "microsoft_ads":
      return {
        Id: Number(a.accountId), Name: a.accountName, Number: `F${a.accountId.slice(-6)}`, CurrencyCode: a.currency, TimeZone: "EasternTimeUSCanada", AccountLifeCycleStatus: "Active",
        AccountFinancialStatus: "ClearFinancialStatus", Language: "English", PauseReason: null, LastModifiedTime: "2025-06-02T09:30:00",
        BusinessAddress: { BusinessName: a.accountName, City: "Kingston", CountryCode: a.country, Id: Number(a.accountId) + 1, Line1: "1 Main Street", PostalCode: "00000" },
      };
    case "linkedin":
      return { id: Number(a.accountId), name: a.accountName, currency: a.currency, status: "ACTIVE", type: "BUSINESS", test: false, reference: "urn:li:organization:2414183", created: "2025-06-02T09:30:00Z", lastModified: "2025-06-02T09:30:00Z", servingStatuses: ["RUNNABLE"], version: { versionTag: "4" } };
    case "tiktok":
      return { advertiser_id: big(a.accountId), name: a.accountName, currency: a.currency, timezone: a.timeZone, display_timezone: a.timeZone, country: a.country, status: "STATUS_ENABLE", role: "ROLE_ADVERTISER", company: a.accountName, balance: 0, create_time: 1748856600, language: "en" };
    case "google_ads":
      return {};
  }
}

function campaignRecord(a: RecordAccount, c: RawCampaign, currencyBudget: number): Record<string, unknown> {
  switch (a.platform) {
    case "meta":
      return {
        id: c.id, account_id: a.accountId, name: c.name, objective: "OUTCOME_SALES", status: "ACTIVE", configured_status: "ACTIVE", effective_status: "ACTIVE", buying_type: "AUCTION",
        daily_budget: currencyBudget, created_time: CREATED, start_time: CREATED, updated_time: "2025-09-01T12:00:00+0000", special_ad_category: "NONE",
      };
    case "microsoft_ads":
      return { Id: Number(c.id), AccountId: Number(a.accountId), Name: c.name, Status: "Active", CampaignType: "Search", BudgetType: "DailyBudgetStandard", DailyBudget: currencyBudget, TimeZone: "EasternTimeUSCanada", Languages: { string: ["All"] } };
    case "linkedin":
      return {
        id: Number(c.id), account: `urn:li:sponsoredAccount:${a.accountId}`, campaignGroup: `urn:li:sponsoredCampaignGroup:${c.id.slice(0, 6)}`, name: c.name, status: "ACTIVE", type: "SPONSORED_UPDATES",
        costType: "CPM", objectiveType: "WEBSITE_CONVERSION", format: "SINGLE_IMAGE", dailyBudget: { amount: money(currencyBudget), currencyCode: a.currency }, created: "2025-06-02T09:30:00Z",
        lastModified: "2025-09-01T12:00:00Z", runSchedule: { start: 1748856600000 }, test: false, version: { versionTag: "2" },
      };
    case "tiktok":
      return {
        campaign_id: big(c.id), advertiser_id: big(a.accountId), campaign_name: c.name, campaign_type: "REGULAR_CAMPAIGN", objective_type: "CONVERSIONS", operation_status: "ENABLE", secondary_status: "CAMPAIGN_STATUS_ENABLE",
        budget: currencyBudget, budget_mode: "BUDGET_MODE_DAY", is_new_structure: true, create_time: "2025-06-02 09:30:00", modify_time: "2025-09-01 12:00:00",
      };
    case "google_ads":
      return {};
  }
}

function statsRecord(a: RecordAccount, c: RawCampaign, leaf: RawLeaf, day: string, n: LeafDay, age: number): Record<string, unknown> {
  const whole = a.platform !== "google_ads";
  const { conversions, revenue } = conversionsAt(n, { age, lookback: a.lookback, whole });
  switch (a.platform) {
    case "meta": {
      const omni = conversions + Math.round(conversions * 0.1);
      const pixel = [action(META_PURCHASE_ACTION, conversions)];
      const pixelValue = [action(META_PURCHASE_ACTION, revenue)];
      return {
        account_id: a.accountId, account_name: a.accountName, account_currency: a.currency, campaign_id: c.id, campaign_name: c.name, adset_id: leaf.groupId, adset_name: leaf.groupName,
        ad_id: leaf.id, ad_name: leaf.name, date_start: day, date_stop: day, objective: "OUTCOME_SALES", optimization_goal: "OFFSITE_CONVERSIONS", buying_type: "AUCTION", attribution_setting: "7d_click_1d_view",
        spend: n.spend, impressions: n.impressions, clicks: n.clicks, reach: n.reach, unique_clicks: Math.round(n.clicks * 0.9), inline_link_clicks: Math.round(n.clicks * 0.8),
        cpc: n.clicks > 0 ? Math.round((n.spend / n.clicks) * 1e6) / 1e6 : null, cpm: Math.round((n.spend / n.impressions) * 1e9) / 1e6, ctr: Math.round((n.clicks / n.impressions) * 1e8) / 1e6,
        frequency: Math.round((n.impressions / Math.max(1, n.reach)) * 1e6) / 1e6,
        actions: [action("link_click", Math.round(n.clicks * 0.8)), action("landing_page_view", Math.round(n.clicks * 0.6)), action("offsite_conversion.fb_pixel_add_to_cart", conversions * 3), ...pixel, action("omni_purchase", omni)],
        action_values: [...pixelValue, action("omni_purchase", Math.round((revenue * omni) / Math.max(1, conversions) * 100) / 100)],
        conversions: pixel,
        conversion_values: pixelValue,
        created_time: day, updated_time: day,
      };
    }
    case "google_ads":
      return {
        "customer.id": Number(a.accountId), "customer.currency_code": a.currency, "campaign.id": Number(c.id), "campaign.name": c.name, "segments.date": day,
        "metrics.cost_micros": Math.round(n.spend * 100) * 10_000, "metrics.impressions": n.impressions, "metrics.clicks": n.clicks, "metrics.conversions": conversions, "metrics.conversions_value": revenue,
      };
    case "microsoft_ads":
      return {
        AccountId: Number(a.accountId), AccountName: a.accountName, CampaignId: Number(c.id), CampaignName: c.name, CampaignStatus: "Active", CampaignType: "Search & content", TimePeriod: day,
        CurrencyCode: a.currency, ...leaf.segment, Spend: n.spend, Impressions: n.impressions, Clicks: n.clicks, Ctr: Math.round((n.clicks / n.impressions) * 10000) / 100,
        AverageCpc: n.clicks > 0 ? Math.round((n.spend / n.clicks) * 100) / 100 : 0, Conversions: conversions, Revenue: revenue, AllConversions: conversions, AllRevenue: revenue,
        ConversionRate: n.clicks > 0 ? Math.round((conversions / n.clicks) * 10000) / 100 : null, LowQualityClicks: 0, LowQualityImpressions: 0,
      };
    case "linkedin":
      return {
        sponsoredCampaign: c.id, string_of_pivot_values: `urn:li:sponsoredCampaign:${c.id}`, pivotValues: [`urn:li:sponsoredCampaign:${c.id}`], start_date: day, end_date: day,
        costInLocalCurrency: n.spend, costInUsd: Math.round(n.spend * 100) / 100, impressions: n.impressions, clicks: n.clicks, landingPageClicks: Math.round(n.clicks * 0.7),
        totalEngagements: Math.round(n.clicks * 1.4), externalWebsiteConversions: conversions, externalWebsitePostClickConversions: Math.round(conversions * 0.8),
        externalWebsitePostViewConversions: conversions - Math.round(conversions * 0.8), conversionValueInLocalCurrency: revenue, approximateMemberReach: n.reach,
      };
    case "tiktok": {
      const statTime = `${day} 00:00:00`;
      return {
        dimensions: { ad_id: big(leaf.id), stat_time_day: statTime },
        metrics: {
          campaign_id: big(c.id), campaign_name: c.name, adgroup_id: big(leaf.groupId), adgroup_name: leaf.groupName, ad_name: leaf.name, spend: money(n.spend), impressions: String(n.impressions),
          clicks: String(n.clicks), ctr: (n.clicks / n.impressions * 100).toFixed(2), cpc: n.clicks > 0 ? money(n.spend / n.clicks) : "0.00", cpm: money((n.spend / n.impressions) * 1000),
          reach: String(n.reach), conversion: String(conversions), complete_payment: String(conversions), total_purchase_value: money(revenue), purchase: conversions,
          cost_per_conversion: conversions > 0 ? money(n.spend / conversions) : "0.00", likes: Math.round(n.clicks * 0.3), shares: Math.round(n.clicks * 0.05),
        },
        stat_time_day: statTime,
        ad_id: big(leaf.id),
        advertiser_id: null,
        campaign_id: null,
        adgroup_id: null,
      };
    }
  }
}

/**
 * The records of a dimension stream: the account, or every campaign, ad set or ad.
 *
 * @param kind What the stream describes.
 * @param a The account.
 * @returns The records, as the connector emits them.
 */
export function dimensionRecords(kind: Exclude<RawStreamKind, "stats">, a: RecordAccount): Record<string, unknown>[] {
  if (kind === "account") return a.platform === "google_ads" ? [] : [accountRecord(a)];
  const campaigns = campaignsOf(a.tenant, a.platform, a.seed);
  const usd = (c: RawCampaign) => Math.round((c.dailyBudgetUsd / (USD_PER_UNIT[a.currency] ?? 1)) * 100) / 100;
  if (kind === "campaign") return a.platform === "google_ads" ? [] : campaigns.map((c) => campaignRecord(a, c, usd(c)));
  if (a.platform !== "meta") return [];
  if (kind === "ad_set") {
    return campaigns.flatMap((c) => c.groups.map((g) => ({
      id: g.id, account_id: a.accountId, campaign_id: c.id, name: g.name, effective_status: "ACTIVE", bid_strategy: "LOWEST_COST_WITHOUT_CAP", daily_budget: Math.round(usd(c) / c.groups.length * 100) / 100,
      created_time: CREATED, start_time: CREATED, updated_time: "2025-09-01T12:00:00+0000", targeting: { geo_locations: { countries: [a.country] }, age_min: 18 },
    })));
  }
  return campaigns.flatMap((c) => c.leaves.map((l) => ({
    id: l.id, account_id: a.accountId, campaign_id: c.id, adset_id: l.groupId, name: l.name, status: "ACTIVE", effective_status: "ACTIVE", created_time: CREATED, updated_time: "2025-09-01T12:00:00+0000",
    creative: { id: `${l.id.slice(0, 10)}7` },
  })));
}

/**
 * The stats records for one day as a sync reads it `age` days later: one per ad (Meta,
 * TikTok), per report segment (Microsoft Ads) or per campaign (Google Ads, LinkedIn).
 *
 * @param a The account.
 * @param day The day (YYYY-MM-DD).
 * @param age Days between the day and the sync.
 * @returns The records.
 */
export function statsRecords(a: RecordAccount, day: string, age: number): Record<string, unknown>[] {
  return campaignsOf(a.tenant, a.platform, a.seed).flatMap((c) =>
    c.leaves.map((leaf) => statsRecord(a, c, leaf, day, leafDay(leaf.key, { platform: a.platform, budgetUsd: c.dailyBudgetUsd * leaf.share, currency: a.currency, day }), age))
  );
}
