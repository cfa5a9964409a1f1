// Regenerates config-subset.json: the Config API operations the project uses,
// copied verbatim (with every schema they reference) from Airbyte's
// config.yaml at v1.8.0. The copy is trimmed, never patched: known spec
// defects are handled in check-contract.ts.
//
//   npx tsx scripts/standins/airbyte/contract/extract-contract.ts [path/to/config.yaml]
import { readFile, writeFile } from "node:fs/promises";
import process from "node:process";
import { parse } from "yaml";
import { CONTRACT_PATHS } from "./contract-paths.ts";

const source = process.argv[2] ?? "../shared/contracts/airbyte/config.yaml";
const spec = parse(await readFile(source, "utf8")) as {
  info: { title: string; version: string };
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
};

const schemas: Record<string, unknown> = {};
const responses: Record<string, unknown> = {};
function visit(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const [, kind, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(value) ?? [];
      if (kind === undefined || name === undefined) throw new Error(`Unsupported ref '${value}'`);
      const target = kind === "schemas" ? schemas : responses;
      if (name in target) continue;
      target[name] = spec.components[kind as "schemas" | "responses"][name];
      visit(target[name]);
    } else visit(value);
  }
}
const paths: Record<string, unknown> = {};
for (const path of CONTRACT_PATHS) {
  const item = spec.paths[`/v1/${path}`];
  if (item === undefined) throw new Error(`Path '/v1/${path}' is not in ${source}`);
  paths[`/v1/${path}`] = item;
  visit(item);
}
// Error bodies the server really sends (NOTES.md §3), used by the checker's patches.
visit({ a: { $ref: "#/components/schemas/KnownExceptionInfo" }, b: { $ref: "#/components/schemas/InvalidInputExceptionInfo" } });
const out = {
  $comment:
    "MODIFIED (trimmed) copy of airbytehq/airbyte-platform v1.8.0 airbyte-api/server-api/src/main/openapi/config.yaml " +
    "(commit 2f2d789606a34df56fd239e085fcb9b19e259a57): only the paths adops uses and the components they reference, " +
    "converted to JSON, otherwise unchanged. Licence: see LICENSE beside this file. Regenerate with extract-contract.ts.",
  openapi: "3.0.0",
  info: spec.info,
  paths,
  components: { schemas, responses },
};
await writeFile(new URL("./config-subset.json", import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.error(`Wrote ${Object.keys(paths).length} paths, ${Object.keys(schemas).length} schemas`);
