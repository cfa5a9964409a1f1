// The generated ad accounts' trees (campaigns → ad sets → ads, or report segments) and each
// leaf's numbers for a day. Deterministic per seed, tenant and platform, so any slice (one
// sync, one day) can be generated on its own and agree with the rest.
import { hash32, unit } from "./_hash.ts";
import type { RawPlatform, RawTenant } from "../../dbt/mod.ts";

/** A Microsoft Advertising report row's segment (the source-defined key beyond account, campaign and day). */
export interface BingSegment {
  AdDistribution: string;
  DeviceType: string;
  Network: string;
  DeliveredMatchType: string;
  DeviceOS: string;
  TopVsOther: string;
  BidMatchType: string;
}

/** The finest row a stats stream has: a Meta or TikTok ad, a Bing segment, or the campaign itself. */
export interface RawLeaf {
  /** Stable key of the leaf. */
  key: string;
  /** The ad id (Meta, TikTok) or the campaign id. */
  id: string;
  name: string;
  /** Meta ad set / TikTok ad group. */
  groupId: string;
  groupName: string;
  /** Share of the campaign's budget. */
  share: number;
  /** Bing report segment. */
  segment?: BingSegment;
}

/** One campaign of an account. */
export interface RawCampaign {
  id: string;
  name: string;
  /** Daily budget in US dollars. */
  dailyBudgetUsd: number;
  /** Ad sets / ad groups (Meta, TikTok). */
  groups: { id: string; name: string }[];
  leaves: RawLeaf[];
}

/** US dollars per unit, for plausible amounts in each account currency. */
export const USD_PER_UNIT: Readonly<Record<string, number>> = { USD: 1, EUR: 1.09, GBP: 1.26, JMD: 0.0064, CAD: 0.73, MXN: 0.055, BRL: 0.19 };
const CPM_USD: Record<RawPlatform, number> = { meta: 9, google_ads: 24, microsoft_ads: 19, linkedin: 34, tiktok: 6 };
const CTR: Record<RawPlatform, number> = { meta: 0.012, google_ads: 0.045, microsoft_ads: 0.035, linkedin: 0.006, tiktok: 0.009 };
const CAMPAIGN_NAMES: Record<RawPlatform, string[]> = {
  meta: ["Prospecting - Lookalike 1%", "Retargeting - 30d Visitors", "Brand Awareness - Reach", "Catalog Sales - DPA"],
  google_ads: ["Brand - Exact", "Generic - Phrase", "Performance Max - All Products", "Competitor - Broad"],
  microsoft_ads: ["Brand - Exact", "Generic - Phrase", "Shopping - All Products", "Remarketing - Audiences"],
  linkedin: ["ABM - Decision Makers", "Lead Gen - Whitepaper", "Website Conversions - Demo"],
  tiktok: ["Spark Ads - Creators", "In-Feed - Conversions", "TopView - Launch"],
};
const BING_SEGMENTS: readonly BingSegment[] = [
  { AdDistribution: "Search", DeviceType: "Computer", Network: "Microsoft sites and select traffic", DeliveredMatchType: "Exact", DeviceOS: "Windows", TopVsOther: "Microsoft sites and select traffic - top", BidMatchType: "Exact" },
  { AdDistribution: "Search", DeviceType: "Computer", Network: "Microsoft sites and select traffic", DeliveredMatchType: "Phrase", DeviceOS: "Windows", TopVsOther: "Microsoft sites and select traffic - other", BidMatchType: "Phrase" },
  { AdDistribution: "Search", DeviceType: "Smartphone", Network: "Microsoft sites and select traffic", DeliveredMatchType: "Exact", DeviceOS: "iOS", TopVsOther: "Microsoft sites and select traffic - top", BidMatchType: "Exact" },
  { AdDistribution: "Search", DeviceType: "Smartphone", Network: "Syndicated search partners", DeliveredMatchType: "Broad", DeviceOS: "Android", TopVsOther: "Syndicated search partners - top", BidMatchType: "Broad" },
  { AdDistribution: "Search", DeviceType: "Tablet", Network: "Syndicated search partners", DeliveredMatchType: "Broad", DeviceOS: "iOS", TopVsOther: "Syndicated search partners - other", BidMatchType: "Broad" },
];

const INT64_MAX = 9_223_372_036_854_775_807n;

function numericId(key: string, digits: number): string {
  let out = String(1 + (hash32(`${key}:0`) % 9));
  for (let i = 1; out.length < digits; i++) out += String(hash32(`${key}:${i}`)).padStart(10, "0");
  out = out.slice(0, digits);
  // A 19-digit id (TikTok's) must fit the destination's bigint: a leading 9 can pass 2^63 - 1.
  return digits === 19 && BigInt(out) > INT64_MAX ? `8${out.slice(1)}` : out;
}

const ID_DIGITS: Record<RawPlatform, number> = { meta: 17, google_ads: 11, microsoft_ads: 9, linkedin: 9, tiktok: 19 };

/**
 * The campaigns of one tenant's account on one platform: 2 to 4 campaigns, each with
 * 1-2 ad sets of 1-3 ads (Meta), 2-3 ads in one ad group (TikTok), 2-5 report segments
 * (Microsoft Ads), or just itself (Google Ads, LinkedIn).
 *
 * @param tenant The tenant.
 * @param platform The platform.
 * @param seed The seed.
 * @returns The campaigns, stable for a seed.
 */
