// The vendored connectors' offline catalogs (schemas/connectors/<connector>/catalog.json):
// the json_schema each generated record is shaped by and validated against.
import bingAds from "../../../schemas/connectors/bing-ads/catalog.json" with { type: "json" };
import facebookMarketing from "../../../schemas/connectors/facebook-marketing/catalog.json" with { type: "json" };
import googleAds from "../../../schemas/connectors/google-ads/catalog.json" with { type: "json" };
import linkedinAds from "../../../schemas/connectors/linkedin-ads/catalog.json" with { type: "json" };
import tiktokMarketing from "../../../schemas/connectors/tiktok-marketing/catalog.json" with { type: "json" };
import { type CatalogStream as ConfigCatalogStream, customGaqlStreams, gaqlFields, type JsonSchema } from "../../config/mod.ts";
import type { RawPlatform } from "../../dbt/mod.ts";

/** A stream's JSON Schema, as config's connector-contract check reads it. */
export type { JsonSchema };

type CatalogStream = Pick<ConfigCatalogStream, "name" | "json_schema">;

const CATALOGS: Readonly<Record<RawPlatform, { streams: CatalogStream[] }>> = {
  meta: facebookMarketing as unknown as { streams: CatalogStream[] },
  google_ads: googleAds as unknown as { streams: CatalogStream[] },
  microsoft_ads: bingAds as unknown as { streams: CatalogStream[] },
  linkedin: linkedinAds as unknown as { streams: CatalogStream[] },
  tiktok: tiktokMarketing as unknown as { streams: CatalogStream[] },
};

/** The GAQL query of the shipped google_metrics template (the stand-in's fallback when a batch carries none). */
export const DEFAULT_CAMPAIGN_PERFORMANCE_QUERY =
  "SELECT customer.id, customer.currency_code, campaign.id, campaign.name, segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks, metrics.conversions, metrics.conversions_value FROM campaign";

function builtInStreamSchema(platform: RawPlatform, stream: string): JsonSchema | undefined {
  const found = CATALOGS[platform].streams.find((s) => s.name === stream)?.json_schema;
  return found === undefined || "x-adops-trimmed" in found ? undefined : found;
}

/**
 * The json_schema of a Google Ads custom GAQL stream, as the connector builds it at
 * discover time (config's `customGaqlStreams`, the one definition): one flat dotted
 * property per selected field, each typed like the same dotted key of the built-in
 * streams in the vendored catalog.
 *
 * @param query The GAQL query.
 * @returns The stream's schema.
 * @throws {RangeError} When the text is not a GAQL query, or a field has no type in any built-in stream (records cannot be generated for it).
 * @example
 * ```ts
 * import { customQuerySchema } from "./connector-catalogs.ts";
 * const schema = customQuerySchema("SELECT campaign.id, metrics.cost_micros FROM campaign");
 * console.assert(JSON.stringify(schema.properties?.["metrics.cost_micros"]?.type) === '["null","integer"]');
 * ```
 */
export function customQuerySchema(query: string): JsonSchema {
  if (gaqlFields(query).length === 0) throw new RangeError(`Cannot read the fields of GAQL query '${query}'`);
  const { streams } = customGaqlStreams({ custom_queries_array: [{ table_name: "custom", query }] }, CATALOGS.google_ads);
  const schema = streams[0]!.json_schema;
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (property.type === undefined) throw new RangeError(`Google Ads field '${field}' is in no built-in stream of the vendored catalog`);
  }
  return schema;
}

/**
 * A stream's json_schema: the vendored catalog's, or for a Google Ads custom query
 * (`custom_queries_array[].table_name`) the schema its query implies.
 *
 * @param platform The platform.
 * @param stream The stream name.
 * @param configuration The source configuration (for Google Ads custom queries).
 * @returns The schema, or `undefined` when the catalog has no full schema for it.
 * @example
 * ```ts
 * import { streamSchema } from "./connector-catalogs.ts";
 * console.assert(streamSchema("meta", "ads_insights")?.properties?.actions !== undefined);
 * console.assert(streamSchema("google_ads", "campaign_performance")?.properties?.["segments.date"] !== undefined);
 * ```
 */
export function streamSchema(platform: RawPlatform, stream: string, configuration?: Readonly<Record<string, unknown>>): JsonSchema | undefined {
  if (platform === "google_ads") {
    const queries = configuration?.custom_queries_array;
    const custom = Array.isArray(queries) ? (queries as { table_name?: unknown; query?: unknown }[]).find((q) => q.table_name === stream) : undefined;
    if (typeof custom?.query === "string") return customQuerySchema(custom.query);
    if (stream === "campaign_performance") return customQuerySchema(DEFAULT_CAMPAIGN_PERFORMANCE_QUERY);
  }
  return builtInStreamSchema(platform, stream);
}
