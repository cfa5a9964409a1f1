import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConfig, makeConnection, makeTenant } from "../config/testing.ts";
import { collectHealth } from "./collect-health.ts";
import { healthOutcome } from "./health-document.ts";
import { renderHealthTable } from "./render-health-table.ts";
import { createFakeDbtArtifacts, createFakeJobHistory, makeJob, makeRunResults } from "./testing.ts";

const M = 60_000;
const now = Date.UTC(2026, 10, 23, 17); // 12:00 in Jamaica
function hourlyJobs(): ReturnType<typeof makeJob>[] {
  return Array.from({ length: 30 }, (_, i) => Date.UTC(2026, 10, 23, 17) - i * 60 * M - 55 * M)
    .map((t) => makeJob({ createdAt: t }))
    .filter((j) => {
      const h = (new Date(j.createdAt).getUTCHours() + 19) % 24;
      return h >= 6 && h <= 22;
    });
}
const config = makeConfig({
  tenants: [
    makeTenant({ slug: "acme", displayName: "Acme" }),
    makeTenant({ slug: "bmc", displayName: "BMC", connections: [makeConnection({ tenant: "bmc" }), makeConnection({ tenant: "bmc", template: "tiktok_metrics", status: "inactive" })] }),
  ],
});
const healthyDbt = createFakeDbtArtifacts({
  runResults: makeRunResults(now - 2 * 3_600_000),
  sources: { generatedAt: now - 3_600_000, results: [{ uniqueId: "source.adops.raw_acme.meta", status: "pass", maxLoadedAt: now - 90 * M }] },
  manifestSources: [{ uniqueId: "source.adops.raw_acme.meta", schema: "raw_acme", tenant: undefined }],
});

test("collectHealth() reports healthy with exit 0 when every check passes", async () => {
  const jobs = createFakeJobHistory({ "acme meta_metrics": hourlyJobs(), "bmc meta_metrics": hourlyJobs() });
  const doc = await collectHealth(config, { jobs, dbt: healthyDbt }, { now });
  assert.equal(doc.status, "healthy", renderHealthTable(doc, { problemsOnly: true }));
  assert.equal(healthOutcome(doc.status), "ok");
  assert.equal(jobs.calls, 2, "inactive connections are not read");
  assert.equal(doc.tenants[0]?.snapshot_lag_minutes, 90);
  assert.equal(doc.tenants[1]?.checks.find((c) => c.subject === "bmc tiktok_metrics")?.status, "inactive");
});

test("collectHealth() reports degraded with exit 2 when one tenant's sync failed", async () => {
  const failing = [...hourlyJobs(), makeJob({ status: "failed", createdAt: now - 10 * M, endedAt: now - 5 * M })];
  const doc = await collectHealth(config, { jobs: createFakeJobHistory({ "acme meta_metrics": failing, "bmc meta_metrics": hourlyJobs() }), dbt: healthyDbt }, { now });
  assert.equal(doc.status, "degraded");
  assert.equal(doc.tenants[0]?.status, "down");
  assert.equal(doc.tenants[1]?.status, "healthy");
  assert.equal(healthOutcome(doc.status), "partial");
  assert.match(renderHealthTable(doc), /✗ acme\s+airbyte_sync\s+acme meta_metrics\s+sync_failed/);
});

test("collectHealth() reports down with exit 3 when no sync and no dbt run is ok", async () => {
  const doc = await collectHealth(config, { jobs: createFakeJobHistory({ "acme meta_metrics": "HTTP 503", "bmc meta_metrics": [] }), dbt: createFakeDbtArtifacts({}) }, { now });
  assert.equal(doc.status, "down");
  assert.equal(healthOutcome(doc.status), "failed");
  assert.equal(doc.platform.checks.find((c) => c.check === "dbt_run")?.status, "artifact_missing");
  assert.equal(doc.tenants[0]?.checks.find((c) => c.check === "airbyte_sync")?.status, "check_failed");
});

test("collectHealth() limits the run to the tenants asked for", async () => {
  const jobs = createFakeJobHistory({ "acme meta_metrics": hourlyJobs() });
  const doc = await collectHealth(config, { jobs, dbt: healthyDbt }, { now, tenants: ["acme"] });
  assert.deepEqual(doc.tenants.map((t) => t.tenant), ["acme"]);
  assert.equal(jobs.calls, 1);
});

test("collectHealth() turns a throwing port into check_failed", async () => {
  const jobs = { listJobs: () => Promise.reject(new Error("Socket hang up")) };
  const doc = await collectHealth(config, { jobs, dbt: healthyDbt }, { now });
  assert.match(doc.tenants[0]?.checks[0]?.message ?? "", /Socket hang up/);
});

test("collectHealth() redacts what the ports return before an evaluator cuts it short", async () => {
  const secret = "s3cr3t-token-value-123456";
  const runResults = makeRunResults(now - 3_600_000, { "model.a.m": "error" });
  runResults.results[0] = { uniqueId: "model.a.m", status: "error", message: `${"x".repeat(490)} ${secret}` };
  const dbt = createFakeDbtArtifacts({ runResults });
  const doc = await collectHealth(config, { jobs: createFakeJobHistory({}), dbt }, { now, redact: (t) => t.split(secret).join("***") });
  const node = (doc.platform.checks[0]?.details.failing_nodes as { message: string }[])[0];
  assert.ok(node?.message.endsWith(" ***"), node?.message.slice(-20));
  assert.ok(!JSON.stringify(doc).includes(secret.slice(0, 6)));
});

test("collectHealth() reads weeks of history for volume anomalies and judges yesterday, while the other checks see the usual lookback", async () => {
  const day = 86_400_000;
  // Daily syncs for 50 days; yesterday's committed nothing, today's (hourly) are fine.
  const daily = Array.from({ length: 50 }, (_, k) => makeJob({ createdAt: now - (50 - k) * day, recordsCommitted: k === 49 ? 0 : 1000 + (k % 7) * 50 }));
  const seen: number[] = [];
  const fake = createFakeJobHistory({ "acme meta_metrics": [...daily, ...hourlyJobs().slice(0, 5)] });
  const jobs = { listJobs: (c: Parameters<typeof fake.listJobs>[0], o: Parameters<typeof fake.listJobs>[1]) => (seen.push(o.maxJobs ?? 0), fake.listJobs(c, o)) };
  const doc = await collectHealth(makeConfig({ tenants: [makeTenant({ slug: "acme" })] }), { jobs, dbt: healthyDbt }, { now });
  assert.deepEqual(seen, [1500]);
  const volume = doc.tenants[0]?.checks.find((c) => c.check === "volume_anomaly");
  assert.equal(volume?.status, "volume_zero", volume?.message);
  assert.equal(volume?.subject, "acme meta_metrics");
  assert.equal(doc.platform.checks.find((c) => c.check === "transform_lag")?.status, "ok");
  const disabled = makeConfig({ tenants: [makeTenant({ slug: "acme" })] });
  disabled.platform.anomalies = { enabled: false } as never;
  const off = await collectHealth(disabled, { jobs: fake, dbt: healthyDbt }, { now });
  assert.equal(off.tenants[0]?.checks.some((c) => c.check === "volume_anomaly"), false);
});
