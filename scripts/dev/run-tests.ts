// Runs every *.test.ts under scripts/, actions/ and schemas/ with Node's test
// runner (files listed explicitly: Node 20 does not expand globs and runs
// nothing without a list) or with `deno test` (scoped permissions).
import { spawnSync } from "node:child_process";
import process from "node:process";
import { findFiles } from "./find-files.ts";

const runner = process.argv[2] ?? "node";
const filter = process.argv.slice(3);
let files = await findFiles(["scripts", "actions", "schemas"], /\.test\.ts$/);
if (filter.length > 0) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("No test files found");
  process.exit(1);
}
const env = { ...process.env, ADOPS_TEST_RUNNER: runner, NO_COLOR: "1" };
const result = runner === "deno"
  ? spawnSync("node_modules/.bin/deno", [
    "test", "--quiet", "--no-check", "--allow-read", "--allow-write", "--allow-env",
    "--allow-net=127.0.0.1,localhost", "--allow-run", "--allow-sys", ...files,
  ], { stdio: "inherit", env })
  : spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], { stdio: "inherit", env });
process.exit(result.status ?? 1);
