import type { TemplateConfig } from "../../schemas/mod.ts";
import {
  type CatalogStream,
  type JsonSchema,
  closestNames,
  type ConfigProblem,
  type ConnectorContracts,
  customGaqlStreams,
  type PlatformId,
  PLATFORM_CONNECTORS,
} from "../config/mod.ts";
import type { SourceRead } from "./staging-source-columns.ts";

/** What the data-contract check covered. */
export interface DataContractSummary {
  /** Staging models read. */
  models: number;
  /** `union_tenant_sources` calls. */
  reads: number;
  /** Declared raw columns checked against a stream's schema. */
  columns: number;
  /** Of those, found in the stream (under the destination's name). */
  found: number;
  /** Not in the stream. */
  missing: number;
  /** Found, but only case-insensitively or unquoted where Postgres needs quotes. */
  caseFlagged: number;
  /** Found, but a JSON column (object/array) cast to a scalar type. */
  typeMismatch: number;
}

/**
 * A record key as the destination names its column: every character outside
 * `[A-Za-z0-9_]` becomes `_` (`campaign.id` → `campaign_id`), case preserved.
 *
 * @param key The record key.
 * @returns The column name.
 * @example
 * ```ts
 * import { destinationColumnName } from "./check-data-contracts.ts";
 * console.assert(destinationColumnName("segments.date") === "segments_date");
 * ```
 */
export function destinationColumnName(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, "_");
}

