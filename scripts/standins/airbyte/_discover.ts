// What a source's discover returns for its configuration: the connector's
// catalog, plus Google Ads' custom GAQL queries as streams of their own.
import { customGaqlStreams, gaqlFields, type GoogleAdsCatalog } from "../../config/mod.ts";
import { builtInStreams, type CatalogStream } from "./_catalogs.ts";

/** A discover result: the streams, or why the discover job failed. */
export type DiscoverResult = { ok: true; streams: CatalogStream[] } | { ok: false; message: string };

/**
 * The stream a Google Ads `custom_queries_array` entry defines (config's
 * `customGaqlStreams`, the one definition): one property per selected field,
 * typed as the same dotted key is in the built-in streams; incremental on
 * `segments.date` when the query selects it; no source-defined key. A field no
 * built-in stream has fails discover, as the connector's schema loader does.
 *
 * @param entry `{ table_name, query }`.
 * @returns The stream, or why discover fails.
 */
export function customQueryStream(entry: { table_name?: unknown; query?: unknown }): { ok: true; stream: CatalogStream } | { ok: false; message: string } {
  const name = String(entry.table_name ?? "");
  const query = String(entry.query ?? "");
  if (gaqlFields(query).length === 0) return { ok: false, message: `Custom query '${name}' is not a GAQL query of the form 'SELECT <fields> FROM <resource>'` };
  const { streams, unknownFields } = customGaqlStreams({ custom_queries_array: [{ table_name: name, query }] }, { streams: builtInStreams("Google Ads") as GoogleAdsCatalog["streams"] });
  const unknown = unknownFields[0];
  if (unknown !== undefined) return { ok: false, message: `Unrecognized field in the query of custom stream '${name}': '${unknown.field}'` };
  const stream = streams[0] as CatalogStream & { default_cursor_field?: string[] };
  const incremental = stream.supported_sync_modes.includes("incremental");
  return {
    ok: true,
    stream: {
      name,
      json_schema: stream.json_schema,
      supported_sync_modes: incremental ? ["full_refresh", "incremental"] : ["full_refresh"],
      ...(incremental ? { source_defined_cursor: true, default_cursor_field: ["segments.date"] } : {}),
      is_resumable: true,
    },
  };
}

/**
 * The streams discover returns for a source: the definition's catalog, seeded
 * extras (definitions without a vendored catalog only), and for Google Ads one
 * stream per `custom_queries_array` entry.
 *
 * @param definitionName The source's definition name.
 * @param configuration The source's configuration.
 * @param extra Seeded streams for definitions without a vendored catalog.
 * @returns The streams, or the failure a discover job would report.
 * @example
 * ```ts
 * import { discoverStreams } from "./_discover.ts";
 * const r = discoverStreams("Google Ads", { custom_queries_array: [{ table_name: "t", query: "SELECT campaign.id, segments.date FROM campaign" }] });
 * console.assert(r.ok && r.streams.some((s) => s.name === "t"));
 * ```
 */
export function discoverStreams(definitionName: string, configuration: Record<string, unknown>, extra: readonly CatalogStream[] = []): DiscoverResult {
  const streams = [...builtInStreams(definitionName), ...extra.filter((s) => !builtInStreams(definitionName).some((b) => b.name === s.name))];
  if (definitionName === "Google Ads" && Array.isArray(configuration.custom_queries_array)) {
    for (const entry of configuration.custom_queries_array as { table_name?: unknown; query?: unknown }[]) {
      const custom = customQueryStream(entry);
      if (!custom.ok) return custom;
      streams.push(custom.stream);
    }
  }
  return { ok: true, streams };
}