export function campaignsOf(tenant: RawTenant, platform: RawPlatform, seed: number): RawCampaign[] {
  const names = CAMPAIGN_NAMES[platform];
  const base = `${seed}:${tenant.slug}:${platform}`;
  const count = Math.min(2 + (hash32(`${base}:count`) % 3), names.length);
  return names.slice(0, count).map((name, i) => {
    const key = `${base}:campaign:${i}`;
    const id = numericId(key, ID_DIGITS[platform]);
    const groups: RawCampaign["groups"] = [];
    const leaves: Omit<RawLeaf, "share">[] = [];
    if (platform === "meta" || platform === "tiktok") {
      const groupCount = platform === "meta" ? 1 + (hash32(`${key}:groups`) % 2) : 1;
      for (let g = 0; g < groupCount; g++) {
        const group = { id: numericId(`${key}:group:${g}`, ID_DIGITS[platform]), name: `${name} - ${platform === "meta" ? "Ad set" : "Ad group"} ${g + 1}` };
        groups.push(group);
        const ads = 1 + (hash32(`${key}:${g}:ads`) % (platform === "meta" ? 3 : 2)) + (platform === "tiktok" ? 1 : 0);
        for (let a = 0; a < ads; a++) {
          const adKey = `${key}:group:${g}:ad:${a}`;
          leaves.push({ key: adKey, id: numericId(adKey, ID_DIGITS[platform]), name: `${name} - Ad ${g + 1}.${a + 1}`, groupId: group.id, groupName: group.name });
        }
      }
    } else if (platform === "microsoft_ads") {
      const segments = BING_SEGMENTS.filter((_, s) => s < 2 || unit(`${key}:segment:${s}`) < 0.6);
      for (const [s, segment] of segments.entries()) leaves.push({ key: `${key}:segment:${s}`, id, name, groupId: id, groupName: name, segment });
    } else {
      leaves.push({ key, id, name, groupId: id, groupName: name });
    }
    const weights = leaves.map((l) => 0.5 + unit(`${l.key}:weight`));
    const total = weights.reduce((a, b) => a + b, 0);
    return {
      id,
      name,
      dailyBudgetUsd: 60 + Math.floor(unit(`${key}:budget`) * 540),
      groups,
      leaves: leaves.map((l, j) => ({ ...l, share: (weights[j] ?? 1) / total })),
    };
  });
}

/** A leaf's numbers for one day, in the account currency, as finally reported. */
export interface LeafDay {
  spend: number;
  impressions: number;
  clicks: number;
  reach: number;
  /** Conversions once the lookback has passed. */
  finalConversions: number;
  /** Revenue per conversion. */
  orderValue: number;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * One leaf's numbers for one day. Spend, impressions and clicks do not change once
 * reported; conversions grow until the lookback closes ({@link conversionsAt}).
 *
 * @param leafKey The leaf's key (with the seed and tenant in it).
 * @param options Platform, the leaf's share of the campaign budget in USD, currency, day.
 * @returns The day's numbers.
 */
export function leafDay(leafKey: string, options: { platform: RawPlatform; budgetUsd: number; currency: string; day: string }): LeafDay {
  const key = `${leafKey}:${options.day}`;
  const usd = USD_PER_UNIT[options.currency] ?? 1;
  const weekday = new Date(`${options.day}T00:00:00Z`).getUTCDay();
  const weekFactor = weekday === 0 || weekday === 6 ? 0.8 : 1;
  const spendUsd = options.budgetUsd * (0.75 + 0.5 * unit(`${key}:spend`)) * weekFactor;
  const impressions = Math.max(1, Math.round((spendUsd / (CPM_USD[options.platform] * (0.8 + 0.4 * unit(`${key}:cpm`)))) * 1000));
  const clicks = Math.round(impressions * CTR[options.platform] * (0.8 + 0.4 * unit(`${key}:ctr`)));
  return {
    spend: round(spendUsd / usd, 2),
    impressions,
    clicks,
    reach: Math.round(impressions * (0.6 + 0.3 * unit(`${key}:reach`))),
    finalConversions: clicks * (0.03 + 0.05 * unit(`${key}:cvr`)),
    orderValue: (40 + 80 * unit(`${key}:aov`)) / usd,
  };
}

/**
 * Conversions a platform reports for a day `age` days later: a share that grows with
 * age and reaches the final count at the end of the connector's lookback.
 *
 * @param day The day's numbers.
 * @param options Age in days, lookback in days, whether counts are whole.
 * @returns Conversions and revenue as reported at that age.
 */
export function conversionsAt(day: LeafDay, options: { age: number; lookback: number; whole: boolean }): { conversions: number; revenue: number } {
  const a = Math.min(Math.max(options.age, 0), options.lookback);
  const share = options.lookback <= 0 ? 1 : (1 - Math.exp(-a / 4)) / (1 - Math.exp(-options.lookback / 4));
  const raw = day.finalConversions * share;
  const conversions = options.whole ? Math.round(raw) : round(raw, 2);
  return { conversions, revenue: round(conversions * day.orderValue, 2) };
}
