import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { type LocalAirbyte, type LocalAirbyteOptions, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { type AirbyteClientOptions, createAirbyteClient } from "./client.ts";
import type { FingerprintRecord } from "./fingerprint-store.ts";
import { runProvisioning } from "./run-provisioning.ts";

const SECRETS: Record<string, string> = {
  AIRBYTE_META_ACCESS_TOKEN: "meta-token-0001",
  AIRBYTE_GOOGLE_ADS_CLIENT_ID: "gads-client-id",
  AIRBYTE_GOOGLE_ADS_CLIENT_SECRET: "gads-client-secret",
  AIRBYTE_GOOGLE_ADS_DEVELOPER_TOKEN: "gads-dev-token",
  AIRBYTE_GOOGLE_ADS_REFRESH_TOKEN: "gads-refresh-token",
  AIRBYTE_LINKEDIN_ACCESS_TOKEN: "linkedin-token",
  AIRBYTE_MICROSOFT_CLIENT_ID: "ms-client-id",
  AIRBYTE_MICROSOFT_CLIENT_SECRET: "ms-client-secret",
  AIRBYTE_MICROSOFT_DEVELOPER_TOKEN: "ms-dev-token",
  AIRBYTE_MICROSOFT_REFRESH_TOKEN: "ms-refresh-token",
  AIRBYTE_TIKTOK_ACCESS_TOKEN: "tiktok-token",
  AIRBYTE_TIKTOK_APP_ID: "tiktok-app-id",
  AIRBYTE_TIKTOK_SECRET: "tiktok-secret",
};

async function shippedConfig(env: Record<string, string> = {}): Promise<AdopsConfig> {
  const result = await loadConfig(createNodeFiles(process.cwd()), "config", { env, production: false });
  assert.ok(result.ok, "shipped config loads");
  return result.config;
}

async function setup(options: { server?: LocalAirbyteOptions; client?: Partial<AirbyteClientOptions>; env?: Record<string, string> } = {}) {
  const clock = createFakeClock();
  const config = await shippedConfig(options.env ?? {});
  const airbyte: LocalAirbyte = await startLocalAirbyte({ contractCheck: true, clock, seed: config, env: options.env ?? {}, ...options.server });
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock, retry: { random: () => 0.5 }, ...options.client });
  let recorded: FingerprintRecord = {};
  const env = { ...SECRETS, ...options.env };
  async function run(extra: { apply?: boolean; config?: AdopsConfig; env?: Record<string, string>; allowRecreate?: boolean; prune?: boolean; concurrency?: number } = {}) {
    const r = await runProvisioning({
      config: extra.config ?? config,
      client,
      env: { ...env, ...extra.env },
      apply: extra.apply ?? true,
      fingerprintKey: "test-key",
      recorded,
      allowRecreate: extra.allowRecreate ?? false,
      prune: extra.prune ?? false,
      concurrency: extra.concurrency ?? 4,
    });
    recorded = r.fingerprints;
    return r;
  }
  return {
    airbyte,
    config,
    run,
    async close() {
      await airbyte.close();
      airbyte.assertContract();
    },
  };
}

