#!/usr/bin/env node
// Installs what adops needs on a fresh machine, and nothing twice:
//   1. npm dependencies (npm ci) when node_modules is missing or older than the lockfile;
//   2. dbt (dbt-core, dbt-duckdb and dbt-postgres, pinned in dbt/requirements.txt) into dbt/.venv;
//   3. the CLI bundle in .adops/cli (scripts/bin/cli-bundle.mjs) when a source is newer;
//   4. with --ci-tools: real actionlint into .adops/bin (built from its Go module),
//      zizmor (pinned, from PyPI) into .adops/tools-venv, and Chromium for the status
//      site's browser test (the Debian package `chromium`, installed when running as
//      root on Debian; otherwise the package to install is printed).
// Plain JavaScript on purpose: it runs before TypeScript tooling exists. Works under
// Node and Deno (deno run --allow-all scripts/setup.mjs).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

const ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12";
const ZIZMOR = "zizmor==1.32.0";
const quiet = process.env.ADOPS_SETUP_QUIET === "1";
const say = (msg) => quiet || process.stderr.write(`setup: ${msg}\n`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...options });
  if (result.error) throw new Error(`Cannot run '${cmd}': ${result.error.message}`);
  if (result.status !== 0) throw new Error(`'${cmd} ${args.join(" ")}' exited with ${result.status}`);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function sha(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function nodeDependencies() {
  const marker = join("node_modules", ".package-lock.json");
  if (existsSync(marker) && mtime(marker) >= mtime("package-lock.json") && existsSync("node_modules/.bin/tsx")) return;
  say("installing npm dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { shell: process.platform === "win32" });
}

function findPython() {
  for (const candidate of [process.env.ADOPS_PYTHON, "python3", "python"]) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ["-c", "import sys; print(sys.version_info >= (3, 10))"], { encoding: "utf8" });
    if (probe.status === 0 && probe.stdout.trim() === "True") return candidate;
  }
  throw new Error("Python 3.10 or newer is needed for dbt; install it or set ADOPS_PYTHON to its path");
}

function dbtEnvironment() {
  const requirements = join("dbt", "requirements.txt");
  if (!existsSync(requirements)) return;
  const venv = join("dbt", ".venv");
  const stamp = join(venv, ".requirements.sha256");
  const wanted = sha(requirements);
  const dbtBin = join(venv, process.platform === "win32" ? "Scripts/dbt.exe" : "bin/dbt");
  if (existsSync(dbtBin) && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return;
  const python = findPython();
  if (!existsSync(join(venv, "bin", "python")) && !existsSync(join(venv, "Scripts", "python.exe"))) {
    say(`creating ${venv}`);
    run(python, ["-m", "venv", venv]);
  }
  const pip = join(venv, process.platform === "win32" ? "Scripts/pip.exe" : "bin/pip");
  say("installing dbt-core, dbt-duckdb and dbt-postgres from dbt/requirements.txt (about a minute)");
  run(pip, ["install", "--quiet", "--disable-pip-version-check", "-r", requirements]);
  writeFileSync(stamp, wanted);
}

async function cliBundle() {
  const { buildCliBundle, freshBundle } = await import("./bin/cli-bundle.mjs");
  if (freshBundle() !== undefined) return;
  say("bundling the CLI into .adops/cli (esbuild)");
  try {
    await buildCliBundle();
  } catch (error) {
    say(`the CLI bundle could not be built (${error.message}); adops runs through tsx`);
  }
}

function actionlint() {
  const bin = join(".adops", "bin");
  if (existsSync(join(bin, "actionlint"))) return;
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0) {
    say("go not found: skipping actionlint (CI on GitHub installs it)");
    return;
  }
  say(`building actionlint (${ACTIONLINT})`);
  mkdirSync(bin, { recursive: true });
  try {
    run("go", ["install", ACTIONLINT], { env: { ...process.env, GOBIN: join(process.cwd(), bin) } });
  } catch (error) {
    say(`actionlint could not be built (${error.message}); workflow lint is skipped`);
  }
}

function zizmor() {
  const venv = join(".adops", "tools-venv");
  const binary = join(venv, process.platform === "win32" ? "Scripts/zizmor.exe" : "bin/zizmor");
  const stamp = join(venv, ".zizmor-version");
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, "utf8") === ZIZMOR) return;
  try {
    const python = findPython();
    say(`installing ${ZIZMOR} (workflow security audit) into ${venv}`);
    if (!existsSync(join(venv, "bin", "python")) && !existsSync(join(venv, "Scripts", "python.exe"))) run(python, ["-m", "venv", venv]);
    const pip = join(venv, process.platform === "win32" ? "Scripts/pip.exe" : "bin/pip");
    run(pip, ["install", "--quiet", "--disable-pip-version-check", ZIZMOR]);
    writeFileSync(stamp, ZIZMOR);
  } catch (error) {
    say(`zizmor could not be installed (${error.message}); the workflow audit is skipped`);
  }
}

function chromium() {
  const binary = process.env.ADOPS_CHROMIUM || "/usr/bin/chromium";
  if (existsSync(binary)) return;
  const debian = existsSync("/etc/debian_version");
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!debian || !root) {
    say(`Chromium not found at ${binary}: the status site's browser test needs it. Install the Debian package 'chromium' (sudo apt-get install -y chromium)${debian ? "" : ", or set ADOPS_CHROMIUM to a Chromium binary"}`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  say("installing the Debian package chromium (the status site's browser test drives it headless)");
  try {
    run("apt-get", ["install", "-y", "-q", "chromium"], { env });
  } catch {
    try {
      // A machine whose package lists are missing or old: read them once, then try again.
      run("apt-get", ["update", "-q"], { env });
      run("apt-get", ["install", "-y", "-q", "chromium"], { env });
    } catch (error) {
      say(`chromium could not be installed (${error.message}); the browser test is skipped locally and fails in CI`);
    }
  }
}

try {
  nodeDependencies();
  dbtEnvironment();
  await cliBundle();
  if (process.argv.includes("--ci-tools")) {
    actionlint();
    zizmor();
    chromium();
  }
} catch (error) {
  process.stderr.write(`setup failed: ${error.message}\n`);
  process.exit(1);
}
