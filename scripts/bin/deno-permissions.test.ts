import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { test } from "node:test";
import { denoPermissionFlags } from "./deno-permissions.mjs";

test("denoPermissionFlags() lets adops reach the hosts config and env name, and write the Actions files", () => {
  const flags = denoPermissionFlags({
    AIRBYTE_BASE_URL: "https://airbyte.internal.example:8443/",
    SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/x",
    GITHUB_STEP_SUMMARY: "/runner/_temp/summary.md",
    GITHUB_OUTPUT: "/runner/_temp/output",
    ADOPS_REPORT_DIR: "/tmp/reports",
  });
  const net = flags.find((f) => f.startsWith("--allow-net="))?.split("=")[1]?.split(",") ?? [];
  const write = flags.find((f) => f.startsWith("--allow-write="))?.split("=")[1]?.split(",") ?? [];
  assert.deepEqual(net, ["127.0.0.1", "localhost", "airbyte.internal.example:8443", "hooks.slack.com", "api.github.com"]);
  assert.deepEqual(write, [".adops", "reports", "dbt", "/runner/_temp/summary.md", "/runner/_temp/output", "/tmp/reports"]);
  assert.ok(!flags.includes("-A") && !flags.includes("--allow-all"));
});

test("npm run adops:deno writes the Actions job summary under its scoped permissions", { skip: process.env.ADOPS_TEST_RUNNER === "deno" ? "spawns the launcher with Node" : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), "adops-deno-perm-"));
  try {
    const summary = join(dir, "summary.md");
    const result = spawnSync(process.execPath, ["scripts/bin/adops-deno.mjs", "validate"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: join(dir, "out") },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(readFileSync(summary, "utf8"), /valid/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
