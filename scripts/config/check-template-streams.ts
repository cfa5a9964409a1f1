import type { TemplateConfig } from "../../schemas/mod.ts";
import type { CatalogStream, ConnectorContract, JsonSchema } from "./connector-contracts.ts";
import { customGaqlStreams } from "./custom-gaql-streams.ts";
import type { ConfigProblem } from "./problem.ts";
import { closestNames } from "./schema-problems.ts";
import type { YamlSource } from "./yaml-source.ts";

/** Whether a field path (`[date_start]`, `[metrics, spend]`) exists in a stream's JSON schema. */
function hasField(schema: JsonSchema, path: readonly string[]): boolean {
  let node: JsonSchema | undefined = schema;
  for (const key of path) {
    const props: Record<string, JsonSchema> | undefined = node?.properties;
    if (props === undefined) return node !== undefined && Object.keys(node).length === 0; // a trimmed schema: unknown below
    node = props[key];
    if (node === undefined) return false;
  }
  return true;
}

const show = (paths: readonly (readonly string[])[]) => `[${paths.map((p) => `[${p.join(", ")}]`).join(", ")}]`;
const same = (a: readonly (readonly string[])[], b: readonly (readonly string[])[]) => {
  const key = (p: readonly (readonly string[])[]) => p.map((x) => x.join(".")).sort().join("|");
  return key(a) === key(b);
};

/**
 * The streams a template's connector configuration makes available: the
 * catalog's, plus Google Ads custom GAQL streams (`custom_queries_array`).
 *
 * @param template The template.
 * @param contract Its connector's contract.
 * @returns Every stream, and problems for GAQL fields no built-in stream has.
 */
export function availableStreams(template: TemplateConfig, contract: ConnectorContract, source?: YamlSource): { streams: CatalogStream[]; problems: ConfigProblem[] } {
  if (contract.connector !== "google-ads") return { streams: contract.streams, problems: [] };
  const custom = customGaqlStreams(template.source.configuration ?? {}, contract);
  const known = new Set(contract.streams.flatMap((s) => Object.keys(s.json_schema.properties ?? {})));
  const problems: ConfigProblem[] = custom.unknownFields.map((u) => ({
    level: "error",
    code: "connector-stream",
    message: `Template '${template.name}': custom query '${u.tableName}' selects '${u.field}', which is not a field of any Google Ads stream the connector knows`,
    hint: `Closest fields: ${closestNames(u.field, known).join(", ")}`,
    ...(source ? { position: source.locate(["source", "configuration", "custom_queries_array", u.index, "query"]) } : {}),
  }));
  const names = new Set(custom.streams.map((s) => s.name));
  return { streams: [...contract.streams.filter((s) => !names.has(s.name)), ...custom.streams], problems };
}

/**
 * Checks a template's `streams` against its connector's catalog: the stream
 * exists (else the closest names), the sync mode is supported, an incremental
 * stream has a cursor that is the source-defined one or a field of the
 * stream, the primary key equals the source-defined key or names fields, and
 * `*_dedup` has a key.
 *
 * @param template The template.
 * @param source Its file, for positions.
 * @param contract Its connector's contract.
 * @returns The problems.
 */
export function checkTemplateStreams(template: TemplateConfig, source: YamlSource, contract: ConnectorContract): ConfigProblem[] {
  const { streams, problems } = availableStreams(template, contract, source);
  const definition = template.source.definition;
  const byName = new Map(streams.map((s) => [s.name, s]));
  const add = (path: (string | number)[], message: string, hint: string) =>
    problems.push({ level: "error", code: "connector-stream", message: `Template '${template.name}' (${definition} connector): ${message}`, hint, position: source.locate(["streams", ...path]) });
  (template.streams ?? []).forEach((selected, i) => {
    const stream = byName.get(selected.name);
    if (stream === undefined) {
      const closest = closestNames(selected.name, byName.keys());
      add([i, "name"], `stream '${selected.name}' does not exist in the connector's catalog (closest: ${closest.join(", ")})`, contract.connector === "google-ads" ? "Pick a stream of the catalog, or define it as a custom GAQL query in custom_queries_array (its table_name is the stream name)" : `Streams: ${contract.catalogFile}`);
      return;
    }
    const fields = Object.keys(stream.json_schema.properties ?? {});
    if (!stream.supported_sync_modes.includes(selected.sync_mode)) {
      add([i, "sync_mode"], `stream '${stream.name}' does not support sync_mode '${selected.sync_mode}' (it supports ${stream.supported_sync_modes.join(", ")})`, "Use a supported sync mode");
    }
    const sourceCursor = stream.source_defined_cursor === true ? stream.default_cursor_field : undefined;
    const cursor = selected.cursor_field;
    if (selected.sync_mode === "incremental") {
      if (cursor === undefined || cursor.length === 0) {
        if (sourceCursor === undefined) add([i, "name"], `stream '${stream.name}' is incremental but has no cursor_field, and the connector defines none`, `Set cursor_field to a field of the stream (e.g. ${closestNames("updated_at", fields, 2).join(", ")})`);
      } else if (sourceCursor !== undefined && cursor.join(".") !== sourceCursor.join(".")) {
        add([i, "cursor_field"], `cursor_field [${cursor.join(", ")}] of stream '${stream.name}' differs from the connector's source-defined cursor [${sourceCursor.join(", ")}]`, `Use [${sourceCursor.join(", ")}] (the connector ignores another cursor)`);
      } else if (!hasField(stream.json_schema, cursor)) {
        add([i, "cursor_field"], `cursor_field [${cursor.join(", ")}] is not a field of stream '${stream.name}' (closest: ${closestNames(cursor.join("."), fields).join(", ")})`, "Use a field of the stream's json_schema");
      }
    }
    const sourceKey = stream.source_defined_primary_key;
    const key = selected.primary_key;
    if (key !== undefined && key.length > 0) {
      if (sourceKey !== undefined && sourceKey.length > 0 && !same(key, sourceKey)) {
        add([i, "primary_key"], `primary_key ${show(key)} of stream '${stream.name}' differs from the connector's source-defined key ${show(sourceKey)}`, `Use ${show(sourceKey)}: a shorter key makes *_dedup keep one row where the stream has several`);
      } else if (sourceKey === undefined || sourceKey.length === 0) {
        for (const path of key) {
          if (!hasField(stream.json_schema, path)) add([i, "primary_key"], `primary_key field [${path.join(", ")}] is not a field of stream '${stream.name}' (closest: ${closestNames(path.join("."), fields).join(", ")})`, "Use fields of the stream's json_schema");
        }
      }
    } else if (selected.destination_sync_mode.endsWith("_dedup") && (sourceKey === undefined || sourceKey.length === 0)) {
      add([i, "destination_sync_mode"], `stream '${stream.name}' is ${selected.destination_sync_mode} without a primary_key, and the connector defines none`, "Set primary_key to the stream's grain, or use append");
    }
  });
  return problems;
}
