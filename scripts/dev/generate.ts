// Writes every generated file (JSON Schemas published from schemas/*.ts, and
// any generator registered below); with --check, fails when one is stale.
import { readFile, writeFile } from "node:fs/promises";
import process from "node:process";
import { PUBLISHED_SCHEMAS } from "../../schemas/published.ts";
import { renderJsonSchema } from "../../schemas/to-json-schema.ts";
import { DBT_ARTIFACT_TYPES, renderArtifactTypes } from "./render-artifact-types.ts";

interface Generated {
  path: string;
  render: () => Promise<string> | string;
}

const generated: Generated[] = [
  ...PUBLISHED_SCHEMAS.map((p) => ({ path: `schemas/${p.file}`, render: () => renderJsonSchema(p) })),
  ...DBT_ARTIFACT_TYPES.map((t) => ({ path: t.path, render: () => renderArtifactTypes(t, ".") })),
];

const check = process.argv.includes("--check");
const stale: string[] = [];
for (const g of generated) {
  const want = await g.render();
  const have = await readFile(g.path, "utf8").catch(() => undefined);
  if (have === want) continue;
  if (check) stale.push(g.path);
  else {
    await writeFile(g.path, want);
    console.error(`wrote ${g.path}`);
  }
}
if (stale.length > 0) {
  console.error(`Generated files are stale: ${stale.join(", ")}\nRun 'npm run gen' and commit the result`);
  process.exit(1);
}
if (check) console.error(`${generated.length} generated files are fresh`);
