import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { buildStatusPage } from "./build-status-page.ts";
import { recentReportPaths } from "./recent-report-paths.ts";
import { reportPath } from "./run-report.ts";
import { createMemoryFiles } from "./testing.ts";
import { readOpenIncidents } from "./read-incidents.ts";
import { makeRunReport } from "./testing.ts";
import { updateStatusState } from "./update-status-state.ts";

const UPDATE = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.UPDATE_GOLDEN === "1";

function golden(name: string, actual: string): void {
  const url = new URL(`./testdata/${name}`, import.meta.url);
  if (UPDATE) writeFileSync(url, actual);
  assert.equal(actual, readFileSync(url, "utf8"), `golden ${name} differs (UPDATE_GOLDEN=1 to refresh)`);
}

const NOW = "2026-11-23T12:00:00.000Z";
const sync = makeRunReport({
  run_id: "gh-300-1",
  ended_at: "2026-11-23T11:05:00.000Z",
  status: "partial",
  exit_code: 2,
  rows: [
    { tenant: "acme", connection: "meta_metrics", status: "succeeded" },
    { tenant: "acme", connection: "google_ads_metrics", status: "failed" },
    { tenant: "globex", connection: "meta_metrics", status: "succeeded" },
  ],
});
const dbt = makeRunReport({ run_id: "gh-301-1", command: "dbt", ended_at: "2026-11-23T03:10:00.000Z", trigger: { kind: "schedule" }, rows: [{ node: "model.adops.fct_spend", status: "success" }], summary: { success: 1 } });
const health = makeRunReport({
  run_id: "gh-302-1",
  command: "health",
  ended_at: "2026-11-23T11:30:00.000Z",
  status: "partial",
  exit_code: 2,
  rows: [
    { tenant: "acme", check: "airbyte", status: "stale" },
    { tenant: "globex", check: "airbyte", status: "ok" },
    { tenant: "globex", check: "dbt", status: "ok" },
  ],
});
const incidents = JSON.stringify({
  incidents: {
    "acme:google_ads_metrics:sync_failed": { tenant: "acme", kind: "sync_failed", severity: "critical", opened_at: "2026-11-23T10:05:00.000Z", status: "open", summary: "Google Ads 401 | token expired" },
    "globex:x:stale": { tenant: "globex", kind: "stale", status: "resolved" },
  },
});

describe("buildStatusPage()", () => {
  test("buildStatusPage() renders tenants, incidents and latest runs (golden)", async () => {
    const files: Record<string, string> = {
      "reports/latest/sync.json": JSON.stringify(sync),
      "reports/latest/dbt.json": JSON.stringify(dbt),
      "reports/state/incidents.json": incidents,
    };
    const out = await buildStatusPage((p) => Promise.resolve(files[p]), {
      latestNames: ["dbt.json", "sync.json"],
      extra: [health],
      incidentsPath: "reports/state/incidents.json",
      tenants: ["initech"],
      now: NOW,
    });
    golden("STATUS.md", out.page.content);
    assert.deepEqual([...out.latest.keys()].sort(), ["dbt", "health", "sync"]);
    assert.deepEqual(out.problems, []);
  });

  test("buildStatusPage() renders without the incident file and notes an unreadable latest report", async () => {
    const files: Record<string, string> = { "reports/latest/sync.json": "{\"schema_version\": 1, broken", "reports/latest/orchestrate-execution.json": "{}" };
    const out = await buildStatusPage((p) => Promise.resolve(files[p]), { latestNames: ["sync.json"], incidentsPath: "nope.json", now: NOW });
    assert.match(out.page.content, /Skipped unreadable reports\/latest\/sync\.json/);
    assert.match(out.page.content, /No runs reported yet/);
  });

  test("buildStatusPage() keeps a tenant's older sync when a newer run did not mention it", async () => {
    const first = await buildStatusPage(() => Promise.resolve(undefined), { latestNames: [], extra: [sync], incidentsPath: "x", now: NOW });
    const later = makeRunReport({ run_id: "gh-400-1", ended_at: "2026-11-23T11:50:00.000Z", rows: [{ tenant: "globex", connection: "meta_metrics", status: "succeeded" }] });
    const files: Record<string, string> = { "reports/status.json": first.state.content };
    const second = await buildStatusPage((p) => Promise.resolve(files[p]), { latestNames: [], extra: [later], incidentsPath: "x", now: NOW });
    const state = JSON.parse(second.state.content);
    assert.equal(state.tenants.acme.sync.run_id, "gh-300-1");
    assert.equal(state.tenants.globex.sync.run_id, "gh-400-1");
  });
});

