import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConfig, makePlatformConfig, makeTenant } from "../config/testing.ts";
import { parseIncidentState, serializeIncidentState } from "./incident-state-file.ts";
import { emptyIncidentState } from "./plan-alerts.ts";
import { routeAlert } from "./route-alert.ts";
import { makeIncident } from "./testing.ts";

const config = makeConfig({
  platform: makePlatformConfig({ slack: { webhook_env: "ONCALL_SLACK_WEBHOOK", channel: "#oncall" } }),
  tenants: [makeTenant({ slug: "acme" }), makeTenant({ slug: "bmc", slackWebhookEnv: "BMC_SLACK_WEBHOOK", slackChannel: "#bmc-data-alerts" })],
});
const env = { ONCALL_SLACK_WEBHOOK: "http://127.0.0.1:9/oncall", BMC_SLACK_WEBHOOK: " http://127.0.0.1:9/bmc " };

test("routeAlert() sends a tenant's incidents to its own webhook and channel", () => {
  assert.deepEqual(routeAlert({ tenant: "bmc" }, { config, env }), { webhookEnv: "BMC_SLACK_WEBHOOK", webhookUrl: "http://127.0.0.1:9/bmc", channel: "#bmc-data-alerts" });
});

test("routeAlert() uses the platform's webhook for other tenants and platform-wide incidents", () => {
  assert.deepEqual(routeAlert({ tenant: "acme" }, { config, env }), { webhookEnv: "ONCALL_SLACK_WEBHOOK", webhookUrl: "http://127.0.0.1:9/oncall", channel: "#oncall" });
  assert.equal(routeAlert({ tenant: "*" }, { config, env }).webhookEnv, "ONCALL_SLACK_WEBHOOK");
});

test("routeAlert() falls back to SLACK_WEBHOOK_URL and reports an unset variable as undefined", () => {
  const route = routeAlert({ tenant: "acme" }, { config: makeConfig(), env: { SLACK_WEBHOOK_URL: "" } });
  assert.deepEqual(route, { webhookEnv: "SLACK_WEBHOOK_URL", webhookUrl: undefined, channel: undefined });
});

test("routeAlert() inside GitHub Actions refuses a variable that does not hold a Slack webhook URL, without quoting it", () => {
  const renamed = makeConfig({ platform: makePlatformConfig({ slack: { webhook_env: "AIRBYTE_API_TOKEN" } }) });
  const secret = "canary-token-9f8e7d";
  const route = routeAlert({ tenant: "acme" }, { config: renamed, env: { GITHUB_ACTIONS: "true", AIRBYTE_API_TOKEN: secret } });
  assert.equal(route.webhookUrl, undefined);
  assert.match(route.refused ?? "", /Env var 'AIRBYTE_API_TOKEN' does not hold a Slack incoming-webhook URL/);
  assert.ok(!JSON.stringify(route).includes(secret));
  const other = routeAlert({ tenant: "acme" }, { config: makeConfig(), env: { GITHUB_ACTIONS: "true", SLACK_WEBHOOK_URL: "https://evil.example/collect" } });
  assert.equal(other.webhookUrl, undefined);
  const real = routeAlert({ tenant: "acme" }, { config: makeConfig(), env: { GITHUB_ACTIONS: "true", SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/x" } });
  assert.equal(real.webhookUrl, "https://hooks.slack.com/services/T0/B0/x");
  // Locally the stand-in's loopback URL is fine.
  assert.equal(routeAlert({ tenant: "acme" }, { config: makeConfig(), env: { SLACK_WEBHOOK_URL: "http://127.0.0.1:9/x" } }).webhookUrl, "http://127.0.0.1:9/x");
});

test("parseIncidentState() round-trips the state and starts empty from a broken file, saying why", () => {
  const state = { ...emptyIncidentState(0), incidents: [makeIncident()] };
  assert.deepEqual(parseIncidentState(serializeIncidentState(state), 0), { state, problem: undefined });
  const broken = parseIncidentState(JSON.stringify({ schema_version: 1, updated_at: "x", incidents: [] }), 0);
  assert.equal(broken.state.incidents.length, 0);
  assert.match(broken.problem ?? "", /Cannot use the incident state: updated_at: /);
});
