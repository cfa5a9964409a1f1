import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { PUBLISHED_SCHEMAS } from "./published.ts";
import { renderJsonSchema } from "./to-json-schema.ts";

test("published JSON Schemas in schemas/ match their valibot source (run 'npm run gen' when this fails)", async () => {
  for (const published of PUBLISHED_SCHEMAS) {
    const committed = await readFile(`schemas/${published.file}`, "utf8");
    assert.equal(committed, renderJsonSchema(published), `schemas/${published.file} is stale`);
  }
});

test("every property of the config schemas has a description editors can show", () => {
  const missing: string[] = [];
  function walk(node: unknown, path: string): void {
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    for (const [key, child] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof child.description !== "string") missing.push(`${path}.${key}`);
      walk(child, `${path}.${key}`);
    }
    for (const k of ["items", "additionalProperties"]) if (typeof n[k] === "object") walk(n[k], `${path}[]`);
    for (const k of ["anyOf", "oneOf", "allOf"]) if (Array.isArray(n[k])) (n[k] as unknown[]).forEach((c) => walk(c, path));
  }
  for (const published of PUBLISHED_SCHEMAS.filter((p) => p.kind === "config")) {
    walk(JSON.parse(renderJsonSchema(published)), published.file);
  }
  assert.deepEqual(missing, []);
});

test("config schemas reject unknown keys (strict objects)", () => {
  for (const published of PUBLISHED_SCHEMAS.filter((p) => p.kind === "config")) {
    assert.equal(JSON.parse(renderJsonSchema(published)).additionalProperties, false, published.file);
  }
});
