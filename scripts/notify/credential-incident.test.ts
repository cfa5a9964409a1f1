// A credential's life through the real health evaluation and the real notify
// planning, over successive health runs: one incident when the rotation date
// passes the policy's warning line, reminders, escalation when it expires, and
// the resolved message once the secret changes (a new fingerprint, a new rotated_at).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RunReport } from "../../schemas/report.ts";
import type { RotationRecord } from "../../schemas/secret-fingerprints.ts";
import { makeConfig, makeConnection, makePlatformConfig, makeTenant } from "../config/testing.ts";
import { allChecks, collectHealth } from "../health/mod.ts";
import { createFakeDbtArtifacts, createFakeJobHistory } from "../health/testing.ts";
import type { IncidentState } from "../../schemas/incident.ts";
import { emptyIncidentState } from "./plan-alerts.ts";
import { runNotify } from "./run-notify.ts";
import type { SlackMessage } from "./slack-message.ts";
import type { SlackSender } from "./slack-sender.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const KEY = "adops:acme-retail:meta_metrics";
const FIELD = "credentials.access_token";
const ROTATED = Date.UTC(2026, 9, 3, 12);

const config = makeConfig({
  platform: makePlatformConfig({ credentials: { meta: { [FIELD]: { kind: "fixed_lifetime", days: 60, warn_days: 14 } } } }),
  tenants: [makeTenant({ slug: "acme-retail", connections: [makeConnection({ tenant: "acme-retail", name: "Acme Meta", platform: "meta", managedKey: KEY, secretEnv: { [FIELD]: "AIRBYTE_META_ACCESS_TOKEN" } })] })],
});

function rotatedOn(at: number): RotationRecord {
  return { [KEY]: { [FIELD]: { rotated_at: new Date(at).toISOString(), first_seen_at: new Date(ROTATED).toISOString() } } };
}

/** One `adops health` run's report, with its credential rows (the other checks are another test's business). */
async function healthRun(now: number, rotations: RotationRecord): Promise<RunReport> {
  const doc = await collectHealth(config, { jobs: createFakeJobHistory({}), dbt: createFakeDbtArtifacts({}) }, { now, credentials: { rotations } });
  const at = new Date(now).toISOString();
  return {
    schema_version: 1, run_id: `h-${now}`, command: "health", trigger: { kind: "schedule" }, started_at: at, ended_at: at, duration_seconds: 1,
    inputs: { tenants: [] }, exit_code: 0, status: "ok", summary: {}, rows: allChecks(doc).filter((c) => c.check === "credential_expiring").map((c) => ({ ...c })),
  };
}

function recordingSender(): SlackSender & { sent: SlackMessage[] } {
  const sent: SlackMessage[] = [];
  return {
    sent,
    send(_url, message) {
      sent.push(message);
      return Promise.resolve({ ok: true, attempts: 1, status: 200, error: undefined, waitedMs: 0 });
    },
  };
}

test("a credential past its warning line opens exactly one incident across health runs, is reminded, escalates when expired and resolves when the secret changes", async () => {
  const sender = recordingSender();
  const route = () => ({ webhookEnv: "SLACK_WEBHOOK_URL", webhookUrl: "http://127.0.0.1:1/hook", channel: undefined });
  let state: IncidentState = emptyIncidentState(ROTATED);
  const kinds: string[][] = [];
  async function step(now: number, rotations: RotationRecord): Promise<void> {
    const out = await runNotify({ reports: [await healthRun(now, rotations)], state, now: () => now, reminderHours: 4, route, sender, links: {} });
    state = out.state;
    kinds.push(out.deliveries.map((d) => d.alert));
  }
  const old = rotatedOn(ROTATED);
  await step(ROTATED + 40 * DAY, old); // 20 days left: ok
  await step(ROTATED + 47 * DAY, old); // 13 days left: past the warning line
  for (let h = 1; h <= 3; h += 1) await step(ROTATED + 47 * DAY + h * 30 * 60_000, old); // every 30 minutes, inside the quiet period
  await step(ROTATED + 47 * DAY + 5 * HOUR, old); // past the 4-hour quiet period
  await step(ROTATED + 61 * DAY, old); // expired
  await step(ROTATED + 61 * DAY + 2 * HOUR, rotatedOn(ROTATED + 61 * DAY + HOUR)); // rotated: adops provision recorded a new fingerprint
  await step(ROTATED + 61 * DAY + 3 * HOUR, rotatedOn(ROTATED + 61 * DAY + HOUR));

  assert.deepEqual(kinds, [[], ["opened"], [], [], [], ["reminder"], ["escalated"], ["resolved"], []]);
  assert.equal(state.incidents.length, 1, "one incident, not one per health run");
  const [incident] = state.incidents;
  assert.equal(incident?.key, "acme-retail/credential_expiring/meta:credentials.access_token");
  assert.equal(incident?.status, "resolved");
  assert.match(sender.sent[0]?.text ?? "", /Meta access_token of acme-retail expires in 13 days \(rotated 2026-10-03, policy: 60 days\)/);
  assert.match(JSON.stringify(sender.sent[0]), /expiring-credentials/);
  assert.match(sender.sent[2]?.text ?? "", /^\[ESCALATED: CRITICAL\] acme-retail: .*expired 1 day ago/);
  assert.match(sender.sent[3]?.text ?? "", /^\[RESOLVED\]/);
});
