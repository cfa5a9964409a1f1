// Connector definitions, their specs and the streams their discover returns.
// The five ad connectors and faker are the real ones: spec.json and
// catalog.json vendored in schemas/connectors/<folder>/, read from disk on
// first use (Node and Deno). GA4, Search Console and unknown names get a
// permissive spec and generic streams. Ids match Airbyte's registry where
// known; the rest are stable hashes of the name.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A stream as a connector's discover emits it (Airbyte protocol, snake_case). */
export interface CatalogStream {
  name: string;
  json_schema: Record<string, unknown>;
  supported_sync_modes: ("full_refresh" | "incremental")[];
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
  is_resumable?: boolean;
  is_file_based?: boolean;
}

/** A connector's `spec` output (the parts the stand-in serves). */
export interface ConnectorSpec {
  documentationUrl?: string;
  /** JSON Schema draft-07 of the source configuration. */
  connectionSpecification: Record<string, unknown>;
  advanced_auth?: { auth_flow_type?: string; predicate_key?: string[]; predicate_value?: string };
}

/** A connector definition the stand-in knows. */
export interface DefinitionFixture {
  id: string;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  /** Folder under schemas/connectors/ holding the real spec and catalog. */
  connector?: string;
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

/** Source definitions the stand-in serves, by name (tags = the vendored connector versions). */
export const SOURCE_DEFINITIONS: readonly DefinitionFixture[] = [
  { id: "e7778cfc-e97c-4458-9ecb-b4f2bba8946c", name: "Facebook Marketing", dockerRepository: "airbyte/source-facebook-marketing", dockerImageTag: "6.1.9", connector: "facebook-marketing" },
  { id: "253487c0-2246-43ba-a21f-5116b20a2c50", name: "Google Ads", dockerRepository: "airbyte/source-google-ads", dockerImageTag: "6.1.7", connector: "google-ads" },
  { id: "47f25999-dd5e-4636-8c39-e7cea2453331", name: "Bing Ads", dockerRepository: "airbyte/source-bing-ads", dockerImageTag: "2.22.0", connector: "bing-ads" },
  { id: "137ece28-5434-455c-8f34-69dc3782f451", name: "LinkedIn Ads", dockerRepository: "airbyte/source-linkedin-ads", dockerImageTag: "5.4.1", connector: "linkedin-ads" },
  { id: "4bfac00d-ce15-44ff-95b9-9e3c3e8fbd35", name: "TikTok Marketing", dockerRepository: "airbyte/source-tiktok-marketing", dockerImageTag: "4.7.0", connector: "tiktok-marketing" },
  { id: "dfd88b22-b603-4c3d-aad7-3701784586b1", name: "Faker", dockerRepository: "airbyte/source-faker", dockerImageTag: "7.2.1", connector: "faker" },
  { id: "3cc2eafd-84aa-4dca-93af-322d9dfeec1a", name: "Google Analytics 4 (GA4)", dockerRepository: "airbyte/source-google-analytics-data-api", dockerImageTag: "2.7.0" },
  { id: "eb4c9e00-db83-4d63-a386-39cfa91012a8", name: "Google Search Console", dockerRepository: "airbyte/source-google-search-console", dockerImageTag: "1.6.0" },
];

/** Destination definitions the stand-in serves. */
export const DESTINATION_DEFINITIONS: readonly DefinitionFixture[] = [
  { id: "94bd199c-2ff0-4aa2-b98e-17f0acb72610", name: "DuckDB", dockerRepository: "airbyte/destination-duckdb", dockerImageTag: "0.4.0" },
  { id: "25c5221d-dce2-4163-ade9-739ef790f503", name: "Postgres", dockerRepository: "airbyte/destination-postgres", dockerImageTag: "3.0.0" },
  { id: "22f6c74f-5699-40ff-833c-4a879ea40133", name: "BigQuery", dockerRepository: "airbyte/destination-bigquery", dockerImageTag: "2.9.0" },
  { id: "4816b78f-1489-44c1-9060-4b19d5fa9362", name: "S3", dockerRepository: "airbyte/destination-s3", dockerImageTag: "1.5.0" },
];

/** Where the vendored connector files are, from this file (scripts/standins/airbyte/). */
const CONNECTORS_DIR = new URL("../../../schemas/connectors/", import.meta.url);

const contracts = new Map<string, { spec: ConnectorSpec; streams: CatalogStream[] }>();

function readJson(folder: string, file: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`${folder}/${file}`, CONNECTORS_DIR)), "utf8"));
}

/**
 * The vendored spec and catalog of a connector folder, read once.
 *
 * @param folder e.g. `facebook-marketing`.
 * @returns Its spec and discovered streams.
 * @throws When the files are missing or not JSON (a broken checkout).
 */
export function connectorContract(folder: string): { spec: ConnectorSpec; streams: CatalogStream[] } {
  let contract = contracts.get(folder);
  if (contract === undefined) {
    const spec = readJson(folder, "spec.json") as ConnectorSpec;
    const streams = (readJson(folder, "catalog.json") as { streams: CatalogStream[] }).streams;
    contract = { spec, streams };
    contracts.set(folder, contract);
  }
  return contract;
}

/**
 * Reads every vendored connector now (the stand-in calls it at start-up, so a
 * broken checkout fails there and not on the first discover).
 */
export function loadConnectorContracts(): void {
  for (const d of SOURCE_DEFINITIONS) if (d.connector !== undefined) connectorContract(d.connector);
}

/** The spec served for definitions without a vendored contract: any object. */
const PERMISSIVE_SPEC: ConnectorSpec = {
  connectionSpecification: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", title: "Generic Spec", properties: {}, additionalProperties: true },
};

