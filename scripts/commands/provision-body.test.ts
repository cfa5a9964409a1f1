import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { loadConfig } from "../config/mod.ts";
import { copyShippedConfig } from "../config/testing.ts";
import { InterruptedError } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { provisionOutcome } from "./provision-body.ts";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-provision-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
});
after(() => rm(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("provisionOutcome()", () => {
  it("counts tenants that applied part of their changes as partial, not failed", () => {
    assert.equal(provisionOutcome(["partial", "partial", "partial"]), "partial");
    assert.equal(provisionOutcome(["ok", "failed"]), "partial");
    assert.equal(provisionOutcome(["failed", "failed"]), "failed");
    assert.equal(provisionOutcome(["ok"]), "ok");
  });
});

describe("adops plan and provision when Airbyte cannot be reached", () => {
  for (const command of ["plan", "provision"]) {
    it(`${command} still writes its run report, with the error, when the first call fails`, async () => {
      const reports = join(dir, `reports-${command}`);
      const env = { AIRBYTE_BASE_URL: `http://127.0.0.1:${await closedPort()}`, ADOPS_REPORT_DIR: reports, ADOPS_FINGERPRINT_KEY: "k".repeat(32) };
      const run = await runCliForTest([command], { cwd: dir, env, clock: createFakeClock({ autoAdvance: true }) });
      assert.equal(run.exitCode, 3, run.stderr);
      const report = JSON.parse(await readFile(join(reports, `latest/${command}.json`), "utf8")) as { status: string; exit_code: number; summary: { writes: number }; messages: string[] };
      assert.equal(report.status, "failed");
      assert.equal(report.exit_code, 3);
      assert.equal(report.summary.writes, 0);
      assert.match(report.messages[0] ?? "", /stopped before any write: Airbyte .* got no response/);
    });
  }
});

interface ProvisionReport {
  status: string;
  exit_code: number;
  summary: { writes: number };
  rows: { key: string; status?: string; writes?: number; steps?: string[] }[];
  messages: string[];
}

describe("adops provision interrupted by SIGTERM", () => {
  it("provision exits 130 and its report lists the writes made before the interrupt, the one in flight included", async () => {
    const loaded = await loadConfig(createNodeFiles(dir), "config", { env: {} });
    assert.ok(loaded.ok, "the shipped config loads");
    const controller = new AbortController();
    let created = 0;
    // Two tenants at once: SIGTERM arrives while the answer to the second sources/create is on its way back.
    const airbyte = await startLocalAirbyte({
      contractCheck: true,
      clock: createFakeClock(),
      seed: loaded.config,
      log: (line) => {
        if (line.includes("sources/create -> 200") && ++created === 2) controller.abort(new InterruptedError("Interrupted by SIGTERM"));
      },
    });
    try {
      const reports = join(dir, "reports-interrupted");
      const secrets = Object.fromEntries(loaded.config.secretEnvNames.map((name) => [name, `local-${name.toLowerCase()}`]));
      const env = { ...secrets, AIRBYTE_BASE_URL: airbyte.url, ADOPS_REPORT_DIR: reports, ADOPS_FINGERPRINT_KEY: "k".repeat(32) };
      const run = await runCliForTest(["provision", "--concurrency", "2"], { cwd: dir, env, clock: createFakeClock({ autoAdvance: true }), signal: controller.signal });
      assert.equal(run.exitCode, 130, run.stderr);
      const report = JSON.parse(await readFile(join(reports, "latest/provision.json"), "utf8")) as ProvisionReport;
      assert.equal(report.status, "interrupted");
      assert.equal(report.exit_code, 130);
      // Every write Airbyte applied is in the report, the in-flight sources/create too.
      assert.equal(airbyte.writes(), 2);
      assert.equal(report.summary.writes, 2);
      const written = report.rows.filter((r) => (r.writes ?? 0) > 0);
      assert.deepEqual(written.map((r) => [r.status, r.writes, r.steps?.[0]]), [["interrupted", 1, "source created"], ["interrupted", 1, "source created"]]);
      // Nothing started after the interrupt: no connection was created, every other row is skipped.
      assert.equal(airbyte.calls["connections/create"] ?? 0, 0);
      assert.ok(report.rows.filter((r) => (r.writes ?? 0) === 0).every((r) => r.status === "skipped"), JSON.stringify(report.rows.map((r) => [r.key, r.status])));
      assert.match(report.messages[0] ?? "", /^Interrupted: 2 write\(s\) made before the interrupt; 2 connection\(s\) stopped part-way/);
      // The next run picks up where it stopped: the two sources are updated in place, not created twice.
      const rerun = await runCliForTest(["provision"], { cwd: dir, env, clock: createFakeClock({ autoAdvance: true }) });
      assert.equal(rerun.exitCode, 0, rerun.stderr);
      const managed = Object.values(airbyte.state.sources).filter((x) => x.name.startsWith("adops:"));
      assert.equal(new Set(managed.map((x) => x.name)).size, managed.length);
      assert.equal(managed.length, report.rows.length);
    } finally {
      await airbyte.close();
      airbyte.assertContract();
    }
  });
});

describe("adops plan and provision on a config the connector refuses", () => {
  for (const command of ["plan", "provision"]) {
    it(`${command} exits 1 before any Airbyte call when a tenant value fails the connector's spec`, async () => {
      const copy = await copyShippedConfig();
      const requests: string[] = [];
      const server = createHttpServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        res.writeHead(500).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        await copy.edit("tenants/acme-retail.yml", 'meta: { account_id: "1029384756"', 'meta: { account_id: "act_1029384756"');
        const port = (server.address() as { port: number }).port;
        const env = { AIRBYTE_BASE_URL: `http://127.0.0.1:${port}`, ADOPS_REPORT_DIR: join(copy.dir, "reports"), ADOPS_FINGERPRINT_KEY: "k".repeat(32) };
        const run = await runCliForTest([command], { cwd: copy.dir, env, clock: createFakeClock({ autoAdvance: true }) });
        assert.equal(run.exitCode, 1, run.stderr);
        assert.match(run.stderr, /config\/tenants\/acme-retail\.yml:\d+:\d+: error: Tenant 'acme-retail' .*'account_ids\[0\]' is 'act_1029384756', which does not match the connector's pattern/);
        assert.deepEqual(requests, [], "nothing was sent to Airbyte");
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await copy.remove();
      }
    });
  }
});

describe("adops provision records when each secret was rotated", () => {
  it("provision sets rotated_at when a secret's fingerprint changes, keeps it when unchanged, dates an old file's fingerprints as estimated, and never writes a value", async () => {
    const loaded = await loadConfig(createNodeFiles(dir), "config", { env: {} });
    assert.ok(loaded.ok, "the shipped config loads");
    const airbyte = await startLocalAirbyte({ contractCheck: true, clock: createFakeClock(), seed: loaded.config });
    try {
      const reports = join(dir, "reports-rotations");
      const store = join(reports, "state/airbyte-secret-fingerprints.json");
      const secrets = Object.fromEntries(loaded.config.secretEnvNames.map((name) => [name, `local-${name.toLowerCase()}-v1`]));
      const env = { ...secrets, AIRBYTE_BASE_URL: airbyte.url, ADOPS_REPORT_DIR: reports, ADOPS_FINGERPRINT_KEY: "k".repeat(32) };
      const day1 = Date.UTC(2026, 9, 3, 12);
      const first = await runCliForTest(["provision"], { cwd: dir, env, clock: createFakeClock({ start: day1 }) });
      assert.equal(first.exitCode, 0, first.stderr);
      type Store = { fingerprints: Record<string, Record<string, string>>; rotations: Record<string, Record<string, { rotated_at: string; first_seen_at: string; estimated?: boolean }>> };
      const read = async () => JSON.parse(await readFile(store, "utf8")) as Store;
      const meta = "adops:acme-retail:meta_metrics";
      const google = "adops:acme-retail:google_metrics";
      const v1 = await read();
      assert.deepEqual(v1.rotations[meta]?.["credentials.access_token"], { rotated_at: "2026-10-03T12:00:00.000Z", first_seen_at: "2026-10-03T12:00:00.000Z" });

      // Rotate the Meta token only, a month later.
      const day2 = Date.UTC(2026, 10, 2, 9);
      const rotated = { ...env, AIRBYTE_META_ACCESS_TOKEN: "local-meta-token-v2" };
      const second = await runCliForTest(["provision"], { cwd: dir, env: rotated, clock: createFakeClock({ start: day2 }) });
      assert.equal(second.exitCode, 0, second.stderr);
      const v2 = await read();
      assert.deepEqual(v2.rotations[meta]?.["credentials.access_token"], { rotated_at: "2026-11-02T09:00:00.000Z", first_seen_at: "2026-10-03T12:00:00.000Z" });
      assert.deepEqual(v2.rotations[google], v1.rotations[google], "an unchanged secret keeps its date");
      const text = await readFile(store, "utf8");
      for (const value of Object.values(rotated)) if (value.startsWith("local-")) assert.ok(!text.includes(value), "no secret value in the store");

      // A file written before dates were kept: its fingerprints read fine and are dated when first seen, marked estimated.
      await writeFile(store, `${JSON.stringify({ comment: "old", fingerprints: v2.fingerprints }, null, 2)}\n`);
      const day3 = Date.UTC(2026, 10, 20, 6);
      const third = await runCliForTest(["provision"], { cwd: dir, env: rotated, clock: createFakeClock({ start: day3 }) });
      assert.equal(third.exitCode, 0, third.stderr);
      const v3 = await read();
      assert.deepEqual(v3.fingerprints, v2.fingerprints, "no secret rewritten");
      assert.deepEqual(v3.rotations[google]?.["credentials.refresh_token"], { rotated_at: "2026-11-20T06:00:00.000Z", first_seen_at: "2026-11-20T06:00:00.000Z", estimated: true });
    } finally {
      await airbyte.close();
    }
  });
});
