// Why the design card's ts-node is not the TypeScript runner here: it cannot
// start this ESM repository's CLI (`.ts` import specifiers) on Node 20. If a
// future ts-node can, this test fails and the choice should be revisited.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

test("ts-node cannot run scripts/adops.ts (ERR_UNKNOWN_FILE_EXTENSION), while tsx can", () => {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  const tsNode = spawnSync("node_modules/.bin/ts-node", ["scripts/adops.ts", "--help"], { encoding: "utf8", env });
  assert.notEqual(tsNode.status, 0);
  assert.match(tsNode.stderr, /ERR_UNKNOWN_FILE_EXTENSION/);
  const tsx = spawnSync("node", ["--import", "tsx", "scripts/adops.ts", "--help"], { encoding: "utf8", env });
  assert.equal(tsx.status, 0, tsx.stderr);
  assert.match(tsx.stdout, /Usage: adops <command>/);
});
