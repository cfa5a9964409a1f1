// adops health reads the rotation dates adops provision recorded and the
// latest provision's failed source checks through the Files port, and judges
// each secret's lifetime (credential_expiring) without ever showing a value.
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { createFakeClock } from "../core/testing.ts";
import { createFakeJobHistory } from "../health/testing.ts";
import { createHealthCommand } from "./health.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 17);
let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-health-creds-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
});
after(() => rm(dir, { recursive: true, force: true }));

test("adops health flags an expiring Meta token from the recorded rotation date and a refused Google token from the provision's source check", async () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const rotation = (ms: number) => ({ rotated_at: at(ms), first_seen_at: at(ms) });
  await mkdir(join(dir, "out/state"), { recursive: true });
  await mkdir(join(dir, "out/latest"), { recursive: true });
  await writeFile(join(dir, "out/state/airbyte-secret-fingerprints.json"), JSON.stringify({
    fingerprints: { "adops:acme-retail:meta_metrics": { "credentials.access_token": "hmac:0123456789abcdef" } },
    rotations: {
      "adops:acme-retail:meta_metrics": { "credentials.access_token": rotation(NOW - 51 * DAY) },
      "adops:acme-retail:dimensions_daily": { "credentials.access_token": rotation(NOW - 51 * DAY) },
      "adops:acme-retail:google_metrics": { "credentials.refresh_token": rotation(NOW - 30 * DAY) },
    },
  }));
  const provision = {
    schema_version: 1, run_id: "p1", command: "provision", trigger: { kind: "local" }, started_at: at(NOW - DAY), ended_at: at(NOW - DAY), duration_seconds: 3,
    inputs: {}, exit_code: 2, status: "partial", summary: {},
    rows: [{ tenant: "acme-retail", template: "google_metrics", key: "adops:acme-retail:google_metrics", status: "failed", error: "Source check failed: invalid_grant: Token has been expired or revoked." }],
  };
  await writeFile(join(dir, "out/latest/provision.json"), JSON.stringify(provision));
  const health = createHealthCommand({ jobs: () => Promise.resolve(createFakeJobHistory({})) });
  const run = await runCliForTest(["health", "--json", "--tenant", "acme-retail", "--dbt-report", "none.json"], { cwd: dir, env: { ADOPS_REPORT_DIR: "out" }, clock: createFakeClock({ start: NOW }), commands: [health] });
  const doc = JSON.parse(run.stdout) as { tenants: { tenant: string; checks: { check: string; subject: string; status: string; message: string }[] }[] };
  const checks = doc.tenants.find((t) => t.tenant === "acme-retail")?.checks.filter((c) => c.check === "credential_expiring") ?? [];
  const by = Object.fromEntries(checks.map((c) => [c.subject, c]));
  assert.equal(by["meta:credentials.access_token"]?.status, "expiring");
  assert.match(by["meta:credentials.access_token"]?.message ?? "", /^Meta access_token of acme-retail expires in 9 days \(rotated 2026-10-03, policy: 60 days\)$/);
  assert.equal(by["google_ads:credentials.refresh_token"]?.status, "expired");
  assert.match(by["google_ads:credentials.refresh_token"]?.message ?? "", /was refused \(the source check failed: invalid_grant/);
  assert.equal(by["microsoft_ads:refresh_token"]?.status, "not_checked");
});
