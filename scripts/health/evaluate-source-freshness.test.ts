import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateSourceFreshness } from "./evaluate-source-freshness.ts";
import type { DbtManifestSource, DbtSourceFreshness } from "./types.ts";

const H = 3_600_000;
const now = Date.UTC(2026, 10, 23, 12);
const tenants = [{ slug: "acme", namespace: "raw_acme" }, { slug: "bmc", namespace: "raw_bmc" }];
const manifest: DbtManifestSource[] = [
  { uniqueId: "source.adops.raw_acme.meta", schema: "raw_acme", tenant: undefined },
  { uniqueId: "source.adops.raw_acme.google", schema: "raw_acme", tenant: undefined },
  { uniqueId: "source.adops.raw_bmc.meta", schema: "raw_bmc", tenant: undefined },
  { uniqueId: "source.adops.shared.fx", schema: "shared", tenant: "bmc" },
  { uniqueId: "source.adops.raw_acme.missing_feed", schema: "raw_acme", tenant: undefined },
];
const sources: DbtSourceFreshness = {
  generatedAt: now - H,
  results: [
    { uniqueId: "source.adops.raw_acme.meta", status: "pass", maxLoadedAt: now - 2 * H },
    { uniqueId: "source.adops.raw_acme.google", status: "warn", maxLoadedAt: now - 30 * H },
    { uniqueId: "source.adops.raw_bmc.meta", status: "error", maxLoadedAt: now - 80 * H },
    { uniqueId: "source.adops.shared.fx", status: "runtime error", maxLoadedAt: undefined },
  ],
};
const options = { now, freshHours: 24, tenants };

test("evaluateSourceFreshness() keeps dbt's verdict per source and attributes tenants by schema or meta", () => {
  const rows = evaluateSourceFreshness({ ok: true, value: sources }, { ok: true, value: manifest }, options);
  const by = new Map(rows.map((r) => [r.subject, r]));
  assert.deepEqual([by.get("source.adops.raw_acme.meta")?.status, by.get("source.adops.raw_acme.meta")?.severity, by.get("source.adops.raw_acme.meta")?.tenant], ["pass", "ok", "acme"]);
  assert.deepEqual([by.get("source.adops.raw_acme.google")?.status, by.get("source.adops.raw_acme.google")?.severity], ["warn", "warning"]);
  assert.deepEqual([by.get("source.adops.raw_bmc.meta")?.status, by.get("source.adops.raw_bmc.meta")?.severity, by.get("source.adops.raw_bmc.meta")?.tenant], ["error", "critical", "bmc"]);
  assert.deepEqual([by.get("source.adops.shared.fx")?.status, by.get("source.adops.shared.fx")?.tenant], ["runtime_error", "bmc"]);
  assert.equal(by.get("source.adops.raw_acme.meta")?.details.age_minutes, 120);
});

test("evaluateSourceFreshness() reports a source dbt left out of sources.json as runtime_error", () => {
  const rows = evaluateSourceFreshness({ ok: true, value: sources }, { ok: true, value: manifest }, options);
  const missing = rows.find((r) => r.subject === "source.adops.raw_acme.missing_feed");
  assert.equal(missing?.status, "runtime_error");
  assert.equal(missing?.severity, "critical");
  assert.equal(missing?.tenant, "acme");
  assert.equal(missing?.details.omitted_by_dbt, true);
});

test("evaluateSourceFreshness() flags a sources.json older than the dbt SLA, and a missing one", () => {
  const old = evaluateSourceFreshness({ ok: true, value: { ...sources, generatedAt: now - 24 * H } }, { ok: true, value: manifest }, options);
  assert.equal(old[0]?.status, "stale");
  assert.equal(old[0]?.subject, "sources.json");
  const none = evaluateSourceFreshness({ ok: false, reason: "missing", message: "No file" }, { ok: true, value: manifest }, options);
  assert.deepEqual(none.map((r) => r.status), ["artifact_missing"]);
});

test("evaluateSourceFreshness() still reports dbt's verdicts without a manifest", () => {
  const rows = evaluateSourceFreshness({ ok: true, value: sources }, { ok: false, reason: "missing", message: "No manifest" }, options);
  assert.equal(rows.length, 4);
  assert.equal(rows[0]?.tenant, null);
});