describe("buildStatusPage() SLA attainment", () => {
  const HOUR = 3_600_000;
  const now = Date.parse(NOW);
  /** Hourly health runs for 9 days; acme's data is stale in the 12 runs before now, and in every run older than 7 days. */
  function healthHistory(): Record<string, string> {
    const files: Record<string, string> = {};
    for (let k = 0; k <= 9 * 24; k += 1) {
      const at = new Date(now - k * HOUR).toISOString();
      const acme = (k >= 1 && k <= 12) || k > 7 * 24 ? "stale" : "ok";
      const report = makeRunReport({
        run_id: `gh-${1000 + k}-1`, command: "health", started_at: at, ended_at: at,
        rows: [
          { tenant: "acme", check: "airbyte_sync", subject: "meta", status: acme },
          { tenant: "globex", check: "airbyte_sync", subject: "meta", status: "ok" },
          { tenant: null, check: "dbt_run", subject: "dbt", status: k === 30 ? "failing" : "ok" },
        ],
      });
      files[reportPath("reports", report)] = JSON.stringify(report);
    }
    return files;
  }

  test("buildStatusPage() shows the last 7 days' SLA attainment per tenant from the dated health reports, opening no older report", async () => {
    const files = createMemoryFiles(healthHistory());
    const read: string[] = [];
    const out = await buildStatusPage((p) => {
      read.push(p);
      return files.tryReadText(p);
    }, { latestNames: [], incidentsPath: "x", tenants: ["acme", "globex", "initech"], now: NOW, paths: await recentReportPaths(files, "reports", { now, days: 7 }) });
    const page = out.page.content;
    assert.match(page, /## SLA attainment, last 7 days/);
    // 168 hours judged; acme missed 12 of them (156 / 168 = 92.857 %); dbt failed for one hour (167 / 168).
    assert.match(page, /\| acme \| 92\.8% \| 99\.4% \| 100\.0% \|/);
    assert.match(page, /\| globex \| 100\.0% \| 99\.4% \| 100\.0% \|/);
    assert.match(page, /\| initech \| — \| 99\.4% \| 0\.0% \|/);
    const opened = read.filter((p) => /\/\d{4}\/\d{2}\/\d{2}\//.test(p));
    assert.ok(opened.length > 0 && opened.every((p) => p >= "reports/2026/11/15/"), `only the window's day folders are read: ${opened.find((p) => p < "reports/2026/11/15/")}`);
  });

  test("buildStatusPage() says so when no health run judged anything in the window", async () => {
    const out = await buildStatusPage(() => Promise.resolve(undefined), { latestNames: [], incidentsPath: "x", tenants: ["acme"], now: NOW, paths: [] });
    assert.match(out.page.content, /_No health run judged anything in the last 7 days\._/);
  });
});

describe("updateStatusState()", () => {
  test("updateStatusState() keeps the newest run per tenant whatever the order", () => {
    const old = makeRunReport({ run_id: "old", ended_at: "2026-11-22T00:00:00.000Z", rows: [{ tenant: "acme", status: "failed" }] });
    const s = updateStatusState(undefined, [sync, old], { now: NOW });
    assert.equal(s.tenants.acme?.sync?.run_id, "gh-300-1");
    assert.equal(s.tenants.acme?.sync?.status, "failed");
    assert.equal(s.tenants.acme?.sync?.detail, "1/2 ok; google_ads_metrics failed");
  });

  test("updateStatusState() files rows without a tenant under every tenant", () => {
    const s = updateStatusState(undefined, [dbt], { now: NOW });
    assert.equal(s.tenants["*"]?.dbt?.status, "ok");
  });
});

describe("readOpenIncidents()", () => {
  test("readOpenIncidents() accepts an array, skips resolved ones and survives garbage", () => {
    const a = readOpenIncidents(JSON.stringify([{ tenant_id: "acme", type: "stale", state: "open" }, { tenant: "b", resolved_at: "x" }]));
    assert.deepEqual(a.incidents.map((i) => `${i.tenant}:${i.kind}`), ["acme:stale"]);
    assert.equal(readOpenIncidents("nope").problems.length, 1);
    assert.deepEqual(readOpenIncidents(undefined), { incidents: [], problems: [] });
  });
});
