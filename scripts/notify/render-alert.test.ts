import assert from "node:assert/strict";
import { test } from "node:test";
import { renderAlert, renderAlertDigest } from "./render-alert.ts";
import { fitSlackLimits, SLACK_LIMITS, type SlackMessage, truncate } from "./slack-message.ts";
import { makeIncident } from "./testing.ts";

const now = Date.UTC(2026, 10, 23, 17, 0);
const context = {
  now,
  runUrl: "https://github.com/acme/adops/actions/runs/7/attempts/1",
  runbookUrl: "https://github.com/acme/adops/blob/main/README.md#runbook",
};

function allText(message: SlackMessage): string {
  return JSON.stringify(message);
}

function assertWithinLimits(message: SlackMessage): void {
  assert.ok(message.text.length > 0 && message.text.length <= SLACK_LIMITS.text);
  assert.ok(message.blocks.length <= SLACK_LIMITS.blocks);
  for (const block of message.blocks) {
    if (block.type === "header") assert.ok(Array.from(block.text.text).length <= SLACK_LIMITS.headerText);
    if (block.type === "section") {
      if (block.text) assert.ok(Array.from(block.text.text).length <= SLACK_LIMITS.sectionText);
      assert.ok((block.fields ?? []).length <= SLACK_LIMITS.fields);
      for (const f of block.fields ?? []) assert.ok(Array.from(f.text).length <= SLACK_LIMITS.fieldText);
    }
    if (block.type === "context") assert.ok(block.elements.length <= SLACK_LIMITS.contextElements);
  }
}

test("renderAlert() puts severity, tenant, what, job failure, since and both links in the notification text", () => {
  const message = renderAlert({ kind: "opened", incident: makeIncident() }, context);
  assert.equal(
    message.text,
    "[CRITICAL] acme: Airbyte: sync failed — acme meta_metrics: Sync job 42 failed (source/config_error): Invalid OAuth token." +
      " Since 2026-11-23 15:05 UTC (1h 55m ago). Run: https://github.com/acme/adops/actions/runs/7/attempts/1" +
      " Runbook: https://github.com/acme/adops/blob/main/README.md#airbyte-sync-health",
  );
  assert.equal(message.blocks[0]?.type, "header");
  assert.match(allText(message), /Airbyte's message/);
  assert.match(allText(message), /source \/ config_error/);
  assertWithinLimits(message);
});

test("renderAlert() lists failing dbt nodes and routes to the tenant channel", () => {
  const incident = makeIncident({
    tenant: "*",
    check: "dbt_run",
    subject: "dbt",
    kind: "failing",
    summary: "2 dbt node(s) failing: model.adops.fct_a, test.adops.t",
    details: { failing_nodes: [{ unique_id: "model.adops.fct_a", status: "error", message: "Binder Error: column x" }, { unique_id: "test.adops.t", status: "fail", message: "Got 3 results" }] },
  });
  const message = renderAlert({ kind: "opened", incident }, { ...context, channel: "#bmc-data-alerts" });
  assert.equal(message.channel, "#bmc-data-alerts");
  assert.match(message.text, /^\[CRITICAL\] all tenants: dbt: dbt nodes failing/);
  assert.match(allText(message), /model\.adops\.fct_a` error: Binder Error/);
});

test("renderAlert() renders reminders, escalations and resolutions", () => {
  const incident = makeIncident();
  assert.match(renderAlert({ kind: "reminder", incident }, context).text, /^\[REMINDER: CRITICAL\]/);
  assert.match(renderAlert({ kind: "escalated", incident }, context).text, /^\[ESCALATED: CRITICAL\]/);
  const resolved = renderAlert({ kind: "resolved", incident: { ...incident, status: "resolved", resolved_at: "2026-11-23T17:00:00.000Z" } }, context);
  assert.match(resolved.text, /^\[RESOLVED\] acme: Airbyte: sync failed — acme meta_metrics: cleared after 1h 55m/);
  assert.match((resolved.blocks[0] as { text: { text: string } }).text.text, /^✅ RESOLVED/);
});

test("renderAlert() stays within Slack's limits whatever the input size", () => {
  const huge = "x".repeat(10_000);
  const incident = makeIncident({
    subject: `conn ${huge}`,
    summary: huge,
    details: {
      failure: { origin: "source", type: "system_error", message: huge },
      failing_nodes: Array.from({ length: 500 }, (_, i) => ({ unique_id: `model.adops.m${i}`, status: "error", message: huge })),
      failing_count: 900,
      missed_runs: Array.from({ length: 400 }, (_, i) => new Date(now - i * 3_600_000).toISOString()),
    },
  });
  const message = renderAlert({ kind: "opened", incident }, context);
  assertWithinLimits(message);
  assert.match(message.text, /…$/);
});

test("fitSlackLimits() keeps 50 blocks, the last saying how many were left out", () => {
  const message = fitSlackLimits({ text: "", blocks: Array.from({ length: 70 }, () => ({ type: "divider" as const })) });
  assert.equal(message.blocks.length, 50);
  assert.match(JSON.stringify(message.blocks[49]), /21 more block/);
  assert.equal(message.text, "adops alert");
  assert.equal(truncate("é".repeat(5), 3), "éé…");
});

test("renderAlertDigest() lists every subject within Slack's limits", () => {
  const alerts = Array.from({ length: 400 }, (_, i) => ({
    kind: "opened" as const,
    incident: makeIncident({ key: `t${i}/airbyte_sync/c${i}`, tenant: `tenant-${i}`, subject: `tenant-${i} meta_metrics`, kind: "check_failed", severity: "warning", summary: "Cannot read the job history: HTTP 503" }),
  }));
  const message = renderAlertDigest(alerts, context);
  assertWithinLimits(message);
  assert.match(message.text, /^\[WARNING\] 400 incidents opened: Airbyte: cannot read the job history — tenant-0 \/ tenant-0 meta_metrics/);
  assert.match((message.blocks[0] as { text: { text: string } }).text.text, /400 × Airbyte: cannot read the job history/);
});

test("renderAlert() links the tenant's page of the status site when a site URL is set", () => {
  const message = renderAlert({ kind: "opened", incident: makeIncident() }, { ...context, siteUrl: "https://acme.github.io/adops/" });
  assert.ok(message.text.endsWith(" Status: https://acme.github.io/adops/tenants/acme.html"), message.text);
  assert.match(allText(message), /<https:\/\/acme\.github\.io\/adops\/tenants\/acme\.html\|Status page: acme>/);
  const platform = renderAlert({ kind: "opened", incident: makeIncident({ tenant: "*" }) }, { ...context, siteUrl: "https://acme.github.io/adops" });
  assert.ok(platform.text.endsWith(" Status: https://acme.github.io/adops/index.html"), platform.text);
  assert.doesNotMatch(allText(renderAlert({ kind: "opened", incident: makeIncident() }, context)), /Status page/);
});

test("renderAlertDigest() links the overview when the alerts span several tenants", () => {
  const a = { kind: "opened" as const, incident: makeIncident() };
  const b = { kind: "opened" as const, incident: makeIncident({ key: "bmc/airbyte_sync/x", tenant: "bmc", subject: "x" }) };
  const message = renderAlertDigest([a, b], { ...context, siteUrl: "https://acme.github.io/adops" });
  assert.ok(message.text.endsWith(" Status: https://acme.github.io/adops/index.html"), message.text);
});
