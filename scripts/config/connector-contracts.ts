import * as v from "valibot";
import type { Files } from "../core/mod.ts";
import type { ConfigProblem } from "./problem.ts";
import type { PlatformId } from "./types.ts";

/** Template `source.definition` name → vendored connector folder under `schemas/connectors/`. */
export const CONNECTOR_FOLDERS: Readonly<Record<string, string>> = {
  "Facebook Marketing": "facebook-marketing",
  "Google Ads": "google-ads",
  "Bing Ads": "bing-ads",
  "LinkedIn Ads": "linkedin-ads",
  "TikTok Marketing": "tiktok-marketing",
};

/** Platform id → the connector its templates use (GA4 and Search Console have no vendored contract). */
export const PLATFORM_CONNECTORS: Readonly<Partial<Record<PlatformId, string>>> = {
  meta: "facebook-marketing",
  google_ads: "google-ads",
  microsoft_ads: "bing-ads",
  linkedin: "linkedin-ads",
  tiktok: "tiktok-marketing",
};

/** Where the vendored contracts live, relative to the repository root. */
export const DEFAULT_CONNECTORS_DIR = "schemas/connectors";

/** A JSON Schema, as the connector publishes it (only the keywords adops reads are typed). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  required?: string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  pattern_descriptor?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  airbyte_secret?: boolean;
  [key: string]: unknown;
}

/** One stream of a connector's offline `discover` catalog. */
export interface CatalogStream {
  name: string;
  json_schema: JsonSchema;
  supported_sync_modes: string[];
  source_defined_cursor?: boolean | undefined;
  default_cursor_field?: string[] | undefined;
  source_defined_primary_key?: string[][] | undefined;
}

/** A connector's contract: its `spec` and its catalog, with the files they came from. */
export interface ConnectorContract {
  /** Folder name, e.g. `facebook-marketing`. */
  connector: string;
  /** `<dir>/<connector>/spec.json`. */
  specFile: string;
  /** `<dir>/<connector>/catalog.json`. */
  catalogFile: string;
  /** The spec's `connectionSpecification` (JSON Schema draft-07). */
  connectionSpecification: JsonSchema;
  /** Every stream the connector discovers offline. */
  streams: CatalogStream[];
}

/** The vendored contracts by connector folder. */
export type ConnectorContracts = ReadonlyMap<string, ConnectorContract>;

const SchemaObject = v.custom<JsonSchema>((x) => x !== null && typeof x === "object" && !Array.isArray(x), "a JSON Schema object");
const SpecFile = v.looseObject({ connectionSpecification: SchemaObject });
const CatalogFile = v.looseObject({
  streams: v.array(v.looseObject({
    name: v.string(),
    json_schema: SchemaObject,
    supported_sync_modes: v.array(v.string()),
    source_defined_cursor: v.optional(v.boolean()),
    default_cursor_field: v.optional(v.array(v.string())),
    source_defined_primary_key: v.optional(v.array(v.array(v.string()))),
  })),
});

async function readJson<S extends v.GenericSchema>(files: Files, path: string, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; reason: string }> {
  let text: string | undefined;
  try {
    text = await files.tryReadText(path);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (text === undefined) return { ok: false, reason: "it does not exist" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) return { ok: false, reason: `it does not have the shape of a connector ${path.endsWith("spec.json") ? "spec" : "catalog"} (${parsed.issues[0]?.message ?? "invalid"})` };
  return { ok: true, value: parsed.output };
}

/**
 * Reads the vendored connector contracts (`<dir>/<connector>/spec.json` and
 * `catalog.json`) of every connector a template can name.
 *
 * @param files File access.
 * @param dir The contracts folder (default {@link DEFAULT_CONNECTORS_DIR}).
 * @returns The contracts, or `undefined` when the folder is absent; a file
 *   that cannot be read is a problem (and its connector is left out).
 * @example
 * ```ts ignore
 * const { contracts, problems } = await loadConnectorContracts(files, "schemas/connectors");
 * ```
 */
export async function loadConnectorContracts(
  files: Files,
  dir: string = DEFAULT_CONNECTORS_DIR,
): Promise<{ contracts: ConnectorContracts | undefined; problems: ConfigProblem[] }> {
  if (!(await files.exists(dir))) return { contracts: undefined, problems: [] };
  const contracts = new Map<string, ConnectorContract>();
  const problems: ConfigProblem[] = [];
  for (const connector of Object.values(CONNECTOR_FOLDERS)) {
    const specFile = `${dir}/${connector}/spec.json`;
    const catalogFile = `${dir}/${connector}/catalog.json`;
    const spec = await readJson(files, specFile, SpecFile);
    const catalog = await readJson(files, catalogFile, CatalogFile);
    for (const [file, read] of [[specFile, spec], [catalogFile, catalog]] as const) {
      if (!read.ok) {
        problems.push({ level: "error", code: "connector-contract", message: `Cannot read the connector contract '${file}': ${read.reason}`, hint: "Regenerate schemas/connectors/ with 'tsx scripts/dev/vendor-connectors.ts'", position: { file, line: 1, column: 1 } });
      }
    }
    if (spec.ok && catalog.ok) {
      contracts.set(connector, { connector, specFile, catalogFile, connectionSpecification: spec.value.connectionSpecification, streams: catalog.value.streams as CatalogStream[] });
    }
  }
  return { contracts, problems };
}
