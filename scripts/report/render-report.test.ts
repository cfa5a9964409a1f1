import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { annotationsFromReport } from "./report-annotations.ts";
import { renderJobSummary } from "./job-summary.ts";
import { renderReport } from "./render-report.ts";
import { makeRunReport } from "./testing.ts";

const UPDATE = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.UPDATE_GOLDEN === "1";

function golden(name: string, actual: string): void {
  const url = new URL(`./testdata/${name}`, import.meta.url);
  if (UPDATE) writeFileSync(url, actual);
  assert.equal(actual, readFileSync(url, "utf8"), `golden ${name} differs (UPDATE_GOLDEN=1 to refresh)`);
}

const mixed = makeRunReport({
  run_id: "gh-200-2",
  status: "partial",
  exit_code: 2,
  trigger: { kind: "workflow_dispatch", actor: "octocat", ref: "refs/heads/main", run_url: "https://github.com/acme/adops/actions/runs/200/attempts/2" },
  summary: { succeeded: 2, failed: 1, skipped: 1 },
  rows: [
    { tenant: "acme", connection: "meta_metrics", status: "succeeded", records: 1200, job_id: 41 },
    { tenant: "acme", connection: "google_ads_metrics", status: "failed", records: 0, message: "Source said: 401 | token \"expired\"\nretry later", job_id: 42 },
    { tenant: "globex", connection: "=cmd|calc", status: "skipped", reason: "inactive" },
    { tenant: "globex", connection: "tiktok_metrics", status: "stale", records: 5, extra: { lag_minutes: 95 } },
  ],
  messages: ["Fell back to the daily group for 'globex'"],
});

describe("renderReport()", () => {
  test("renderReport() matches the golden Markdown, CSV and JSON of a mixed run", () => {
    golden("mixed.md", renderReport(mixed, "md"));
    golden("mixed.csv", renderReport(mixed, "csv"));
    golden("mixed.json", renderReport(mixed, "json"));
    golden("mixed.summary.md", renderReport(mixed, "summary"));
    golden("mixed.annotations.txt", renderReport(mixed, "annotations"));
  });

  test("renderReport() renders a run with no rows", () => {
    golden("empty.md", renderReport(makeRunReport({ rows: [], summary: {}, inputs: {} }), "md"));
    assert.equal(renderReport(makeRunReport({ rows: [] }), "csv"), "run_id,command\r\n");
  });
});

describe("renderJobSummary()", () => {
  test("renderJobSummary() stays under the byte limit and keeps failures first when rows are cut", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ tenant: `t${i}`, connection: "x".repeat(40), status: i === 19_999 ? "failed" : "succeeded" }));
    const text = renderJobSummary(makeRunReport({ rows }), { maxBytes: 100_000 });
    assert.ok(new TextEncoder().encode(text).byteLength <= 100_000);
    assert.match(text, /\| ❌ \| t19999 \|/);
    assert.match(text, /more row\(s\) left out/);
  });

  test("renderJobSummary() fits 1 MiB for a huge report by default", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ tenant: `tenant-${i}`, message: "y".repeat(100), status: "ok" }));
    assert.ok(new TextEncoder().encode(renderJobSummary(makeRunReport({ rows }))).byteLength < 1024 * 1024);
  });
});

describe("annotationsFromReport()", () => {
  test("annotationsFromReport() caps each level at ten and says how many more", () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ tenant: "acme", connection: `c${i}`, status: "failed" }));
    const errors = annotationsFromReport(makeRunReport({ rows })).filter((a) => a.level === "error");
    assert.equal(errors.length, 10);
    assert.equal(errors[9]?.message, "16 more failures; see the job summary");
  });

  test("annotationsFromReport() explains a failed run without failing rows", () => {
    const a = annotationsFromReport(makeRunReport({ rows: [], status: "config_error", exit_code: 1, messages: ["No tenants"] }));
    assert.deepEqual(a, [{ level: "error", title: "adops sync", message: "Run gh-100-1 ended 'config_error' (exit 1): No tenants" }]);
  });
});

test("classifyStatus() flags the sync engine's timed-out, stuck and missing connections as errors and running jobs as warnings", async () => {
  const { classifyStatus } = await import("./classify-status.ts");
  for (const status of ["timed_out_cancelled", "timed_out_orphaned", "stuck", "not_found"]) assert.equal(classifyStatus(status), "error", status);
  assert.equal(classifyStatus("running"), "warning");
  assert.equal(classifyStatus("skipped"), "neutral");
});
