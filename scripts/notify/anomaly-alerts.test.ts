import assert from "node:assert/strict";
import { test } from "node:test";
import type { RunReport } from "../../schemas/report.ts";
import { makeConnection } from "../config/testing.ts";
import { DEFAULT_VOLUME_SETTINGS, evaluateTransformLag, evaluateVolumeAnomaly, type SyncJob } from "../health/mod.ts";
import { makeJob, makeRunResults } from "../health/testing.ts";
import { findingsFromReport } from "./findings.ts";
import { emptyIncidentState, planAlerts } from "./plan-alerts.ts";
import { renderAlert } from "./render-alert.ts";

const DAY = 86_400_000;
const now = Date.UTC(2026, 2, 2, 17);

function healthReport(rows: unknown[]): RunReport {
  return {
    schema_version: 1, run_id: "r1", command: "health", trigger: { kind: "schedule" }, started_at: new Date(now).toISOString(), ended_at: new Date(now).toISOString(),
    duration_seconds: 1, inputs: {}, exit_code: 2, status: "partial", summary: {}, rows: rows as RunReport["rows"],
  };
}

function messagesFor(rows: unknown[]) {
  const { findings, scope } = findingsFromReport(healthReport(rows));
  const { alerts } = planAlerts(emptyIncidentState(now), { findings, scope }, { now });
  return alerts.map((a) => ({ alert: a, message: renderAlert(a, { now, runbookUrl: "https://example.test/README.md#runbook" }) }));
}

test("a volume anomaly becomes one incident whose Slack message has observed vs expected records, the ratio and the window", () => {
  const jobs: SyncJob[] = Array.from({ length: 50 }, (_, k) => makeJob({
    createdAt: Date.UTC(2026, 2, 2, 15) - (50 - k) * DAY,
    streams: [{ name: "ads_insights", namespace: undefined, recordsCommitted: k === 49 ? 12_000 : 1_200 + (k % 3) * 10 }],
  }));
  const rows = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c-1", jobs }, { now, timeZone: "America/Jamaica", settings: DEFAULT_VOLUME_SETTINGS });
  const [only, ...rest] = messagesFor(rows);
  assert.equal(rest.length, 0);
  assert.equal(only?.alert.incident.key, "acme/volume_anomaly/acme meta_metrics/ads_insights");
  const text = JSON.stringify(only?.message);
  assert.match(only?.message.text ?? "", /^\[WARNING\] acme: Volume: record volume spiked — acme meta_metrics\/ads_insights: Stream 'ads_insights' committed 12,000 records on 2026-03-01, 9\.\d+× the expected ≈ 1,2\d\d/);
  assert.match(only?.message.text ?? "", /Runbook: https:\/\/example\.test\/README\.md#volume-anomalies/);
  assert.match(text, /observed 12,000 vs expected 1,2\d\d on 2026-03-01 \(ratio 9\.\d+, modified z [\d.]+, threshold ±3\.5\)/);
  assert.match(text, /baseline 2026-01-18\.\.2026-02-28: 42 days with data/);
});

test("transform lag becomes a platform-wide incident whose message has the lag in hours", () => {
  const dbtEnd = now - 40 * 3_600_000;
  const row = evaluateTransformLag({ ok: true, value: makeRunResults(dbtEnd) }, [{ tenant: "acme", connection: "acme meta_metrics", endedAt: now - 3_600_000 }], { freshHours: 24 });
  const [only] = messagesFor([row]);
  assert.equal(only?.alert.incident.key, "*/transform_lag/dbt");
  assert.match(only?.message.text ?? "", /^\[WARNING\] all tenants: Transform lag: dbt lags the newest sync — dbt: dbt's last successful build ended .*, 39 h before the newest successful sync/);
  assert.match(JSON.stringify(only?.message), /\*Transform lag\*\\n39 h \(limit 24 h\)/);
});
