import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildExecutionReport, renderExecutionCsv, renderSummaryBlock } from "./execution-report.ts";
import { renderJobSummary } from "./render-job-summary.ts";
import { parseCsv } from "./testing.ts";
import type { RunOutcome } from "./types.ts";

const T0 = Date.UTC(2026, 0, 22, 10, 0, 0);
const outcome: RunOutcome = {
  startedAt: T0,
  endedAt: T0 + 1_847_230,
  stopped: false,
  globalTimedOut: false,
  interrupted: false,
  peakParallel: 2,
  results: [
    { name: "microsoft", platformId: "microsoft_ads", status: "completed", skipReason: undefined, startedAt: T0, endedAt: T0 + 930_450, attempts: 1, rowsProcessed: 15234, tablesProcessed: 5, errorMessage: undefined },
    { name: "google", platformId: "google_ads", status: "completed", skipReason: undefined, startedAt: T0, endedAt: T0 + 1_000_000, attempts: 2, rowsProcessed: 23456, tablesProcessed: 4, errorMessage: undefined },
    { name: "linkedin", platformId: "linkedin", status: "completed", skipReason: undefined, startedAt: T0 + 1_000_000, endedAt: T0 + 1_800_000, attempts: 1, rowsProcessed: 7000, tablesProcessed: 3, errorMessage: undefined },
    { name: "facebook", platformId: "meta", status: "failed", skipReason: undefined, startedAt: T0 + 1_000_000, endedAt: T0 + 1_847_230, attempts: 2, rowsProcessed: 0, tablesProcessed: 0, errorMessage: 'Token "expired", re-auth\nneeded | now' },
    { name: "tiktok", platformId: "tiktok", status: "skipped", skipReason: "disabled", startedAt: undefined, endedAt: T0, attempts: 0, rowsProcessed: 0, tablesProcessed: 0, errorMessage: undefined },
  ],
};

describe("execution report", () => {
  it("buildExecutionReport() has the seed's summary and platform fields", () => {
    const report = buildExecutionReport(outcome, { mode: "groups", exitCode: 2 });
    assert.deepEqual(
      { ...report.summary },
      { total_platforms: 5, completed: 3, failed: 1, skipped: 1, timed_out: 0, interrupted: 0, disabled: 1, success_rate: 75, total_rows_processed: 45690, total_duration_seconds: 1847.23 },
    );
    assert.deepEqual(report.platforms[0], {
      platform_name: "microsoft", platform_id: "microsoft_ads", status: "completed", skip_reason: null,
      started_at: "2026-01-22T10:00:00.000Z", ended_at: "2026-01-22T10:15:30.450Z", duration_seconds: 930.45,
      rows_processed: 15234, tables_processed: 5, retry_count: 0, error_message: null,
    });
    assert.equal(report.platforms[4]?.ended_at, null);
  });

  it("renderExecutionCsv() quotes cells with commas, quotes and newlines", () => {
    const report = buildExecutionReport(outcome, { mode: "groups", exitCode: 2 });
    const csv = renderExecutionCsv(report);
    assert.equal(csv.split("\n")[0], "platform_name,platform_id,status,skip_reason,started_at,ended_at,duration_seconds,rows_processed,tables_processed,retry_count,error_message");
    const rows = parseCsv(csv);
    assert.equal(rows.length, 5);
    assert.equal(rows[3]?.error_message, 'Token "expired", re-auth\nneeded | now');
    assert.equal(rows[4]?.skip_reason, "disabled");
  });

  it("renderSummaryBlock() prints the seed's block", () => {
    const report = buildExecutionReport(outcome, { mode: "groups", exitCode: 2 });
    assert.equal(renderSummaryBlock(report.summary), [
      "=".repeat(60), "Execution Summary", "=".repeat(60),
      "Total Platforms:    5", "Completed:          3", "Failed:             1", "Skipped:            1",
      "Success Rate:       75.0%", "Total Rows:         45,690", "Total Duration:     1847.23s", "=".repeat(60),
    ].join("\n"));
  });

  it("renderJobSummary() has a table row per step and a gantt bar per step that ran", () => {
    const md = renderJobSummary(buildExecutionReport(outcome, { mode: "groups", exitCode: 2 }), { notes: ["Report: x.json"] });
    assert.match(md, /^## Orchestrator: 3\/5 completed \(exit 2\)/);
    assert.equal(md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Step") && !l.startsWith("| ---")).length, 5);
    assert.match(md, /\| facebook \| meta \| ❌ failed \| 847\.23 \| 0 \| 0 \| 1 \| Token "expired", re-auth needed \\\| now \|/);
    assert.match(md, /```mermaid\ngantt\n/);
    assert.match(md, new RegExp(`microsoft \\(completed\\) :done, s0, ${T0}, ${T0 + 930_450}`));
    assert.match(md, /facebook \(failed\) :crit, s3,/);
    assert.doesNotMatch(md, /tiktok \(skipped\) :/);
    assert.match(md, /> Report: x\.json/);
  });
});