describe("runProvisioning() against the local Airbyte (contract checked)", () => {
  it("runProvisioning() builds every shipped tenant from empty, then a second run makes zero writes", async () => {
    const t = await setup();
    try {
      const expected = t.config.tenants.reduce((n, x) => n + x.connections.length, 0);
      const first = await t.run();
      assert.equal(first.plan.summary.create, expected, JSON.stringify(first.plan.connections.filter((c) => c.action !== "create").map((c) => c.reasons)));
      assert.ok(first.result?.outcomes.every((o) => o.status === "applied"), JSON.stringify(first.result?.outcomes.filter((o) => o.status !== "applied")));
      const stored = Object.values(t.airbyte.state.connections).filter((c) => c.name !== "" && c.prefix === "acme_");
      assert.equal(stored.length, 4);
      const meta = stored.find((c) => c.name === "Acme Retail - Meta Incremental");
      assert.deepEqual(meta?.scheduleData, { cron: { cronExpression: "0 0 6-22 * * ?", cronTimeZone: "America/Jamaica" } });
      assert.equal(meta?.namespaceDefinition, "customformat");
      assert.equal(meta?.namespaceFormat, "raw_acme_retail");
      t.airbyte.resetCounters();
      const second = await t.run();
      assert.equal(second.plan.hasChanges, false, JSON.stringify(second.plan.connections.filter((c) => c.action !== "unchanged").map((c) => [c.key, c.changes, c.source.changes])));
      assert.equal(second.result?.writes, 0);
      assert.equal(t.airbyte.writes(), 0);
    } finally {
      await t.close();
    }
  });

  it("runProvisioning() updates exactly one tenant's connections when its prefix changes, and ignores stream order", async () => {
    const t = await setup();
    try {
      await t.run();
      for (const c of Object.values(t.airbyte.state.connections)) c.syncCatalog.streams.reverse();
      const edited = structuredClone(t.config);
      const acme = edited.tenants.find((x) => x.slug === "acme-retail");
      for (const c of acme?.connections ?? []) c.prefix = "acme2_";
      const plan = await t.run({ config: edited, apply: false });
      const changed = plan.plan.connections.filter((c) => c.action !== "unchanged");
      assert.deepEqual([...new Set(changed.map((c) => c.tenant))], ["acme-retail"]);
      assert.equal(changed.length, 4);
      assert.ok(changed.every((c) => c.changes.length === 1 && c.changes[0]?.field === "prefix"));
      t.airbyte.resetCounters();
      const applied = await t.run({ config: edited });
      assert.equal(applied.result?.writes, 4);
      assert.equal(t.airbyte.calls["connections/update"], 4);
    } finally {
      await t.close();
    }
  });

  it("a rotated secret shows as 'secret changed: <field>' and rewrites only that source", async () => {
    const t = await setup();
    try {
      await t.run();
      const plan = await t.run({ apply: false, env: { AIRBYTE_META_ACCESS_TOKEN: "meta-token-0002" } });
      const changed = plan.plan.connections.filter((c) => c.action !== "unchanged");
      assert.ok(changed.length > 0 && changed.every((c) => c.source.changes.some((x) => x.field === "secret changed: credentials.access_token")));
      assert.ok(!JSON.stringify(plan.plan.connections.map((c) => c.source.changes)).includes("meta-token-0002"));
      const applied = await t.run({ env: { AIRBYTE_META_ACCESS_TOKEN: "meta-token-0002" } });
      assert.equal(applied.result?.writes, changed.length);
      const source = Object.values(t.airbyte.state.sources).find((s) => s.name === "adops:acme-retail:meta_metrics");
      assert.equal((source?.configuration.credentials as { access_token?: string }).access_token, "meta-token-0002");
      assert.equal((await t.run({ env: { AIRBYTE_META_ACCESS_TOKEN: "meta-token-0002" } })).result?.writes, 0);
    } finally {
      await t.close();
    }
  });

  it("an unknown workspace or destination fails only that tenant, with a clear reason", async () => {
    const t = await setup();
    try {
      const edited = structuredClone(t.config);
      const bmc = edited.tenants.find((x) => x.slug === "blue-mountain-coffee");
      const itel = edited.tenants.find((x) => x.slug === "island-telecom");
      assert.ok(bmc && itel);
      bmc.workspaceId = "7c1e2a90-3b4d-4e5f-8a6b-00000000dead";
      for (const c of bmc.connections) c.tenant = bmc.slug;
      itel.destinationId = "7c1e2a90-3b4d-4e5f-8a6b-00000000beef";
      const r = await t.run({ config: edited });
      const failed = r.result?.outcomes.filter((o) => o.status === "failed") ?? [];
      assert.deepEqual([...new Set(failed.map((o) => o.tenant))].sort(), ["blue-mountain-coffee", "island-telecom"]);
      assert.match(failed.find((o) => o.tenant === "blue-mountain-coffee")?.error ?? "", /Workspace '7c1e2a90-3b4d-4e5f-8a6b-00000000dead' does not exist/);
      assert.match(failed.find((o) => o.tenant === "island-telecom")?.error ?? "", /Destination '7c1e2a90-3b4d-4e5f-8a6b-00000000beef' does not exist/);
      assert.equal(r.result?.tenants["acme-retail"], "ok");
      assert.equal(r.result?.tenants["blue-mountain-coffee"], "failed");
    } finally {
      await t.close();
    }
  });

  it("a failing source check stops that connection with Airbyte's reason and reports the source it created", async () => {
    const t = await setup({ server: { faults: { checks: [{ sourceName: "adops:sunshine-resorts:meta_metrics", message: "Error validating token: Session has expired" }] } } });
    try {
      const r = await t.run();
      const bad = r.result?.outcomes.find((o) => o.key === "adops:sunshine-resorts:meta_metrics");
      assert.equal(bad?.status, "failed");
      assert.match(bad?.error ?? "", /Source check failed: Error validating token: Session has expired \(after: source created\)/);
      assert.equal(bad?.writes, 1);
      assert.equal(r.result?.tenants["sunshine-resorts"], "partial");
      // Next run: the source exists; its check fails again; the connection is still missing.
      t.airbyte.faults.checks.length = 0;
      const again = await t.run();
      assert.equal(again.result?.outcomes.find((o) => o.key === "adops:sunshine-resorts:meta_metrics")?.status, "applied");
    } finally {
      await t.close();
    }
  });

  it("a template connection that does not exist is an error for its template only", async () => {
    const t = await setup({ env: { AIRBYTE_TEMPLATE_META_METRICS_CONNECTION_ID: "5a7e0c3e-1d2b-4f6a-9c8d-00000000aaaa" } });
    try {
      delete t.airbyte.state.connections["5a7e0c3e-1d2b-4f6a-9c8d-00000000aaaa"];
      const r = await t.run();
      const errors = r.plan.connections.filter((c) => c.action === "error");
      assert.ok(errors.length > 0 && errors.every((c) => c.template === "meta_metrics"));
      assert.match(errors[0]?.reasons[0] ?? "", /Template connection '5a7e0c3e-1d2b-4f6a-9c8d-00000000aaaa' does not exist/);
      assert.ok(r.plan.connections.filter((c) => c.template !== "meta_metrics").every((c) => c.action === "create"));
    } finally {
      await t.close();
    }
  });

  it("a template connection's catalog is copied to every tenant", async () => {
    const t = await setup({ env: { AIRBYTE_TEMPLATE_META_METRICS_CONNECTION_ID: "5a7e0c3e-1d2b-4f6a-9c8d-00000000aaaa" } });
    try {
      await t.run();
      const template = t.airbyte.state.connections["5a7e0c3e-1d2b-4f6a-9c8d-00000000aaaa"];
      const acme = Object.values(t.airbyte.state.connections).find((c) => c.name === "Acme Retail - Meta Incremental");
      assert.deepEqual(acme?.syncCatalog.streams.map((s) => s.stream.name).sort(), template?.syncCatalog.streams.map((s) => s.stream.name).sort());
      assert.equal((await t.run()).result?.writes, 0);
    } finally {
      await t.close();
    }
  });

  it("429/5xx storms and a token expiring mid-run still end with every tenant provisioned", async () => {
    const secret = "client-secret-value";
    const t = await setup({
      server: {
        auth: { clientId: "adops", clientSecret: secret, tokenTtlSeconds: 20 },
        faults: {
          latencyMs: 1_000,
          requests: [
            { path: /^(connections|sources)\/create$/, kind: "rate_limit", retryAfterSeconds: 2, times: 6 },
            { path: /list$/, kind: "error", status: 503, times: 4 },
          ],
        },
      },
      client: { auth: { mode: "client_credentials", clientId: "adops", clientSecret: secret }, retry: { attempts: 6, random: () => 0.5 } },
    });
    try {
      const r = await t.run();
      assert.ok(r.result?.outcomes.every((o) => o.status === "applied"), JSON.stringify(r.result?.outcomes.filter((o) => o.status !== "applied")));
      assert.ok((t.airbyte.calls["applications/token"] ?? 0) > 1, "token refreshed mid-run");
    } finally {
      await t.close();
    }
  });

  it("a 5xx on connections/create is not retried blindly: the applier reads back and finds what was created", async () => {
    const t = await setup({ server: { faults: { requests: [{ path: "connections/create", kind: "error", status: 502, afterHandling: true, times: 2 }] } } });
    try {
      const r = await t.run();
      assert.ok(r.result?.outcomes.every((o) => o.status === "applied"));
      assert.equal(r.result?.outcomes.filter((o) => o.steps.includes("connection create answer lost; found it created")).length, 2);
      assert.equal((await t.run()).result?.writes, 0);
    } finally {
      await t.close();
    }
  });

  it("a new destination is a recreate, refused without allowRecreate; prune deletes only managed leftovers", async () => {
    const t = await setup();
    try {
      await t.run();
      const ws = "7c1e2a90-3b4d-4e5f-8a6b-0000000000a1";
      t.airbyte.state.destinations["7c1e2a90-3b4d-4e5f-8a6b-0000000000f1"] = { id: "7c1e2a90-3b4d-4e5f-8a6b-0000000000f1", workspaceId: ws, definitionId: "94bd199c-2ff0-4aa2-b98e-17f0acb72610", name: "new", configuration: {}, createdAt: 0 };
      const edited = structuredClone(t.config);
      const acme = edited.tenants.find((x) => x.slug === "acme-retail");
      assert.ok(acme);
      acme.destinationId = "7c1e2a90-3b4d-4e5f-8a6b-0000000000f1";
      const refused = await t.run({ config: edited });
      assert.equal(refused.plan.summary.recreate, 4);
      assert.ok(refused.result?.outcomes.filter((o) => o.tenant === "acme-retail").every((o) => o.status === "blocked" && o.writes === 0));
      const done = await t.run({ config: edited, allowRecreate: true });
      assert.ok(done.result?.outcomes.filter((o) => o.tenant === "acme-retail").every((o) => o.status === "applied"));
      // Drop a template from acme: its managed connection is unmanaged now; prune deletes it.
      acme.connections = acme.connections.filter((c) => c.template !== "google_metrics");
      const kept = await t.run({ config: edited, apply: false });
      assert.equal(kept.plan.unmanaged.filter((u) => u.tenant === "acme-retail").length, 1);
      assert.equal(kept.plan.summary.prune, 0);
      const pruned = await t.run({ config: edited, prune: true });
      assert.equal(pruned.result?.pruned.length, 1);
      assert.equal(pruned.result?.pruned[0]?.status, "deleted");
    } finally {
      await t.close();
    }
  });
});
