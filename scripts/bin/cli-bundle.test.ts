import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freshBundle } from "./cli-bundle.mjs";

function withManifest(manifest: object, entryExists: boolean, check: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "adops-cli-"));
  try {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    if (entryExists) writeFileSync(join(dir, "adops.mjs"), "");
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("freshBundle() returns the entry while no input is newer than the build, and undefined after", () => {
  const inputs = ["scripts/adops.ts", "scripts/commands/mod.ts"];
  const changed = Math.max(...inputs.map((p) => statSync(p).mtimeMs));
  withManifest({ entry: "adops.mjs", builtAt: changed + 1, inputs }, true, (dir) => assert.match(freshBundle(dir) ?? "", /^file:.*adops\.mjs$/));
  withManifest({ entry: "adops.mjs", builtAt: changed - 1, inputs }, true, (dir) => assert.equal(freshBundle(dir), undefined));
  withManifest({ entry: "adops.mjs", builtAt: changed + 1, inputs }, false, (dir) => assert.equal(freshBundle(dir), undefined));
  withManifest({ entry: "adops.mjs", builtAt: Date.now(), inputs: ["scripts/no-such-file.ts"] }, true, (dir) => assert.equal(freshBundle(dir), undefined));
});

function bin(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("node", ["scripts/bin/adops.mjs", ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the adops bin prints the same through its bundle as through tsx (ADOPS_CLI_BUNDLE=0)", () => {
  for (const args of [["--help"], ["validate", "--help"], ["validate", "--json", "--config", "does-not-exist"], ["provison"]]) {
    const bundled = bin(args);
    const unbuilt = bin(args, { ADOPS_CLI_BUNDLE: "0" });
    assert.deepEqual(bundled, unbuilt, args.join(" "));
  }
});
