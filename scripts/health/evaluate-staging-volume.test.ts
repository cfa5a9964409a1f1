import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { type RunReport, RunReportSchema } from "../../schemas/report.ts";
import { createDbtArtifactsFromReport } from "./dbt-artifacts-from-report.ts";
import { evaluateStagingVolume } from "./evaluate-staging-volume.ts";
import { DEFAULT_VOLUME_SETTINGS, shiftDay } from "./volume-anomaly.ts";

const FROM = "2026-10-06";
/** 2026-10-06 .. 2026-12-02 (58 days): a weekday pattern with a little noise; today's (12-02) partial day is low. */
function rows(last: (i: number) => number | undefined = () => undefined, days = 58): number[] {
  return Array.from({ length: days }, (_, i) => last(i) ?? (i === days - 1 ? 90 : 1000 + ((i + 3) % 7) * 60 + ((i * 37) % 23)));
}

function report(series: { tenant: string; platform: string; source_rows: number[] }[]): RunReport {
  return v.parse(RunReportSchema, {
    schema_version: 1,
    run_id: "r9",
    command: "dbt",
    trigger: { kind: "schedule" },
    started_at: "2026-12-02T11:40:00.000Z",
    ended_at: "2026-12-02T12:00:00.000Z",
    duration_seconds: 1200,
    inputs: { step_results: [{ id: "build", status: "ok" }] },
    exit_code: 0,
    status: "ok",
    summary: {},
    rows: [],
    staging_volume: { model: "int_campaign_stats_unioned", since: "2026-10-06", series: series.map((s) => ({ ...s, from: FROM, campaign_days: s.source_rows.map((r) => Math.ceil(r / 100)) })) },
  });
}

const scope = [{ slug: "acme", timeZone: "America/Jamaica", platforms: ["meta", "google_ads"] }];

async function judge(r: RunReport | undefined, s = scope) {
  const port = createDbtArtifactsFromReport(r, { path: "reports/latest/dbt.json" });
  return evaluateStagingVolume(await port.readStagingVolume?.(), { scope: s, settings: DEFAULT_VOLUME_SETTINGS });
}

describe("evaluateStagingVolume()", () => {
  it("raises a critical volume_zero for a platform whose staging rows dropped to zero yesterday, with the numbers", async () => {
    const zeroYesterday = rows((i) => (i === 56 ? 0 : undefined));
    const checks = await judge(report([{ tenant: "acme", platform: "meta", source_rows: zeroYesterday }, { tenant: "acme", platform: "google_ads", source_rows: rows() }]));
    const meta = checks.find((c) => c.subject === "dbt:meta staging rows");
    assert.equal(meta?.check, "volume_anomaly");
    assert.equal(meta?.status, "volume_zero");
    assert.equal(meta?.severity, "critical");
    assert.equal(meta?.details.day, "2026-12-01");
    assert.equal(meta?.since, "2026-12-01T00:00:00.000Z");
    assert.match(meta?.message ?? "", /^meta's staging model \(int_campaign_stats_unioned\) counted 0 raw rows on 2026-12-01; expected ≈ 1,\d{3} \(median of 6 same weekdays in 2026-10-20\.\.2026-11-30\), modified z -\d+/);
    assert.equal(meta?.details.dbt_run_id, "r9");
  });

  it("judges a clean series ok, never today's partial day", async () => {
    const checks = await judge(report([{ tenant: "acme", platform: "meta", source_rows: rows() }, { tenant: "acme", platform: "google_ads", source_rows: rows() }]));
    assert.deepEqual(checks.map((c) => `${c.subject}:${c.status}:${c.severity}`), ["dbt:meta staging rows:ok:ok", "dbt:google_ads staging rows:ok:ok"]);
    assert.equal(checks[0]?.details.day, "2026-12-01");
  });

  it("counts a day the staging models have no rows for as zero (the series ends the day before)", async () => {
    const checks = await judge(report([{ tenant: "acme", platform: "meta", source_rows: rows(undefined, 56) }]));
    assert.equal(checks.length, 1);
    assert.equal(checks[0]?.status, "volume_zero");
    assert.equal(checks[0]?.details.observed, 0);
  });

  it("waits for history and ignores platforms and tenants out of scope", async () => {
    const young = rows().slice(-10);
    const r = report([{ tenant: "acme", platform: "meta", source_rows: young }, { tenant: "other", platform: "meta", source_rows: rows() }]);
    const patched = { ...r, staging_volume: { ...r.staging_volume!, series: r.staging_volume!.series.map((s) => (s.tenant === "acme" ? { ...s, from: shiftDay(FROM, 48) } : s)) } };
    const checks = await judge(patched, [{ slug: "acme", timeZone: "America/Jamaica", platforms: ["meta"] }]);
    assert.deepEqual(checks.map((c) => `${c.tenant}:${c.status}`), ["acme:not_checked"]);
    assert.match(checks[0]?.message ?? "", /^Not enough history/);
  });

  it("gives no rows without a report or when the run counted no staging rows", async () => {
    assert.deepEqual(await judge(undefined), []);
    const { staging_volume: _, ...bare } = report([]);
    assert.deepEqual(await judge(bare), []);
  });
});