/**
 * The spec of a source definition by name.
 *
 * @param definitionName e.g. `Facebook Marketing`.
 * @returns The real spec, or a permissive one for definitions without a vendored contract.
 */
export function specOf(definitionName: string): ConnectorSpec {
  const folder = SOURCE_DEFINITIONS.find((d) => d.name === definitionName)?.connector;
  return folder === undefined ? PERMISSIVE_SPEC : connectorContract(folder).spec;
}

const secretPaths = new Map<string, ReadonlySet<string>>();

function collectSecretPaths(schema: unknown, at: string, out: Set<string>): void {
  if (schema === null || typeof schema !== "object") return;
  const node = schema as { airbyte_secret?: unknown; properties?: Record<string, unknown>; oneOf?: unknown[]; anyOf?: unknown[]; items?: unknown };
  if (node.airbyte_secret === true && at !== "") out.add(at);
  for (const [k, v] of Object.entries(node.properties ?? {})) collectSecretPaths(v, at === "" ? k : `${at}.${k}`, out);
  for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) collectSecretPaths(branch, at, out);
  if (node.items !== undefined) collectSecretPaths(node.items, at, out);
}

/**
 * The dotted paths a definition's spec marks `airbyte_secret` (inside `oneOf`
 * branches too), which Airbyte masks in every read.
 *
 * @param definitionName The definition name.
 * @returns The paths, or undefined for definitions without a vendored contract.
 */
export function secretPathsOf(definitionName: string): ReadonlySet<string> | undefined {
  const folder = SOURCE_DEFINITIONS.find((d) => d.name === definitionName)?.connector;
  if (folder === undefined) return undefined;
  let paths = secretPaths.get(folder);
  if (paths === undefined) {
    const out = new Set<string>();
    collectSecretPaths(connectorContract(folder).spec.connectionSpecification, "", out);
    paths = out;
    secretPaths.set(folder, paths);
  }
  return paths;
}

/**
 * Whether a definition is backed by a vendored connector contract.
 *
 * @param definitionName The definition name.
 * @returns True for the five ad connectors and Faker.
 */
export function hasContract(definitionName: string): boolean {
  return SOURCE_DEFINITIONS.some((d) => d.name === definitionName && d.connector !== undefined);
}

const METRICS = { date: "string", impressions: "integer", clicks: "integer", spend: "number", conversions: "number" } as const;

/**
 * A generic stream (definitions without a vendored catalog): nullable typed fields.
 *
 * @param name The stream name.
 * @param fields Field types.
 * @param cursor The source-defined cursor, if any.
 * @param primaryKey The source-defined key.
 * @returns The stream.
 */
export function genericStream(name: string, fields: Record<string, string>, cursor: string[] | undefined, primaryKey: string[][]): CatalogStream {
  const properties: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(fields)) properties[field] = { type: ["null", type] };
  return {
    name,
    json_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties },
    supported_sync_modes: cursor ? ["full_refresh", "incremental"] : ["full_refresh"],
    ...(cursor ? { source_defined_cursor: true, default_cursor_field: cursor } : {}),
    ...(primaryKey.length > 0 ? { source_defined_primary_key: primaryKey } : {}),
    is_resumable: true,
  };
}

function report(name: string, idField: string, extra: Record<string, string> = {}): CatalogStream {
  return genericStream(name, { [idField]: "string", ...METRICS, ...extra }, ["date"], [[idField], ["date"]]);
}

const GENERIC_STREAMS: Record<string, CatalogStream[]> = {
  "Google Analytics 4 (GA4)": [report("daily_active_users", "property_id", { active1DayUsers: "integer" }), report("traffic_sources", "property_id", { sessionSource: "string", sessions: "integer" })],
  "Google Search Console": [report("search_analytics_by_date", "site_url", { ctr: "number", position: "number" }), report("search_analytics_by_query", "site_url", { query: "string" })],
};

/**
 * The streams a definition's discover returns whatever its configuration
 * (Google Ads adds its custom queries on top, see `discoverStreams`).
 *
 * @param definitionName The definition name.
 * @returns The vendored catalog's streams, or generic ones.
 */
export function builtInStreams(definitionName: string): CatalogStream[] {
  const folder = SOURCE_DEFINITIONS.find((d) => d.name === definitionName)?.connector;
  if (folder !== undefined) return connectorContract(folder).streams;
  return GENERIC_STREAMS[definitionName] ?? [report("report_daily", "id"), genericStream("accounts", { id: "string", name: "string", status: "string", updated_time: "string" }, ["updated_time"], [["id"]])];
}

/**
 * A definition for a name the fixtures do not know, with a stable id.
 *
 * @param name The definition name.
 * @returns The definition.
 */
export function genericSourceDefinition(name: string): DefinitionFixture {
  const repo = `airbyte/source-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  return { id: stableUuid(`source-definition:${name}`), name, dockerRepository: repo, dockerImageTag: "1.0.0" };
}

/**
 * The Config API `AirbyteStream` (camelCase) of a protocol stream.
 *
 * @param stream The stream as discover emits it.
 * @returns The stream as the API returns it.
 */
export function toAirbyteStream(stream: CatalogStream): Record<string, unknown> {
  return {
    name: stream.name,
    jsonSchema: stream.json_schema,
    supportedSyncModes: stream.supported_sync_modes,
    sourceDefinedCursor: stream.source_defined_cursor ?? false,
    defaultCursorField: stream.default_cursor_field ?? [],
    sourceDefinedPrimaryKey: stream.source_defined_primary_key ?? [],
    isResumable: stream.is_resumable ?? false,
    ...(stream.is_file_based !== undefined ? { isFileBased: stream.is_file_based } : {}),
  };
}
