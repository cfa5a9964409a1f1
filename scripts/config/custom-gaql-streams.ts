import type { CatalogStream, ConnectorContract, JsonSchema } from "./connector-contracts.ts";

/** A field a custom GAQL query selects that no built-in Google Ads stream has. */
export interface UnknownGaqlField {
  /** Index in `custom_queries_array`. */
  index: number;
  /** The query's `table_name`. */
  tableName: string;
  /** The field as written. */
  field: string;
}

/**
 * The fields a GAQL query selects (`SELECT a, b FROM resource ...`), in order.
 *
 * @param query The GAQL query.
 * @returns The selected field names, or `[]` when it is not a SELECT.
 * @example
 * ```ts
 * import { gaqlFields } from "./custom-gaql-streams.ts";
 * console.assert(gaqlFields("SELECT campaign.id, segments.date FROM campaign").join() === "campaign.id,segments.date");
 * ```
 */
export function gaqlFields(query: string): string[] {
  const match = /^\s*select\s+([\s\S]+?)\s+from\s/i.exec(query);
  if (match === null) return [];
  return (match[1] ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
}

/** Every property of the built-in streams by key; a full schema wins over a trimmed one. */
function builtInFields(contract: ConnectorContract): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const stream of contract.streams) {
    const trimmed = "x-adops-trimmed" in stream.json_schema;
    for (const [key, schema] of Object.entries(stream.json_schema.properties ?? {})) {
      if (!out.has(key) || (!trimmed && out.get(key)?.type === undefined)) out.set(key, schema);
    }
  }
  return out;
}

/**
 * The streams a Google Ads configuration's `custom_queries_array` defines, as
 * the connector discovers them: named `table_name`, one property per selected
 * field (typed as the same key of the built-in streams), incremental on
 * `segments.date` only when the query selects it, and no source-defined key.
 *
 * @param configuration The source configuration.
 * @param contract The Google Ads contract (its built-in streams type the fields).
 * @returns The custom streams and the selected fields no built-in stream has.
 * @example
 * ```ts ignore
 * const { streams } = customGaqlStreams({ custom_queries_array: [{ table_name: "t", query: "SELECT campaign.id FROM campaign" }] }, google);
 * ```
 */
export function customGaqlStreams(
  configuration: Readonly<Record<string, unknown>>,
  contract: ConnectorContract,
): { streams: CatalogStream[]; unknownFields: UnknownGaqlField[] } {
  const queries = configuration.custom_queries_array;
  if (!Array.isArray(queries)) return { streams: [], unknownFields: [] };
  const known = builtInFields(contract);
  const streams: CatalogStream[] = [];
  const unknownFields: UnknownGaqlField[] = [];
  queries.forEach((q: unknown, index) => {
    const { query, table_name: tableName } = (q ?? {}) as { query?: unknown; table_name?: unknown };
    if (typeof query !== "string" || typeof tableName !== "string") return;
    const properties: Record<string, JsonSchema> = {};
    for (const field of gaqlFields(query)) {
      const schema = known.get(field);
      if (schema === undefined) unknownFields.push({ index, tableName, field });
      properties[field] = schema ?? {};
    }
    const incremental = "segments.date" in properties;
    streams.push({
      name: tableName,
      json_schema: { type: "object", properties },
      supported_sync_modes: incremental ? ["full_refresh", "incremental"] : ["full_refresh"],
      source_defined_cursor: incremental ? true : undefined,
      default_cursor_field: incremental ? ["segments.date"] : undefined,
      source_defined_primary_key: undefined,
    });
  });
  return { streams, unknownFields };
}
