import assert from "node:assert/strict";
import { test } from "node:test";
import type { RunReport } from "../../schemas/report.ts";
import { emptyIncidentState } from "./plan-alerts.ts";
import { runNotify } from "./run-notify.ts";
import type { SlackMessage } from "./slack-message.ts";
import type { SlackSender } from "./slack-sender.ts";

const now = Date.UTC(2026, 10, 23, 17);
function healthReport(rows: Record<string, unknown>[]): RunReport {
  return {
    schema_version: 1, run_id: "h1", command: "health", trigger: { kind: "schedule" },
    started_at: new Date(now).toISOString(), ended_at: new Date(now).toISOString(), duration_seconds: 1,
    inputs: { tenants: [] }, exit_code: 2, status: "partial", summary: {}, rows,
  };
}
function row(tenant: string, subject: string, status: string, severity: string): Record<string, unknown> {
  return { tenant, check: "airbyte_sync", subject, status, severity, message: `${subject}: ${status}`, since: null, runbook: "airbyte-sync-health", details: {} };
}
function recordingSender(ok = true): SlackSender & { sent: SlackMessage[] } {
  const sent: SlackMessage[] = [];
  return {
    sent,
    send(_url, message) {
      sent.push(message);
      return Promise.resolve({ ok, attempts: 1, status: ok ? 200 : 500, error: ok ? undefined : "Slack answered HTTP 500", waitedMs: 0 });
    },
  };
}
const route = () => ({ webhookEnv: "SLACK_WEBHOOK_URL", webhookUrl: "http://127.0.0.1:1/hook", channel: undefined });

test("runNotify() sends one digest when an Airbyte outage fails every connection's check, and records every incident", async () => {
  const rows = ["a", "b", "c", "d"].map((t) => row(t, `${t} meta`, "check_failed", "warning"));
  rows.push(row("e", "e meta", "sync_failed", "critical"));
  const sender = recordingSender();
  const out = await runNotify({ reports: [healthReport(rows)], state: emptyIncidentState(now), now: () => now, reminderHours: 4, route, sender, links: {} });
  assert.equal(sender.sent.length, 2);
  assert.match(sender.sent[0]?.text ?? "", /^\[WARNING\] 4 incidents opened: Airbyte: cannot read the job history — a \/ a meta, b \/ b meta, c \/ c meta, … \(\+1 more\)/);
  assert.match(sender.sent[1]?.text ?? "", /^\[CRITICAL\] e: Airbyte: sync failed/);
  assert.deepEqual(out.deliveries.map((d) => [d.key, d.status, d.grouped]), [
    ["a/airbyte_sync/a meta", "delivered", 4], ["b/airbyte_sync/b meta", "delivered", 4], ["c/airbyte_sync/c meta", "delivered", 4], ["d/airbyte_sync/d meta", "delivered", 4],
    ["e/airbyte_sync/e meta", "delivered", 1],
  ]);
  assert.ok(out.state.incidents.every((i) => i.notified?.kind === "opened"));
});

test("runNotify() keeps alerts owed when the webhook is not configured or Slack fails, and a dry run records nothing", async () => {
  const report = healthReport([row("a", "a meta", "stale", "warning")]);
  const unset = await runNotify({ reports: [report], state: emptyIncidentState(now), now: () => now, reminderHours: 4, route: () => ({ ...route(), webhookUrl: undefined }), sender: recordingSender(), links: {} });
  assert.equal(unset.deliveries[0]?.status, "not_configured");
  assert.equal(unset.state.incidents[0]?.last_delivery_error?.message, "Env var 'SLACK_WEBHOOK_URL' is not set");
  const failed = await runNotify({ reports: [report], state: unset.state, now: () => now + 1, reminderHours: 4, route, sender: recordingSender(false), links: {} });
  assert.deepEqual([failed.deliveries[0]?.alert, failed.deliveries[0]?.status], ["opened", "failed"]);
  const dry = await runNotify({ reports: [report], state: failed.state, now: () => now + 2, reminderHours: 4, route, sender: undefined, links: {} });
  assert.equal(dry.deliveries[0]?.status, "dry_run");
  assert.equal(dry.state.incidents[0]?.notified, undefined);
  assert.equal(dry.messages.length, 1);
});

test("runNotify() redacts secrets before a message is cut", async () => {
  const secret = "xoxb-very-secret-token";
  const report = healthReport([{ ...row("a", "a meta", "sync_failed", "critical"), details: { failure: { origin: "source", type: "config_error", message: `${"y".repeat(2895)} ${secret}` } } }]);
  const sender = recordingSender();
  await runNotify({ reports: [report], state: emptyIncidentState(now), now: () => now, reminderHours: 4, route, sender, links: {}, redact: (t) => t.split(secret).join("***") });
  const payload = JSON.stringify(sender.sent[0]);
  assert.ok(!payload.includes("xoxb"), "no part of the secret survives");
});
