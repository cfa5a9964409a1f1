import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { denoPermissionFlags } from "../bin/deno-permissions.mjs";

// The scoped permissions `npm run adops:deno` grants, so the test proves they suffice.
const DENO_FLAGS = denoPermissionFlags({});

function run(runtime: "node" | "deno", args: string[], env: Record<string, string> = {}) {
  const cmd = runtime === "node" ? "node" : "node_modules/.bin/deno";
  const argv = runtime === "node" ? ["--import", "tsx", "scripts/adops.ts", ...args] : [...DENO_FLAGS, "scripts/adops.ts", ...args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("adops validate --json prints the same document under Node and Deno", () => {
  const node = run("node", ["validate", "--json"]);
  const deno = run("deno", ["validate", "--json"]);
  assert.equal(node.code, 0, node.stderr);
  assert.equal(deno.code, 0, deno.stderr);
  assert.equal(deno.stdout, node.stdout);
  assert.equal(JSON.parse(node.stdout).ok, true);
});

test("adops exits 1 with the same error under Node and Deno for a bad config folder", () => {
  const node = run("node", ["validate", "--json", "--config", "does-not-exist"]);
  const deno = run("deno", ["validate", "--json", "--config", "does-not-exist"]);
  assert.equal(node.code, 1);
  assert.equal(deno.code, 1);
  assert.equal(deno.stdout, node.stdout);
  assert.match(node.stderr, /No platform\.yml in config folder 'does-not-exist'/);
});

test("adops dbt and orchestrate dry runs print the same plan under Node and Deno", () => {
  for (const args of [["dbt", "--dry-run", "--json"], ["orchestrate", "--dry-run", "--json"]]) {
    const node = run("node", args);
    const deno = run("deno", args);
    assert.equal(node.code, 0, node.stderr);
    assert.equal(deno.code, 0, deno.stderr);
    // Only the run id in the report path differs.
    const strip = (text: string) => text.replace(/"run_report_path": "[^"]*"/, '"run_report_path": ""');
    assert.equal(strip(deno.stdout), strip(node.stdout), args.join(" "));
  }
});
