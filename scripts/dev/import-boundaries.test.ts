import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { checkImportBoundaries, relativeImports } from "./import-boundaries.ts";
import { findFiles } from "./find-files.ts";

const mods = ["core", "config", "airbyte", "sync", "report"].map((d) => ({ path: `scripts/${d}/mod.ts`, text: "" }));

/** An import line, built at run time so this file's own text holds no such import. */
function imp(names: string, specifier: string): string {
  return `import ${names} from "${specifier}";`;
}

function rulesOf(path: string, text: string): string[] {
  return checkImportBoundaries([...mods, { path, text }]).map((v) => v.rule);
}

describe("checkImportBoundaries()", () => {
  it("finds no forbidden arrow in the repository", async () => {
    const paths = await findFiles(["scripts", "actions", "schemas"], /\.ts$/);
    const files = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, "utf8") })));
    const found = checkImportBoundaries(files).map((v) => `${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`);
    assert.deepEqual(found, []);
  });

  it("fails a domain that imports cli/ or commands/, even from a test", () => {
    assert.deepEqual(rulesOf("scripts/sync/run.ts", imp("{ ExitCode }", "../cli/exit-codes.ts")), ["A domain never imports cli/"]);
    assert.deepEqual(rulesOf("scripts/health/a.test.ts", imp("{ requireConfig }", "../commands/require-config.ts")), ["A domain never imports commands/"]);
  });

  it("fails a domain that imports a runtime implementation or a stand-in, but lets its tests and fakes", () => {
    assert.deepEqual(rulesOf("scripts/airbyte/client.ts", imp("{ createSystemClock }", "../runtime/clock.ts")), [
      "A domain never imports a runtime implementation (take the port as a parameter)",
    ]);
    assert.deepEqual(rulesOf("scripts/airbyte/client.test.ts", imp("{ createNodeFiles }", "../runtime/files.ts")), []);
    assert.deepEqual(rulesOf("scripts/airbyte/testing.ts", imp("{ startLocalAirbyte }", "../standins/airbyte/mod.ts")), []);
    // ops/ writes the warehouse through its own adapter, never the stand-in raw loaders.
    assert.deepEqual(rulesOf("scripts/ops/load-ops.ts", imp("{ queryDuckdb }", "../standins/warehouse/mod.ts")), ["A domain never imports a stand-in (take the port as a parameter)"]);
    assert.deepEqual(rulesOf("scripts/ops/ops-warehouse.test.ts", imp("{ startPostgres }", "../standins/postgres/mod.ts")), []);
  });

  it("fails runtime/ importing cli/ and core/ importing anything of the project", () => {
    assert.deepEqual(rulesOf("scripts/runtime/process-runtime.ts", imp("type { Runtime }", "../cli/run-cli.ts")), ["runtime/ imports only core/"]);
    assert.deepEqual(rulesOf("scripts/core/retry.ts", imp("type { Clock }", "../runtime/clock.ts")), ["core/ imports nothing of the project"]);
  });

  it("fails a deep import around a folder's mod.ts, and allows mod.ts and testing.ts", () => {
    assert.deepEqual(rulesOf("scripts/sync/due.ts", imp("type { AdopsConfig }", "../config/types.ts")), ["Import config/ through its mod.ts, not 'types.ts'"]);
    assert.deepEqual(rulesOf("scripts/sync/due.ts", 'import type { AdopsConfig } from "../config/mod.ts";\nimport { makeConfig } from "../config/testing.ts";'), []);
  });
});

describe("relativeImports()", () => {
  it("reads multi-line, type-only, re-export and dynamic imports and skips doc examples", () => {
    const text = [
      'import {\n  a,\n  type B,\n} from "./a.ts";',
      'export { c } from "../c/mod.ts";',
      'const d = await import("../d/mod.ts");',
      '/**\n * import { e } from "../cli/e.ts";\n */',
      'import process from "node:process";',
    ].join("\n");
    assert.deepEqual(relativeImports(text), [
      { specifier: "./a.ts", line: 4 },
      { specifier: "../c/mod.ts", line: 5 },
      { specifier: "../d/mod.ts", line: 6 },
    ]);
  });
});
