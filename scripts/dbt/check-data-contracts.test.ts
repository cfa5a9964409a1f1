import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { TemplateConfig } from "../../schemas/mod.ts";
import { type ConnectorContracts, loadConnectorContracts } from "../config/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { checkDataContracts } from "./check-data-contracts.ts";
import { parseSourceReads } from "./staging-source-columns.ts";

let contracts: ConnectorContracts;
before(async () => {
  const loaded = await loadConnectorContracts(createNodeFiles(process.cwd()), "schemas/connectors");
  assert.ok(loaded.contracts);
  contracts = loaded.contracts;
});

const GOOD = `{# Meta ads_insights: one row per ad per day #}
with source as (
    {{ union_tenant_sources('meta', 'ads_insights', {
        'account_id': 'varchar',
        'ad_id': 'varchar',
        'date_start': 'date',
        'spend': 'decimal(18, 4)',
        'actions': 'json',
    }) }}
)
select * from source
`;

function check(sql: string, templates: TemplateConfig[] = []) {
  const { reads } = parseSourceReads("dbt/models/staging/meta/stg_meta__ad_stats.sql", sql);
  return checkDataContracts(reads, { contracts, templates });
}

describe("checkDataContracts()", () => {
  test("checkDataContracts() passes a model whose every declared column is in the stream", () => {
    const { problems, summary } = check(GOOD);
    assert.deepEqual(problems, []);
    assert.deepEqual({ columns: summary.columns, found: summary.found, missing: summary.missing }, { columns: 5, found: 5, missing: 0 });
  });

  test("checkDataContracts() reports a column the stream lacks at its line, with the closest names", () => {
    const { problems, summary } = check(GOOD.replace("'spend': 'decimal(18, 4)'", "'conversions_value': 'decimal(18, 4)'"));
    assert.equal(summary.missing, 1);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.position?.line, 7);
    assert.equal(problems[0]?.position?.file, "dbt/models/staging/meta/stg_meta__ad_stats.sql");
    assert.match(problems[0]?.message ?? "", /^Column 'conversions_value' is not in stream 'ads_insights' of facebook-marketing \(closest: conversion_values, /);
  });

  test("checkDataContracts() refuses casting an array of actions to a number", () => {
    const { problems } = check(GOOD.replace("'actions': 'json'", "'actions': 'decimal(18, 4)'"));
    assert.match(problems[0]?.message ?? "", /Column 'actions' of stream 'ads_insights' is an array \(a JSON column in the destination\), so casting it to decimal\(18, 4\) fails/);
  });

  test("checkDataContracts() holds a quoted name to its case and warns about an unquoted mixed-case one", () => {
    const sql = `{{ union_tenant_sources('microsoft_ads', 'campaign_performance_report_daily', {
    '"AccountId"': 'bigint',
    '"campaignid"': 'bigint',
    'Spend': 'decimal(18, 4)',
}) }}`;
    const { problems, summary } = check(sql);
    assert.equal(summary.found, 3);
    assert.deepEqual(problems.map((p) => [p.level, p.position?.line]), [["error", 3], ["warning", 4]]);
    assert.match(problems[0]?.message ?? "", /'"campaignid"' .* is '"CampaignId"' in the destination/);
  });

  test("checkDataContracts() reads a Google Ads custom GAQL stream's columns from the template's query", () => {
    const sql = `{{ union_tenant_sources('google_ads', 'campaign_performance', {
    'customer_id': 'varchar',
    'segments_date': 'date',
    'metrics_cost_micros': 'bigint',
    'metrics_all_conversions': 'decimal(18, 4)',
}) }}`;
    const template = { name: "google_metrics", platform: "google_ads", schedule_group: "metrics", source: { definition: "Google Ads", configuration: { custom_queries_array: [{ table_name: "campaign_performance", query: "SELECT customer.id, segments.date, metrics.cost_micros FROM campaign" }] } } } as TemplateConfig;
    const { problems, summary } = check(sql, [template]);
    assert.equal(summary.found, 3);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? "", /Column 'metrics_all_conversions' is not in stream 'campaign_performance' of google-ads/);
    const without = check(sql);
    assert.match(without.problems[0]?.message ?? "", /Stream 'campaign_performance' is not a stream of google-ads/);
  });
});

describe("parseSourceReads()", () => {
  test("parseSourceReads() reports a column dict it cannot read instead of guessing", () => {
    const { reads, unreadable } = parseSourceReads("m.sql", "{{ union_tenant_sources('meta', 'ads', {'id': 'varchar', **extra}) }}");
    assert.equal(reads.length, 1);
    assert.equal(unreadable.length, 1);
  });
});
