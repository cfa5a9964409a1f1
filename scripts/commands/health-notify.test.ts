// adops health and adops notify end to end, in process: the shipped config, a
// fake Airbyte job history, a committed dbt report, the local Slack sink, a
// fake clock, and a canary value in every secret env var.
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { type AdopsConfig, loadConfig, nextFireTime, parseCron, type ResolvedConnection } from "../config/mod.ts";
import { intervalMinutes, type SyncJob } from "../health/mod.ts";
import { createFakeJobHistory, makeJob } from "../health/testing.ts";
import { createFakeClock, type FakeClock } from "../core/testing.ts";
import { parseCommandReport } from "../report/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { type SlackSink, startSlackSink } from "../standins/slack/mod.ts";
import { createHealthCommand } from "./health.ts";
import { createNotifyCommand } from "./notify.ts";

const CANARY = "cnry7f3a";
const M = 60_000;
const FAILING = "Acme Retail - Meta Incremental";

let dir = "";
let config: AdopsConfig;
let sink: SlackSink;
let env: Record<string, string>;
const output: string[] = [];

function historyOf(connection: ResolvedConnection, now: number, failing: boolean): SyncJob[] {
  const starts: number[] = [];
  if (connection.schedule.kind === "cron") {
    const cron = parseCron(connection.schedule.cron);
    for (let t = nextFireTime(cron, now - 30 * 60 * M, { timeZone: connection.schedule.timeZone }); t !== undefined && t <= now - 10 * M; t = nextFireTime(cron, t, { timeZone: connection.schedule.timeZone })) starts.push(t);
  } else {
    const step = intervalMinutes(connection.schedule) * M;
    for (let t = now - 30 * 60 * M; t <= now - 10 * M; t += step) starts.push(t);
  }
  const jobs = starts.map((t) => makeJob({ createdAt: t + 2 * M }));
  if (failing) {
    const last = jobs[jobs.length - 1] as SyncJob;
    jobs[jobs.length - 1] = {
      ...last,
      status: "failed",
      recordsCommitted: undefined,
      // Not an auth error (that would also be credential_expiring's, see scripts/notify/credential-incident.test.ts).
      failure: { origin: "source", type: "config_error", message: `Ad account is disabled (appsecret_proof of '${env.AIRBYTE_META_ACCESS_TOKEN}')` },
    };
  }
  return jobs;
}

async function cli(clock: FakeClock, argv: string[], failing: boolean) {
  const health = createHealthCommand({
    jobs: () => Promise.resolve(createFakeJobHistory(Object.fromEntries(config.tenants.flatMap((t) => t.connections.map((c) => [c.name, historyOf(c, clock.now(), failing && c.name === FAILING)]))))),
  });
  const run = await runCliForTest(argv, { cwd: dir, env, clock, commands: [health, createNotifyCommand()] });
  output.push(run.stdout, run.stderr, ...Object.values(run.appended));
  return run;
}

