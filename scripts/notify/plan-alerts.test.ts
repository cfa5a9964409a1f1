import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { IncidentState } from "../../schemas/incident.ts";
import type { Finding, IncidentScope } from "./findings.ts";
import { type Alert, emptyIncidentState, planAlerts, recordDelivery } from "./plan-alerts.ts";
import { makeFinding } from "./testing.ts";

const HALF_HOUR = 30 * 60_000;
const START = Date.UTC(2026, 10, 16, 0, 0);
const scope: IncidentScope = { checks: ["airbyte_sync", "empty_sync", "cadence", "dbt_run", "source_freshness"], tenants: "all" };

const syncFailed = makeFinding();
const dbtStale = makeFinding({ tenant: "*", check: "dbt_run", subject: "dbt", kind: "stale", severity: "warning", summary: "Last dbt run ended 25h ago" });
const dbtFailing = { ...dbtStale, kind: "failing", severity: "critical" as const, summary: "2 dbt node(s) failing" };
const drift = makeFinding({ tenant: "bmc", check: "cadence", subject: "bmc google_metrics", kind: "cadence_drift", severity: "warning", summary: "1 of 17 runs missed" });
const empty = makeFinding({ check: "empty_sync", kind: "empty_sync", severity: "warning", summary: "Job 9 committed 0 records" });
const blip = makeFinding({ tenant: "bmc", subject: "bmc meta_metrics", kind: "stale", severity: "warning" });

/** What each health run (every 30 minutes for a week) sees bad. */
function scenario(run: number): Finding[] {
  const bad: Finding[] = [];
  if (run >= 10 && run <= 14) bad.push(syncFailed); // five failing runs, the sixth is green
  if (run >= 50 && run <= 69) bad.push(dbtStale); // 10 h stale ...
  if (run >= 70 && run <= 75) bad.push(dbtFailing); // ... then failing: escalation
  if (run >= 100 && run <= 147) bad.push(drift); // 24 h of drift: reminders every 4 h
  if (run >= 200 && run <= 203) bad.push(empty); // opens during a Slack outage
  if (run === 250) bad.push(blip); // opens and clears inside an outage
  return bad;
}
const outage = new Set([200, 201, 250, 251]);

function simulateWeek(reminderHours: number): { delivered: Alert[]; failed: number; state: IncidentState } {
  let state = emptyIncidentState(START);
  const delivered: Alert[] = [];
  let failed = 0;
  for (let run = 0; run < 7 * 48; run++) {
    const now = START + run * HALF_HOUR;
    const planned = planAlerts(state, { findings: scenario(run), scope }, { now, reminderHours });
    state = planned.state;
    for (const alert of planned.alerts) {
      const ok = !outage.has(run);
      state = recordDelivery(state, alert, ok ? { ok, at: now } : { ok, at: now, error: "Cannot reach Slack" });
      if (ok) delivered.push(alert);
      else failed += 1;
    }
  }
  return { delivered, failed, state };
}

function tally(alerts: Alert[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of alerts) (out[a.incident.key] ??= []).push(a.kind);
  return out;
}

describe("planAlerts() over a simulated week of health runs every 30 minutes", () => {
  const { delivered, failed, state } = simulateWeek(4);

  test("planAlerts() sends one alert for five failing runs and one recovery on the sixth green run", () => {
    assert.deepEqual(tally(delivered)[syncFailed.key], ["opened", "resolved"]);
  });
  test("planAlerts() reminds after the quiet period and escalates at once when severity rises", () => {
    assert.deepEqual(tally(delivered)[dbtStale.key], ["opened", "reminder", "reminder", "escalated", "resolved"]);
    assert.deepEqual(tally(delivered)[drift.key], ["opened", "reminder", "reminder", "reminder", "reminder", "reminder", "resolved"]);
  });
  test("planAlerts() retries an opening Slack did not take, and stays quiet about incidents never announced", () => {
    assert.deepEqual(tally(delivered)[empty.key], ["opened", "resolved"]);
    assert.equal(tally(delivered)[blip.key], undefined);
    assert.equal(failed, 3, "empty_sync opened twice during the outage, the blip once");
  });
  test("planAlerts() sends 16 messages in the week: one per incident, plus reminders, plus one recovery each", () => {
    assert.equal(delivered.length, 16);
    assert.equal(delivered.filter((a) => a.kind === "opened").length, 4);
    assert.equal(delivered.filter((a) => a.kind === "resolved").length, 4);
  });
  test("planAlerts() leaves no open incident and forgets resolved ones after a week", () => {
    assert.equal(state.incidents.filter((i) => i.status === "open").length, 0);
    assert.equal(state.incidents.length, 5, "resolved incidents are kept for a week");
    const later = planAlerts(state, { findings: [], scope }, { now: START + 14 * 24 * 3_600_000 });
    assert.deepEqual([later.state.incidents.length, later.alerts.length], [0, 0]);
  });
  test("planAlerts() never reminds when reminder_hours is 0", () => {
    assert.equal(simulateWeek(0).delivered.filter((a) => a.kind === "reminder").length, 0);
  });
});

describe("planAlerts() details", () => {
  const now = START;
  test("planAlerts() keeps the first since and counts bad runs", () => {
    let { state } = planAlerts(emptyIncidentState(now), { findings: [syncFailed], scope }, { now });
    ({ state } = planAlerts(state, { findings: [{ ...syncFailed, since: "2026-11-16T05:00:00.000Z" }], scope }, { now: now + HALF_HOUR }));
    assert.equal(state.incidents[0]?.since, syncFailed.since);
    assert.equal(state.incidents[0]?.bad_runs, 2);
  });
  test("planAlerts() does not resolve incidents of tenants the run did not check", () => {
    const opened = planAlerts(emptyIncidentState(now), { findings: [drift], scope }, { now });
    const state = recordDelivery(opened.state, opened.alerts[0] as Alert, { ok: true, at: now });
    const next = planAlerts(state, { findings: [], scope: { ...scope, tenants: ["acme"] } }, { now: now + HALF_HOUR });
    assert.deepEqual(next.alerts, []);
    assert.equal(next.state.incidents[0]?.status, "open");
  });
  test("planAlerts() resolves an in-scope incident whose check disappeared", () => {
    const opened = planAlerts(emptyIncidentState(now), { findings: [syncFailed], scope }, { now });
    const state = recordDelivery(opened.state, opened.alerts[0] as Alert, { ok: true, at: now });
    assert.deepEqual(planAlerts(state, { findings: [], scope }, { now: now + HALF_HOUR }).alerts.map((a) => a.kind), ["resolved"]);
  });
  test("planAlerts() does not announce a downgrade from critical to warning", () => {
    const opened = planAlerts(emptyIncidentState(now), { findings: [dbtFailing], scope }, { now });
    const state = recordDelivery(opened.state, opened.alerts[0] as Alert, { ok: true, at: now });
    assert.deepEqual(planAlerts(state, { findings: [dbtStale], scope }, { now: now + HALF_HOUR }).alerts, []);
  });
  test("recordDelivery() records a failed delivery and keeps the message owed", () => {
    const opened = planAlerts(emptyIncidentState(now), { findings: [syncFailed], scope }, { now });
    const state = recordDelivery(opened.state, opened.alerts[0] as Alert, { ok: false, at: now, error: "Slack answered HTTP 500" });
    assert.equal(state.incidents[0]?.last_delivery_error?.message, "Slack answered HTTP 500");
    assert.deepEqual(planAlerts(state, { findings: [syncFailed], scope }, { now: now + HALF_HOUR }).alerts.map((a) => a.kind), ["opened"]);
  });
});
