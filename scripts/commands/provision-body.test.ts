import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { copyShippedConfig } from "../config/testing.ts";
import { createFakeClock } from "../core/testing.ts";
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