async function writeDbtReport(now: number): Promise<void> {
  const ended = new Date(now - 60 * M).toISOString();
  const report = {
    schema_version: 1, run_id: "dbt-1", command: "dbt", trigger: { kind: "schedule" },
    started_at: new Date(now - 80 * M).toISOString(), ended_at: ended, duration_seconds: 1200,
    inputs: { step_results: [{ id: "build", status: "ok" }, { id: "freshness", status: "ok" }] },
    exit_code: 0, status: "ok", summary: {},
    rows: [
      { step: "build", unique_id: "model.adops.fct_ad_performance", resource_type: "model", status: "success", message: "OK" },
      { step: "freshness", unique_id: "source.adops.meta.ads_insights", resource_type: "source", status: "pass", message: `max_loaded_at ${new Date(now - 70 * M).toISOString()} (1 h ago)` },
    ],
  };
  await mkdir(join(dir, "out/latest"), { recursive: true });
  await writeFile(join(dir, "out/latest/dbt.json"), JSON.stringify(report));
}

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name), "utf8"));
  }
  return out;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-health-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
  const loaded = await loadConfig(createNodeFiles(dir), "config", { env: {} });
  assert.ok(loaded.ok);
  config = loaded.config;
  sink = await startSlackSink();
  env = { ADOPS_REPORT_DIR: "out", GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: "acme/adops", GITHUB_RUN_ID: "99", GITHUB_RUN_ATTEMPT: "1", GITHUB_EVENT_NAME: "schedule", GITHUB_STEP_SUMMARY: "summary.md" };
  const secretNames = new Set([...config.secretEnvNames, "AIRBYTE_API_TOKEN", "AIRBYTE_API_AUTH_HEADER", "AIRBYTE_CLIENT_SECRET", "GITHUB_TOKEN"]);
  for (const name of secretNames) env[name] = `${CANARY}-${name.toLowerCase()}`;
  env.SLACK_WEBHOOK_URL = sink.webhookUrl(`T01/B01/${CANARY}-webhook`);
});
after(async () => {
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

describe("adops health + adops notify", () => {
  // 12:00 in America/Jamaica, Monday 23 November 2026.
  const clock = createFakeClock({ start: Date.UTC(2026, 10, 23, 17, 0) });

  it("reports degraded (exit 2) with the failing connection, its Airbyte message redacted", async () => {
    await writeDbtReport(clock.now());
    const run = await cli(clock, ["health", "--problems-only", "--output", "out/health-document.json"], true);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stdout, /✗ acme-retail\s+airbyte_sync\s+Acme Retail - Meta Incremental\s+sync_failed/);
    assert.match(run.stdout, /Ad account is disabled \(appsecret_proof of '\*\*\*'\)/);
    assert.match(run.stdout, /Health: DEGRADED/);
    const doc = JSON.parse(await readFile(join(dir, "out/health-document.json"), "utf8"));
    assert.equal(doc.status, "degraded");
    assert.equal(doc.tenants.find((t: { tenant: string }) => t.tenant === "acme-retail").status, "degraded");
    assert.equal(run.result?.outputs?.status, "degraded");
    const typed = parseCommandReport(await readFile(join(dir, run.result?.outputs?.run_report_path ?? ""), "utf8"));
    assert.ok(typed.ok && typed.value.command === "health", `the health report reads back with the health row schema: ${JSON.stringify(typed)}`);
    assert.equal(typed.value.rows.find((r) => r.status === "sync_failed")?.subject, FAILING);
    assert.match(run.appended["summary.md"] ?? "", /health/);
  });

  it("sends one opening message with the phone text, the run link and the runbook section", async () => {
    const run = await cli(clock, ["notify"], false);
    assert.equal(run.exitCode, 0, run.stderr);
    const payloads = sink.delivered() as { text: string; blocks: unknown[]; channel?: string }[];
    assert.equal(payloads.length, 1);
    assert.match(payloads[0]?.text ?? "", /^\[CRITICAL\] acme-retail: Airbyte: sync failed — Acme Retail - Meta Incremental: Sync job \d+ failed \(source\/config_error\)/);
    assert.match(payloads[0]?.text ?? "", /Run: https:\/\/github\.com\/acme\/adops\/actions\/runs\/99\/attempts\/1 Runbook: .*#airbyte-sync-health/);
    assert.equal(payloads[0]?.channel, "#adinsights-alerts");
    const state = JSON.parse(await readFile(join(dir, "out/state/incidents.json"), "utf8"));
    assert.equal(state.incidents.length, 1);
    assert.equal(state.incidents[0].notified.kind, "opened");
    const typed = parseCommandReport(await readFile(join(dir, run.result?.outputs?.run_report_path ?? ""), "utf8"));
    assert.ok(typed.ok && typed.value.command === "notify", `the notify report reads back with the notify row schema: ${JSON.stringify(typed)}`);
    assert.deepEqual(typed.value.rows.map((r) => [r.alert, r.status]), [["opened", "delivered"]]);
  });

  it("stays quiet while the incident is still open within the quiet period", async () => {
    await clock.advance(30 * M);
    assert.equal((await cli(clock, ["health"], true)).exitCode, 2);
    const run = await cli(clock, ["notify", "--dry-run"], false);
    assert.match(run.stdout, /No Slack message is owed/);
    assert.equal((await cli(clock, ["notify"], false)).result?.outputs?.alerts, "0");
    assert.equal(sink.delivered().length, 1);
  });

  it("sends one recovery message when the connection is healthy again, exit 0", async () => {
    await clock.advance(30 * M);
    const health = await cli(clock, ["health"], false);
    assert.equal(health.exitCode, 0, health.stdout);
    const dry = await cli(clock, ["notify", "--dry-run", "--json"], false);
    assert.match(dry.stdout, /"dry_run": true/);
    assert.match(dry.stderr, /# resolved acme-retail\/airbyte_sync\/Acme Retail - Meta Incremental -> SLACK_WEBHOOK_URL/);
    assert.equal(sink.delivered().length, 1, "a dry run sends nothing");
    await cli(clock, ["notify"], false);
    const payloads = sink.delivered() as { text: string }[];
    assert.equal(payloads.length, 2);
    assert.match(payloads[1]?.text ?? "", /^\[RESOLVED\] acme-retail: Airbyte: sync failed/);
  });

  it("records a Slack outage without failing, and delivers the owed message once Slack is back", async () => {
    await clock.advance(30 * M);
    await cli(clock, ["health"], true);
    sink.setOutage(true);
    const down = await cli(clock, ["notify"], false);
    sink.setOutage(false);
    assert.equal(down.exitCode, 0);
    assert.equal(down.result?.outputs?.not_delivered, "1");
    assert.match(down.stderr, /not delivered: Cannot reach Slack/);
    const state = JSON.parse(await readFile(join(dir, "out/state/incidents.json"), "utf8"));
    assert.match(state.incidents.find((i: { status: string }) => i.status === "open").last_delivery_error.message, /Cannot reach Slack/);
    await cli(clock, ["notify"], false);
    assert.equal(sink.delivered().length, 3);
  });

  it("never lets a secret canary into output, job summaries, reports, state or Slack payloads", async () => {
    const written = await filesUnder(join(dir, "out"));
    assert.ok(written.length >= 5);
    const payloads = sink.requests.map((r) => JSON.stringify(r.payload));
    for (const text of [...output, ...written, ...payloads]) assert.ok(!text.includes(CANARY), `canary leaked: ${text.slice(Math.max(0, text.indexOf(CANARY) - 80), text.indexOf(CANARY) + 40)}`);
    assert.ok(sink.requests.some((r) => r.path.includes(CANARY)), "the webhook URL itself did carry the canary");
  });
});

describe("adops health after a selective dbt run", () => {
  it("judges source freshness from the newest dbt run that checked it, not from a later selective build", async () => {
    const clock = createFakeClock({ start: Date.UTC(2026, 10, 23, 17, 0) });
    const now = clock.now();
    const base = { schema_version: 1, command: "dbt", trigger: { kind: "local" }, duration_seconds: 60, exit_code: 0, status: "ok", summary: {} };
    const selective = {
      ...base, run_id: "dbt-selective", started_at: new Date(now - 10 * M).toISOString(), ended_at: new Date(now - 9 * M).toISOString(),
      inputs: { step_results: [{ id: "build", status: "ok" }] },
      rows: [{ step: "build", unique_id: "model.adops.stg_meta__campaign_stats", resource_type: "model", status: "success", message: "OK" }],
    };
    const nightly = {
      ...base, run_id: "dbt-nightly", started_at: new Date(now - 5 * 60 * M).toISOString(), ended_at: new Date(now - 299 * M).toISOString(),
      inputs: { step_results: [{ id: "build", status: "ok" }, { id: "freshness", status: "ok" }] },
      rows: [{ step: "freshness", unique_id: "source.adops.google_ads.campaign_performance", resource_type: "source", status: "error", message: `max_loaded_at ${new Date(now - 30 * 60 * M).toISOString()} (30 h ago)` }],
    };
    await mkdir(join(dir, "out/latest"), { recursive: true });
    await writeFile(join(dir, "out/latest/dbt.json"), JSON.stringify(selective));
    await writeFile(join(dir, "out/latest/dbt-source-freshness.json"), JSON.stringify(nightly));
    const run = await cli(clock, ["health", "--json"], false);
    const text = run.stdout;
    assert.doesNotMatch(text, /did not check source freshness/);
    assert.match(text, /source\.adops\.google_ads\.campaign_performance/);
  });

  it("judges the staging rows from the newest dbt run that counted them, a drop to zero a critical volume_anomaly", async () => {
    const clock = createFakeClock({ start: Date.UTC(2026, 10, 23, 17, 0) });
    const now = clock.now();
    const base = { schema_version: 1, command: "dbt", trigger: { kind: "local" }, duration_seconds: 60, exit_code: 0, status: "ok", summary: {}, inputs: { step_results: [{ id: "build", status: "ok" }] } };
    const marts = { ...base, run_id: "dbt-marts", started_at: new Date(now - 10 * M).toISOString(), ended_at: new Date(now - 9 * M).toISOString(), rows: [{ step: "build", unique_id: "model.adops.fct_campaign_performance", resource_type: "model", status: "success", message: "OK" }] };
    // 2026-09-27 .. 2026-11-22 (57 days, yesterday in Kingston at the run): steady, then nothing yesterday.
    const source_rows = Array.from({ length: 57 }, (_, i) => (i === 56 ? 0 : 500 + (i % 7) * 20));
    const staging = {
      ...base, run_id: "dbt-staging", started_at: new Date(now - 40 * M).toISOString(), ended_at: new Date(now - 30 * M).toISOString(),
      rows: [{ step: "build", unique_id: "model.adops.stg_meta__campaign_stats", resource_type: "model", status: "success", message: "OK" }],
      staging_volume: { model: "int_campaign_stats_unioned", since: "2026-09-27", series: [{ tenant: "acme-retail", platform: "meta", from: "2026-09-27", source_rows, campaign_days: source_rows.map(() => 5) }] },
    };
    await writeFile(join(dir, "out/latest/dbt.json"), JSON.stringify(marts));
    await writeFile(join(dir, "out/latest/dbt-staging-volume.json"), JSON.stringify(staging));
    const run = await cli(clock, ["health"], false);
    const typed = parseCommandReport(await readFile(join(dir, run.result?.outputs?.run_report_path ?? ""), "utf8"));
    assert.ok(typed.ok && typed.value.command === "health");
    const row = typed.value.rows.find((c) => c.tenant === "acme-retail" && c.subject === "dbt:meta staging rows");
    assert.equal(row?.check, "volume_anomaly");
    assert.equal(row?.status, "volume_zero");
    assert.equal(row?.severity, "critical");
    assert.match(row?.message ?? "", /counted 0 raw rows on 2026-11-22/);
  });
});
