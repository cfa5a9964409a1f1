import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { type ConfigCopy, copyShippedConfig } from "../config/testing.ts";

const MODEL = `with source as (
    {{ union_tenant_sources('meta', 'ads_insights', {
        'account_id': 'varchar',
        'ad_id': 'varchar',
        'conversions_value': 'decimal(18, 4)',
    }) }}
)
select * from source
`;

describe("adops data-contracts", () => {
  let copy: ConfigCopy;
  before(async () => {
    copy = await copyShippedConfig();
    await mkdir(join(copy.dir, "models/meta"), { recursive: true });
    await mkdir(join(copy.dir, "good/meta"), { recursive: true });
    await writeFile(join(copy.dir, "models/meta/stg_meta__campaign_stats.sql"), MODEL);
    await writeFile(join(copy.dir, "good/meta/stg_meta__campaign_stats.sql"), MODEL.replace("conversions_value", "spend"));
  });
  after(() => copy.remove());

  test("data-contracts exits 1 at the model's file:line for a column the stream does not have", async () => {
    const run = await runCliForTest(["data-contracts", "--models", "models"], { cwd: copy.dir });
    assert.equal(run.exitCode, 1, run.stderr);
    assert.match(run.stdout, /^models\/meta\/stg_meta__campaign_stats\.sql:5:9: error: Column 'conversions_value' is not in stream 'ads_insights' of facebook-marketing \(closest: conversion_values, /m);
    assert.match(run.stdout, /1 models in models, 1 raw stream reads, 3 columns checked against the connectors' catalogs: 2 found, 1 missing/);
  });

  test("data-contracts exits 0 and counts the columns when every one is in its stream", async () => {
    const run = await runCliForTest(["data-contracts", "--models", "good", "--json"], { cwd: copy.dir });
    assert.equal(run.exitCode, 0, run.stdout);
    const json = JSON.parse(run.stdout) as { ok: boolean; columns: number; found: number; missing: number };
    assert.deepEqual({ ok: json.ok, columns: json.columns, found: json.found, missing: json.missing }, { ok: true, columns: 3, found: 3, missing: 0 });
  });

  test("data-contracts exits 1 when the folder holds no model (a wrong path is not a pass)", async () => {
    const run = await runCliForTest(["data-contracts", "--models", "nowhere"], { cwd: copy.dir });
    assert.equal(run.exitCode, 1);
  });
});
