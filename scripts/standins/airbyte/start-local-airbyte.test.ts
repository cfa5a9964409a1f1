import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createFakeClock } from "../../core/testing.ts";
import type { DestinationBatch } from "./destination-writer.ts";
import { startLocalAirbyte } from "./start-local-airbyte.ts";

const WORKSPACE = "00000000-0000-4000-8000-000000000001";
const DESTINATION = "00000000-0000-4000-8000-000000000002";
const META = "e7778cfc-e97c-4458-9ecb-b4f2bba8946c";
const GOOGLE_ADS = "253487c0-2246-43ba-a21f-5116b20a2c50";

function example(connector: string, file = "config.example.json"): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../schemas/connectors/${connector}/${file}`, import.meta.url), "utf8")) as Record<string, unknown>;
}

/** The Meta template before 2e6e18c (git show ceb364e:config/templates/meta_metrics.yml), substituted for acme-retail. */
const OLD_META_CONFIGURATION = {
  account_ids: ["act_1029384756"],
  start_date: "2023-01-01T00:00:00Z",
  insights_lookback_window: 3,
  action_breakdowns_allow_empty: true,
  credentials: { access_token: "meta-token-0001" },
};

async function start(batches: DestinationBatch[] = []) {
  const clock = createFakeClock();
  const airbyte = await startLocalAirbyte({
    contractCheck: true,
    clock,
    jobs: { durationMs: 1_000 },
    seed: { workspaces: [{ workspaceId: WORKSPACE }], destinations: [{ destinationId: DESTINATION, workspaceId: WORKSPACE }] },
    destination: {
      write(batch) {
        batches.push(batch);
        return Promise.resolve({ records: 30, bytes: 3000, streams: batch.streams.map((name, i) => ({ name, records: 10 * (i + 1), bytes: 1000 * (i + 1) })) });
      },
    },
  });
  async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${airbyte.url}/api/v1/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  async function close(): Promise<void> {
    await airbyte.close();
    airbyte.assertContract();
  }
  return { airbyte, clock, post, close };
}

async function createSource(post: Awaited<ReturnType<typeof start>>["post"], sourceDefinitionId: string, connectionConfiguration: unknown) {
  return await post("sources/create", { workspaceId: WORKSPACE, name: "s", sourceDefinitionId, connectionConfiguration });
}

type Stream = { stream: Record<string, unknown>; config: Record<string, unknown> };

describe("startLocalAirbyte() with the real connector contracts", () => {
  it("sources/create refuses the old Meta template's configuration with Airbyte 1.8's 422 and accepts the connector's example", async () => {
    const t = await start();
    try {
      const refused = await createSource(t.post, META, OLD_META_CONFIGURATION);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.exceptionClassName, "io.airbyte.commons.server.errors.BadObjectSchemaKnownException");
      const message = String(refused.body.message);
      assert.match(message, /^The provided configuration does not fulfill the specification\. Errors: json schema validation failed when comparing the data to the json schema\. \nErrors: /);
      assert.match(message, /\$\.account_ids\[0\]: does not match the regex pattern \^\[0-9\]\+\$/);
      assert.match(message, /\$\.credentials\.auth_type: is missing but it is required/);
      assert.match(message, /\$\.credentials: must be valid to one and only one schema, but 0 are valid/);
      assert.match(message, / \nSchema: \n\{/);
      assert.equal(Object.keys(t.airbyte.state.sources).length, 0);
      const accepted = await createSource(t.post, META, example("facebook-marketing"));
      assert.equal(accepted.status, 200);
      assert.deepEqual((accepted.body.connectionConfiguration as Record<string, unknown>).credentials, { access_token: "**********", auth_type: "Service" });
    } finally {
      await t.close();
    }
  });

  it("sources/update keeps a masked secret and validates the merged configuration", async () => {
    const t = await start();
    try {
      const created = await createSource(t.post, META, example("facebook-marketing"));
      const sourceId = created.body.sourceId as string;
      const masked = created.body.connectionConfiguration as Record<string, unknown>;
      assert.equal((await t.post("sources/update", { sourceId, name: "s", connectionConfiguration: { ...masked, insights_lookback_window: 7 } })).status, 200);
      assert.equal((t.airbyte.state.sources[sourceId]?.configuration.credentials as Record<string, unknown>).access_token, "dummy-access-token");
      const bad = await t.post("sources/update", { sourceId, name: "s", connectionConfiguration: { ...masked, insights_lookback_window: 29 } });
      assert.equal(bad.status, 422);
      assert.match(String(bad.body.message), /\$\.insights_lookback_window: must have a maximum value of 28/);
      assert.equal(t.airbyte.state.sources[sourceId]?.configuration.insights_lookback_window, 7);
    } finally {
      await t.close();
    }
  });

  it("source reads mask exactly what the connector's spec marks airbyte_secret (Bing's tenant_id too), not fields that merely look secret", async () => {
    const t = await start();
    try {
      const bing = "47f25999-dd5e-4636-8c39-e7cea2453331";
      const created = await createSource(t.post, bing, example("bing-ads"));
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const config = created.body.connectionConfiguration as Record<string, unknown>;
      for (const secret of ["client_id", "client_secret", "developer_token", "refresh_token", "tenant_id"]) assert.equal(config[secret], "**********", secret);
      assert.equal(config.reports_start_date, "2023-01-01");
      assert.equal(config.auth_method, "oauth2.0");
    } finally {
      await t.close();
    }
  });

  it("source_definition_specifications/get serves the connector's own connectionSpecification", async () => {
    const t = await start();
    try {
      const read = await t.post("source_definition_specifications/get", { sourceDefinitionId: META, workspaceId: WORKSPACE });
      assert.equal(read.status, 200);
      const spec = read.body.connectionSpecification as { required: string[]; properties: Record<string, { items?: { pattern?: string } }> };
      assert.deepEqual(spec.required.sort(), ["account_ids", "credentials"]);
      assert.equal(spec.properties.account_ids?.items?.pattern, "^[0-9]+$");
      assert.equal((read.body.advancedAuth as Record<string, unknown>).predicateValue, "Client");
      const defs = await t.post("source_definitions/list", {});
      const tags = Object.fromEntries((defs.body.sourceDefinitions as { name: string; dockerImageTag: string }[]).map((d) => [d.name, d.dockerImageTag]));
      assert.deepEqual([tags["Facebook Marketing"], tags["Google Ads"], tags["Bing Ads"], tags["LinkedIn Ads"], tags["TikTok Marketing"], tags.Faker], ["6.1.9", "6.1.7", "2.22.0", "5.4.1", "4.7.0", "7.2.1"]);
    } finally {
      await t.close();
    }
  });

  it("sources/discover_schema returns the real catalog, and Google Ads custom queries as streams typed from the built-in ones", async () => {
    const t = await start();
    try {
      const meta = await createSource(t.post, META, example("facebook-marketing"));
      const metaCatalog = (await t.post("sources/discover_schema", { sourceId: meta.body.sourceId, disable_cache: true })).body.catalog as { streams: Stream[] };
      const insights = metaCatalog.streams.find((s) => s.stream.name === "ads_insights")?.stream;
      assert.deepEqual(insights?.sourceDefinedPrimaryKey, [["date_start"], ["account_id"], ["ad_id"]]);
      assert.deepEqual(insights?.defaultCursorField, ["date_start"]);
      assert.equal(metaCatalog.streams.length, 31);

      const google = await createSource(t.post, GOOGLE_ADS, example("google-ads", "config.custom-query.example.json"));
      const catalog = (await t.post("sources/discover_schema", { sourceId: google.body.sourceId, disable_cache: true })).body.catalog as { streams: Stream[] };
      const custom = catalog.streams.find((s) => s.stream.name === "campaign_performance")?.stream;
      const properties = (custom?.jsonSchema as { properties: Record<string, { type: string[]; format?: string }> }).properties;
      assert.deepEqual(Object.keys(properties), ["customer.id", "customer.currency_code", "campaign.id", "campaign.name", "segments.date", "metrics.cost_micros", "metrics.impressions", "metrics.clicks", "metrics.conversions", "metrics.conversions_value"]);
      assert.deepEqual(properties["customer.id"]?.type, ["null", "integer"]);
      assert.equal(properties["segments.date"]?.format, "date");
      assert.deepEqual(custom?.supportedSyncModes, ["full_refresh", "incremental"]);
      assert.deepEqual(custom?.defaultCursorField, ["segments.date"]);
      assert.deepEqual(custom?.sourceDefinedPrimaryKey, []);

      const broken = { ...example("google-ads"), custom_queries_array: [{ table_name: "x", query: "SELECT campaign.id, campaign.bogus FROM campaign" }] };
      const bad = await createSource(t.post, GOOGLE_ADS, broken);
      const failed = (await t.post("sources/discover_schema", { sourceId: bad.body.sourceId, disable_cache: true })).body;
      assert.equal(failed.catalog, undefined);
      assert.equal((failed.jobInfo as { succeeded: boolean }).succeeded, false);
      assert.match(JSON.stringify(failed.jobInfo), /campaign\.bogus/);
    } finally {
      await t.close();
    }
  });

  it("a sync runs over the configured real streams: per-stream stats, logs without secrets, and a missing stream fails like the connector", async () => {
    const batches: DestinationBatch[] = [];
    const t = await start(batches);
    try {
      const source = await createSource(t.post, META, example("facebook-marketing"));
      const discovered = ((await t.post("sources/discover_schema", { sourceId: source.body.sourceId, disable_cache: true })).body.catalog as { streams: Stream[] }).streams;
      const pick = (name: string, config: Record<string, unknown>) => ({ stream: discovered.find((s) => s.stream.name === name)?.stream, config: { ...config, selected: true } });
      const syncCatalog = {
        streams: [
          pick("ads_insights", { syncMode: "incremental", destinationSyncMode: "append_dedup", cursorField: ["date_start"], primaryKey: [["date_start"], ["account_id"], ["ad_id"]] }),
          pick("ad_account", { syncMode: "full_refresh", destinationSyncMode: "overwrite" }),
        ],
      };
      const c = await t.post("connections/create", { sourceId: source.body.sourceId, destinationId: DESTINATION, status: "active", syncCatalog });
      assert.equal(c.status, 200);
      const job = ((await t.post("connections/sync", { connectionId: c.body.connectionId })).body.job as { id: number }).id;
      await t.clock.advance(5_000);
      const info = (await t.post("jobs/get", { id: job })).body as { job: Record<string, unknown>; attempts: { attempt: Record<string, unknown>; logs: { logLines: string[] } }[] };
      assert.equal(info.job.status, "succeeded");
      assert.deepEqual(batches[0]?.configuredStreams?.map((s) => [s.name, s.destinationSyncMode, s.primaryKey.length]), [["ads_insights", "append_dedup", 3], ["ad_account", "overwrite", 0]]);
      const stats = info.attempts[0]?.attempt.streamStats as { streamName: string; stats: { recordsCommitted: number } }[];
      assert.deepEqual(stats.map((s) => [s.streamName, s.stats.recordsCommitted]), [["ads_insights", 10], ["ad_account", 20]]);
      const lines = info.attempts[0]?.logs.logLines ?? [];
      assert.ok(lines.some((l) => / source > Read 10 records from ads_insights stream$/.test(l)), lines.join("\n"));
      assert.ok(lines.some((l) => l.includes("airbyte/source-facebook-marketing:6.1.9")));
      assert.ok(!lines.join("\n").includes("dummy-access-token"));

      const bogus = { streams: [...syncCatalog.streams, { stream: { name: "ads_insights_bogus", jsonSchema: {} }, config: { syncMode: "full_refresh", destinationSyncMode: "overwrite", selected: true } }] };
      const accepted = await t.post("connections/update", { connectionId: c.body.connectionId, syncCatalog: bogus });
      assert.equal(accepted.status, 200, "1.8 does not check the catalog against the source's streams");
      const failing = ((await t.post("connections/sync", { connectionId: c.body.connectionId })).body.job as { id: number }).id;
      await t.clock.advance(60_000);
      const failed = (await t.post("jobs/get", { id: failing })).body as { job: { status: string }; attempts: { attempt: { failureSummary?: { failures: { failureType: string; externalMessage: string }[] } } }[] };
      assert.equal(failed.job.status, "failed");
      const reason = failed.attempts.at(-1)?.attempt.failureSummary?.failures[0];
      assert.equal(reason?.failureType, "config_error");
      assert.match(reason?.externalMessage ?? "", /The stream 'ads_insights_bogus' in your connection configuration was not found in the source/);
    } finally {
      await t.close();
    }
  });
});
