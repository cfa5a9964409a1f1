import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { parseCommandReport } from "../report/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { createFakeSyncApi, type FakeSyncApi } from "../sync/testing.ts";
import { createSyncCommand } from "./sync.ts";

let dir = "";
let config: AdopsConfig;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-sync-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
  const loaded = await loadConfig(createNodeFiles(dir), "config", { env: {} });
  assert.ok(loaded.ok);
  config = loaded.config;
});
after(() => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[], options: { setup?: (api: FakeSyncApi) => void; interruptAfterMs?: number } = {}) {
  // 12:45 in America/Jamaica.
  const clock = createFakeClock({ start: Date.UTC(2026, 10, 23, 17, 45) });
  const api = createFakeSyncApi({
    clock,
    connections: config.tenants.flatMap((t) =>
      t.connections.map((c, i) => ({ workspaceId: t.workspaceId, connectionId: c.connectionId ?? `${t.slug}-${i}`, name: `${c.name} [${c.managedKey}]`, status: "active" as const, managedKey: c.managedKey }))
    ),
  });
  options.setup?.(api);
  const controller = new AbortController();
  const command = createSyncCommand({
    api: () => {
      if (options.interruptAfterMs !== undefined) void clock.sleep(options.interruptAfterMs).then(() => controller.abort());
      return api;
    },
    random: () => 0.5,
  });
  const run = await runCliForTest(["sync", ...argv], { cwd: dir, env: { ADOPS_REPORT_DIR: "out" }, clock, signal: controller.signal, commands: [command] });
  return { ...run, api };
}

describe("adops sync", () => {
  it("syncs one tenant, prints the JSON summary and writes the run report with one row per connection", async () => {
    const r = await cli(["--tenant", "acme-retail", "--json"]);
    assert.equal(r.exitCode, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const acme = config.tenants.find((t) => t.slug === "acme-retail");
    assert.equal(json.rows.length, acme?.connections.length);
    assert.ok(json.rows.every((row: { tenant: string; status: string }) => row.tenant === "acme-retail" && row.status === "succeeded"));
    const text = await readFile(join(dir, json.report_path), "utf8");
    const report = JSON.parse(text);
    assert.equal(report.command, "sync");
    const typed = parseCommandReport(text);
    assert.ok(typed.ok && typed.value.command === "sync", `the sync report reads back with the sync row schema: ${JSON.stringify(typed)}`);
    assert.equal(report.exit_code, 0);
    assert.deepEqual(report.rows, json.rows);
    assert.equal(report.inputs.tenant, "acme-retail");
    assert.equal(r.result?.outputs?.synced, String(json.rows.length));
    assert.equal(r.result?.outputs?.failed, "0");
    assert.equal(r.result?.outputs?.report_path, json.report_path);
  });

  it("lists what would run with --dry-run and triggers nothing", async () => {
    const r = await cli(["--dry-run", "--platform", "meta"]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.api.calls.triggerSync, 0);
    assert.match(r.stdout, /dry_run\s+would_run/);
    assert.match(r.stdout, /would run/);
  });

  it("writes structured JSON logs with tenant, connection, job, provider and correlation ids", async () => {
    const r = await cli(["--tenant", "acme-retail", "--connection", "meta_metrics", "--log-format", "json"]);
    assert.equal(r.exitCode, 0, r.stderr);
    const lines = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = lines.find((l) => String(l.msg).startsWith("Started job"));
    assert.ok(started !== undefined);
    for (const key of ["tenant_id", "connection_id", "job_id", "correlation_id", "provider"]) assert.ok(started[key] !== undefined, key);
    assert.equal(started.provider, "meta");
  });

  it("exits 2 when some connections fail and 3 when all do", async () => {
    const some = await cli(["--tenant", "acme-retail", "--json"], {
      setup: (api) => {
        api.script("acme-retail-0", { result: "failed", durationMs: 5_000, failure: { type: "config_error", message: "Bad token" } });
      },
    });
    assert.equal(some.exitCode, 2, some.stderr);
    const all = await cli(["--tenant", "acme-retail", "--json"], {
      setup: (api) => {
        const count = config.tenants.find((t) => t.slug === "acme-retail")?.connections.length ?? 0;
        for (let i = 0; i < count; i++) api.script(`acme-retail-${i}`, { result: "failed", durationMs: 5_000, failure: { type: "config_error" } });
      },
    });
    assert.equal(all.exitCode, 3, all.stderr);
  });

  it("stops on interrupt, still writes the report and exits 130", async () => {
    const r = await cli(["--json"], { interruptAfterMs: 30_000 });
    assert.equal(r.exitCode, 130);
    const json = JSON.parse(r.stdout);
    assert.equal(json.interrupted, true);
    const report = JSON.parse(await readFile(join(dir, json.report_path), "utf8"));
    assert.equal(report.status, "interrupted");
    assert.equal(report.rows.length, config.tenants.reduce((n, t) => n + t.connections.length, 0));
    assert.equal(r.api.calls.cancelJob, 0);
  });

  it("rejects an unknown tenant and a bad --concurrency with exit 1", async () => {
    assert.equal((await cli(["--tenant", "nobody"])).exitCode, 1);
    assert.equal((await cli(["--concurrency", "0"])).exitCode, 1);
  });
});
