// Connector definitions and the streams their discover returns, for the
// stand-in. Ids match Airbyte's registry where known; the rest are stable
// hashes of the name.
import { createHash } from "node:crypto";

/** A stream as the stand-in's discover returns it. */
export interface StreamFixture {
  name: string;
  fields: Record<string, "string" | "number" | "integer" | "boolean">;
  cursor: string[] | undefined;
  primaryKey: string[][];
}

/** A connector definition the stand-in knows. */
export interface DefinitionFixture {
  id: string;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  streams: StreamFixture[];
}

/**
 * A stable UUID derived from text (SHA-256, formatted as version 4).
 *
 * @param text Any seed text.
 * @returns A UUID string.
 * @example
 * ```ts
 * import { stableUuid } from "./_catalogs.ts";
 * console.assert(stableUuid("a") === stableUuid("a"));
 * ```
 */
export function stableUuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const metrics = { date: "string", impressions: "integer", clicks: "integer", spend: "number", conversions: "number" } as const;

function report(name: string, idField: string, extra: Record<string, "string" | "number" | "integer" | "boolean"> = {}): StreamFixture {
  return { name, fields: { [idField]: "string", ...metrics, ...extra }, cursor: ["date"], primaryKey: [[idField], ["date"]] };
}
function entity(name: string, idField: string, extra: Record<string, "string" | "number" | "integer" | "boolean"> = {}): StreamFixture {
  return { name, fields: { [idField]: "string", name: "string", status: "string", updated_time: "string", ...extra }, cursor: ["updated_time"], primaryKey: [[idField]] };
}

/** Source definitions the stand-in serves, by name. */
export const SOURCE_DEFINITIONS: readonly DefinitionFixture[] = [
  {
    id: "e7778cfc-e97c-4458-9ecb-b4f2bba8946c",
    name: "Facebook Marketing",
    dockerRepository: "airbyte/source-facebook-marketing",
    dockerImageTag: "3.3.0",
    streams: [report("ads_insights", "ad_id", { campaign_id: "string", adset_id: "string", account_id: "string" }), entity("campaigns", "id"), entity("ad_sets", "id"), entity("ads", "id"), entity("ad_account", "id")],
  },
  {
    id: "253487c0-2246-43ba-a21f-5116b20a2c50",
    name: "Google Ads",
    dockerRepository: "airbyte/source-google-ads",
    dockerImageTag: "3.7.0",
    streams: [report("campaign", "campaign_id", { customer_id: "string" }), report("ad_group", "ad_group_id", { campaign_id: "string" }), report("ad_group_ad", "ad_id", { ad_group_id: "string" }), entity("customer", "customer_id")],
  },
  {
    id: "47f25999-dd5e-4636-8c39-e7cea2453331",
    name: "Bing Ads",
    dockerRepository: "airbyte/source-bing-ads",
    dockerImageTag: "2.8.0",
    streams: [report("campaign_performance_report_daily", "CampaignId", { AccountId: "string" }), report("ad_group_performance_report_daily", "AdGroupId"), entity("campaigns", "Id"), entity("accounts", "Id")],
  },
  {
    id: "137ece28-5434-455c-8f34-69dc3782f451",
    name: "LinkedIn Ads",
    dockerRepository: "airbyte/source-linkedin-ads",
    dockerImageTag: "5.1.0",
    streams: [report("ad_campaign_analytics", "campaign_id"), entity("campaigns", "id"), entity("accounts", "id")],
  },
  {
    id: "4bfac00d-ce15-44ff-95b9-9e3c3e8fbd35",
    name: "TikTok Marketing",
    dockerRepository: "airbyte/source-tiktok-marketing",
    dockerImageTag: "4.3.0",
    streams: [report("ads_reports_daily", "ad_id"), report("campaigns_reports_daily", "campaign_id"), entity("campaigns", "campaign_id"), entity("ads", "ad_id")],
  },
  {
    id: "3cc2eafd-84aa-4dca-93af-322d9dfeec1a",
    name: "Google Analytics 4 (GA4)",
    dockerRepository: "airbyte/source-google-analytics-data-api",
    dockerImageTag: "2.7.0",
    streams: [report("daily_active_users", "property_id", { active1DayUsers: "integer" }), report("traffic_sources", "property_id", { sessionSource: "string", sessions: "integer" })],
  },
  {
    id: "eb4c9e00-db83-4d63-a386-39cfa91012a8",
    name: "Google Search Console",
    dockerRepository: "airbyte/source-google-search-console",
    dockerImageTag: "1.6.0",
    streams: [report("search_analytics_by_date", "site_url", { ctr: "number", position: "number" }), report("search_analytics_by_query", "site_url", { query: "string" })],
  },
];

/** Destination definitions the stand-in serves. */
export const DESTINATION_DEFINITIONS: readonly DefinitionFixture[] = [
  { id: "94bd199c-2ff0-4aa2-b98e-17f0acb72610", name: "DuckDB", dockerRepository: "airbyte/destination-duckdb", dockerImageTag: "0.4.0", streams: [] },
  { id: "25c5221d-dce2-4163-ade9-739ef790f503", name: "Postgres", dockerRepository: "airbyte/destination-postgres", dockerImageTag: "2.4.0", streams: [] },
  { id: "22f6c74f-5699-40ff-833c-4a879ea40133", name: "BigQuery", dockerRepository: "airbyte/destination-bigquery", dockerImageTag: "2.9.0", streams: [] },
  { id: "4816b78f-1489-44c1-9060-4b19d5fa9362", name: "S3", dockerRepository: "airbyte/destination-s3", dockerImageTag: "1.5.0", streams: [] },
];

/**
 * A definition for a name the fixtures do not know: a generic report stream
 * and an entity stream, with a stable id.
 *
 * @param name The definition name.
 * @returns The definition.
 */
export function genericSourceDefinition(name: string): DefinitionFixture {
  const repo = `airbyte/source-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  return { id: stableUuid(`source-definition:${name}`), name, dockerRepository: repo, dockerImageTag: "1.0.0", streams: [report("report_daily", "id"), entity("accounts", "id")] };
}

/**
 * The Airbyte `AirbyteStream` of a fixture (discover output).
 *
 * @param stream The stream fixture.
 * @returns The stream as Airbyte returns it.
 */
export function toAirbyteStream(stream: StreamFixture): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(stream.fields)) properties[field] = { type: ["null", type] };
  return {
    name: stream.name,
    jsonSchema: { type: "object", $schema: "http://json-schema.org/draft-07/schema#", properties },
    supportedSyncModes: stream.cursor ? ["full_refresh", "incremental"] : ["full_refresh"],
    sourceDefinedCursor: stream.cursor !== undefined,
    ...(stream.cursor ? { defaultCursorField: stream.cursor } : {}),
    sourceDefinedPrimaryKey: stream.primaryKey,
    isResumable: true,
  };
}
