// The raw-table layout the stand-in lands, mirroring destination-postgres 3.x (Direct Load)
// typed final tables: Airbyte's columns first, then one column per top-level json_schema
// property, name case-preserved with every character outside [A-Za-z0-9_] replaced by `_`.
import type { JsonSchema } from "./connector-catalogs.ts";
import { AIRBYTE_COLUMNS } from "./platform-streams.ts";

/**
 * The column a destination gives a record property.
 *
 * @param property A top-level json_schema property (`campaign.id`, `AccountId`).
 * @returns The column name (`campaign_id`, `AccountId`).
 * @example
 * ```ts
 * import { destinationColumnName } from "./destination-layout.ts";
 * console.assert(destinationColumnName("metrics.cost_micros") === "metrics_cost_micros");
 * console.assert(destinationColumnName("costInLocalCurrency") === "costInLocalCurrency");
 * ```
 */
export function destinationColumnName(property: string): string {
  return property.replace(/[^A-Za-z0-9_]/g, "_");
}

function typesOf(schema: JsonSchema): string[] {
  const own = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(typesOf);
  return [...own, ...branches].filter((t) => t !== "null");
}

/**
 * The DuckDB type of a property: integer BIGINT, number DECIMAL(38, 9), boolean BOOLEAN,
 * date strings DATE, date-time strings TIMESTAMPTZ (TIMESTAMP for Airbyte's
 * `timestamp_without_timezone`), other strings VARCHAR, and JSON for objects, arrays, unions
 * of several types and empty schemas.
 *
 * @param schema The property's schema.
 * @returns The column type.
 * @example
 * ```ts
 * import { destinationColumnType } from "./destination-layout.ts";
 * console.assert(destinationColumnType({ type: ["null", "array"] }) === "JSON");
 * console.assert(destinationColumnType({ type: ["null", "string"], format: "date" }) === "DATE");
 * ```
 */
export function destinationColumnType(schema: JsonSchema): string {
  const types = [...new Set(typesOf(schema))];
  if (types.length !== 1) return "JSON";
  switch (types[0]) {
    case "integer":
      return "BIGINT";
    case "number":
      return "DECIMAL(38, 9)";
    case "boolean":
      return "BOOLEAN";
    case "string":
      if (schema.airbyte_type === "timestamp_without_timezone") return "TIMESTAMP";
      if (schema.format === "date-time" || schema.airbyte_type === "timestamp_with_timezone") return "TIMESTAMPTZ";
      return schema.format === "date" ? "DATE" : "VARCHAR";
    default:
      return "JSON";
  }
}

/**
 * Every column of a stream's final table with its type, Airbyte's first.
 *
 * @param schema The stream's json_schema.
 * @returns Column name → DuckDB type, in order.
 * @throws {RangeError} When two properties normalise to the same column name.
 * @example
 * ```ts
 * import { destinationColumns } from "./destination-layout.ts";
 * const cols = destinationColumns({ properties: { "segments.date": { type: ["null", "string"], format: "date" } } });
 * console.assert(cols.segments_date === "DATE" && Object.keys(cols)[0] === "_airbyte_raw_id");
 * ```
 */
export function destinationColumns(schema: JsonSchema): Record<string, string> {
  const columns: Record<string, string> = { ...AIRBYTE_COLUMNS };
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    const name = destinationColumnName(property);
    if (name in columns) throw new RangeError(`Properties of one stream both become column '${name}'`);
    columns[name] = destinationColumnType(propertySchema);
  }
  return columns;
}

/** The Airbyte columns' values of one record. */
export interface AirbyteRecordMeta {
  /** `_airbyte_raw_id`. */
  rawId: string;
  /** `_airbyte_extracted_at`, ISO 8601. */
  extractedAt: string;
  /** The sync's job id (in `_airbyte_meta`). */
  syncId: number;
  /** `_airbyte_generation_id`. */
  generationId: number;
}

/**
 * One record as a row of its final table: Airbyte's columns, then each property under
 * its column name (objects and arrays stay nested; the loader stores them as JSON).
 * Properties the schema does not declare are dropped, as a typed destination does.
 *
 * @param record The record as the connector emits it.
 * @param columns The table's columns ({@link destinationColumns}).
 * @param meta The Airbyte columns' values.
 * @returns The row.
 * @example
 * ```ts
 * import { destinationRow } from "./destination-layout.ts";
 * const row = destinationRow({ "campaign.id": 7 }, { campaign_id: "BIGINT" }, { rawId: "r", extractedAt: "2026-01-01T00:00:00.000Z", syncId: 1, generationId: 0 });
 * console.assert(row.campaign_id === 7 && row._airbyte_raw_id === "r");
 * ```
 */
export function destinationRow(record: Readonly<Record<string, unknown>>, columns: Readonly<Record<string, string>>, meta: AirbyteRecordMeta): Record<string, unknown> {
  const row: Record<string, unknown> = {
    _airbyte_raw_id: meta.rawId,
    _airbyte_extracted_at: meta.extractedAt,
    _airbyte_meta: { changes: [], sync_id: meta.syncId },
    _airbyte_generation_id: meta.generationId,
  };
  for (const [property, value] of Object.entries(record)) {
    const name = destinationColumnName(property);
    if (name in columns && !(name in AIRBYTE_COLUMNS)) row[name] = value;
  }
  return row;
}

/**
 * JSON text of a value in which integers too large for a double are `bigint`s: they are
 * written as plain JSON integers, digit for digit (TikTok's 19-digit ids).
 *
 * @param value Any JSON-able value, `bigint`s allowed.
 * @returns JSON text.
 * @example
 * ```ts
 * import { stringifyWithBigInts } from "./destination-layout.ts";
 * console.assert(stringifyWithBigInts({ id: 7012345678901234567n }) === '{"id":7012345678901234567}');
 * ```
 */
export function stringifyWithBigInts(value: unknown): string {
  const marker = "\u0000bigint:";
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${marker}${v.toString()}` : v));
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}
