// The loader (OPS_TABLES) and the dbt ops models (dbt/models/ops/_ops__sources.yml, the one
// list of columns ops_source() reads) must agree on every table, column and type: a column
// one side renames or retypes fails here, not in a production dbt run.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { OPS_TABLES } from "./ops-tables.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");

interface SourcesFile {
  sources: { name: string; tables: { name: string; columns: { name: string; data_type: string }[] }[] }[];
}

describe("the ops schema contract", () => {
  it("dbt's ops sources declare exactly the loader's tables, columns and types, in order", async () => {
    const file = parse(await readFile(resolve(repo, "dbt/models/ops/_ops__sources.yml"), "utf8")) as SourcesFile;
    const ops = file.sources.find((s) => s.name === "ops");
    assert.ok(ops, "an `ops` source");
    const fromDbt = Object.fromEntries(ops.tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.data_type}`)]));
    const fromLoader = Object.fromEntries(Object.values(OPS_TABLES).map((t) => [t.name, Object.entries(t.columns).map(([name, type]) => `${name} ${type}`)]));
    assert.deepEqual(fromDbt, fromLoader);
  });
});
