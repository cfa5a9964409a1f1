// What a source's discover returns for its configuration: the connector's
// catalog, plus Google Ads' custom GAQL queries as streams of their own.
import { builtInStreams, type CatalogStream } from "./_catalogs.ts";

/** A discover result: the streams, or why the discover job failed. */
export type DiscoverResult = { ok: true; streams: CatalogStream[] } | { ok: false; message: string };

const GAQL = /^\s*SELECT\s+([\s\S]+?)\s+FROM\s+([A-Za-z_]+)\b/i;

function builtInField(field: string): Record<string, unknown> | undefined {
  let untyped: Record<string, unknown> | undefined;
  for (const stream of builtInStreams("Google Ads")) {
    const schema = (stream.json_schema.properties as Record<string, Record<string, unknown>> | undefined)?.[field];
    if (schema === undefined) continue;
    if (stream.json_schema["x-adops-trimmed"] !== undefined) {
      untyped ??= {};
      continue;
    }
    const { description: _, ...typed } = schema;
    return typed;
  }
  return untyped;
}

/**
 * The stream a Google Ads `custom_queries_array` entry defines: one property
 * per selected field, typed as the same dotted key is in the built-in streams
 * (a field only in a trimmed stream stays untyped); incremental on
 * `segments.date` when the query selects it; no source-defined key.
 *
 * @param entry `{ table_name, query }`.
 * @returns The stream, or why discover fails.
 */
export function customQueryStream(entry: { table_name?: unknown; query?: unknown }): { ok: true; stream: CatalogStream } | { ok: false; message: string } {
  const name = String(entry.table_name ?? "");
  const match = GAQL.exec(String(entry.query ?? ""));
  if (match === null) return { ok: false, message: `Custom query '${name}' is not a GAQL query of the form 'SELECT <fields> FROM <resource>'` };
  const fields = (match[1] as string).split(",").map((f) => f.trim()).filter((f) => f !== "");
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const schema = builtInField(field);
    if (schema === undefined) return { ok: false, message: `Unrecognized field in the query of custom stream '${name}': '${field}'` };
    properties[field] = schema;
  }
  const incremental = fields.includes("segments.date");
  return {
    ok: true,
    stream: {
      name,
      json_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", additionalProperties: true, properties },
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