function types(schema: JsonSchema | undefined): string[] {
  const t = schema?.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/** Whether the destination writes a property as JSON (an object or array, or a union holding one). */
function isJsonColumn(schema: JsonSchema | undefined): boolean {
  const t = types(schema);
  return t.includes("object") || t.includes("array") || (schema?.oneOf ?? schema?.anyOf ?? []).some((b) => isJsonColumn(b));
}

/** Where a missing column lives one level down, inside a JSON column (`metrics.spend`). */
function nestedHome(name: string, properties: Record<string, JsonSchema>): string | undefined {
  for (const [key, schema] of Object.entries(properties)) {
    const inner = schema.properties ?? schema.items?.properties;
    if (inner !== undefined && Object.keys(inner).some((k) => k.toLowerCase() === name.toLowerCase())) return `${key}.${name}`;
  }
  return undefined;
}

const SCALAR_CAST = /^(big|small|tiny)?int(eger)?\b|^(decimal|numeric|double|float|real|date|timestamp|boolean|bool)\b/i;

/** Resolves a staging read's stream: the catalog's, else a custom GAQL stream some template of the platform defines. */
function resolveStream(read: SourceRead, contracts: ConnectorContracts, templates: readonly TemplateConfig[]): { connector: string; stream: CatalogStream | undefined; names: string[] } | undefined {
  const connector = PLATFORM_CONNECTORS[read.platform as PlatformId];
  const contract = connector === undefined ? undefined : contracts.get(connector);
  if (contract === undefined) return undefined;
  const custom = templates
    .filter((t) => t.platform === read.platform)
    .flatMap((t) => customGaqlStreams(t.source.configuration ?? {}, contract).streams);
  const all = [...contract.streams, ...custom];
  return { connector: contract.connector, stream: custom.find((s) => s.name === read.stream) ?? contract.streams.find((s) => s.name === read.stream), names: all.map((s) => s.name) };
}

/**
 * The data-contract check (seed 001's `check_data_contracts`): every raw column
 * a staging model declares in `union_tenant_sources(platform, stream, {...})`
 * exists in that stream of the connector's catalog, under the name the
 * destination gives it. A quoted column (`'"AccountId"'`) must match the case
 * exactly (Postgres keeps the case of quoted names); an unquoted one that only
 * matches ignoring case, or names a mixed-case column, works on DuckDB but
 * not on Postgres and is a warning.
 *
 * @param reads Every staging read, with the models they came from.
 * @param options The vendored contracts and the templates (custom GAQL streams).
 * @returns The problems (at each column's file:line) and the counts.
 */
export function checkDataContracts(
  reads: readonly SourceRead[],
  options: { contracts: ConnectorContracts; templates: readonly TemplateConfig[] },
): { problems: ConfigProblem[]; summary: DataContractSummary } {
  const problems: ConfigProblem[] = [];
  const summary: DataContractSummary = { models: new Set(reads.map((r) => r.position.file)).size, reads: reads.length, columns: 0, found: 0, missing: 0, caseFlagged: 0, typeMismatch: 0 };
  for (const read of reads) {
    const resolved = resolveStream(read, options.contracts, options.templates);
    if (resolved === undefined) {
      problems.push({ level: "error", code: "data-contract", message: `Platform '${read.platform}' has no vendored connector contract`, hint: `Platforms: ${Object.keys(PLATFORM_CONNECTORS).join(", ")}`, position: read.position });
      continue;
    }
    const { connector, stream } = resolved;
    if (stream === undefined) {
      problems.push({
        level: "error",
        code: "data-contract",
        message: `Stream '${read.stream}' is not a stream of ${connector} (closest: ${closestNames(read.stream, resolved.names).join(", ")})`,
        hint: connector === "google-ads" ? "A custom GAQL stream must be defined by a template's custom_queries_array (table_name)" : `Streams: schemas/connectors/${connector}/catalog.json`,
        position: read.position,
      });
      continue;
    }
    const properties = stream.json_schema.properties ?? {};
    const schemaOf = new Map(Object.entries(properties).map(([k, v]) => [destinationColumnName(k), v]));
    const columns = [...schemaOf.keys()];
    const exact = new Set(columns);
    const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
    for (const column of read.columns) {
      if (column.name.startsWith("_airbyte_")) continue; // the destination's own columns
      summary.columns++;
      const real = exact.has(column.name) ? column.name : byLower.get(column.name.toLowerCase());
      if (real === undefined) {
        summary.missing++;
        problems.push({
          level: "error",
          code: "data-contract",
          message: `Column '${column.name}' is not in stream '${stream.name}' of ${connector} (closest: ${closestNames(column.name, columns).join(", ")})`,
          hint: `${nestedHome(column.name, properties) ? `It is '${nestedHome(column.name, properties)}', inside a JSON column. ` : ""}The stream's columns are its json_schema properties with characters outside [A-Za-z0-9_] as '_' (schemas/connectors/${connector}/catalog.json)`,
          position: column.position,
        });
        continue;
      }
      summary.found++;
      const schema = schemaOf.get(real);
      if (isJsonColumn(schema) && SCALAR_CAST.test(column.type.trim())) {
        summary.typeMismatch++;
        problems.push({
          level: "error",
          code: "data-contract-type",
          message: `Column '${column.name}' of stream '${stream.name}' is ${types(schema).filter((t) => t !== "null").map((t) => (t === "array" || t === "object" ? `an ${t}` : `a ${t}`)).join(" or ") || "JSON"} (a JSON column in the destination), so casting it to ${column.type} fails`,
          hint: "Read it as json (or varchar) and extract the value in SQL, e.g. pick the action_type you need from an array of actions",
          position: column.position,
        });
      }
      if (real !== column.name && column.quoted) {
        summary.caseFlagged++;
        problems.push({ level: "error", code: "data-contract-case", message: `Column '"${column.name}"' of stream '${stream.name}' is '"${real}"' in the destination: a quoted name must match its case`, hint: `Write '"${real}"'`, position: column.position });
      } else if (!column.quoted && real !== real.toLowerCase()) {
        summary.caseFlagged++;
        problems.push({
          level: "warning",
          code: "data-contract-case",
          message: `Column '${column.name}' of stream '${stream.name}' is '${real}' (mixed case): unquoted it matches on DuckDB but folds to '${real.toLowerCase()}' on Postgres, which keeps the destination's case`,
          hint: `Write the key as '"${real}"' so the macro quotes it`,
          position: column.position,
        });
      }
    }
  }
  return { problems, summary };
}
