// The whole check, as CI runs it: type check, lint, generated files fresh,
// vendored connector contracts fresh, data contracts, tests on Node, tests on
// Deno, workflow lint. Stops at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";

interface Step {
  name: string;
  cmd: string[];
  optional?: () => string | undefined;
}

const actionlint = existsSync(".adops/bin/actionlint") ? ".adops/bin/actionlint" : undefined;
const zizmor = existsSync(".adops/tools-venv/bin/zizmor") ? ".adops/tools-venv/bin/zizmor" : undefined;
/** In CI a missing tool fails the check; locally it is skipped with the reason. */
const inCi = process.env.CI === "true";
/** The shared connector contracts the vendored copies in schemas/connectors/ come from (a sibling checkout). */
const sharedContracts = "../shared/contracts/airbyte-connectors";
const steps: Step[] = [
  { name: "type check (tsc 5.9)", cmd: ["node_modules/.bin/tsc", "-p", "tsconfig.json"] },
  { name: "lint (deno lint)", cmd: ["node_modules/.bin/deno", "lint", "--quiet", "--ignore=**/dist/", "scripts", "schemas", "actions"] },
  { name: "generated files are fresh", cmd: ["node_modules/.bin/tsx", "scripts/dev/generate.ts", "--check"] },
  { name: "action bundles are fresh", cmd: ["node_modules/.bin/tsx", "scripts/dev/bundle-actions.ts", "--check"] },
  {
    name: "vendored connector contracts are fresh",
    cmd: ["node_modules/.bin/tsx", "scripts/dev/vendor-connectors.ts", "--check", "--from", sharedContracts],
    optional: () => (existsSync(sharedContracts) ? undefined : `${sharedContracts} is not here (schemas/connectors/ is checked against it only where it is checked out)`),
  },
  {
    // Seed 001's check_data_contracts: every raw column a staging model reads is in its connector's stream.
    name: "data contracts (dbt staging columns vs connector catalogs)",
    cmd: ["node_modules/.bin/tsx", "scripts/adops.ts", "data-contracts"],
  },
  {
    name: "workflow lint (actionlint)",
    cmd: [actionlint ?? "actionlint", "-color=false"],
    optional: () => (actionlint === undefined && !inCi ? "actionlint not installed (needs Go; CI installs it)" : undefined),
  },
  {
    name: "workflow security audit (zizmor)",
    // Offline audits; findings of any severity fail (.github/zizmor.yml says why a rule is off).
    cmd: [zizmor ?? "zizmor", "--offline", "--no-progress", "--quiet", "."],
    optional: () => (zizmor === undefined && !inCi ? "zizmor not installed (node scripts/setup.mjs --ci-tools installs it from PyPI)" : undefined),
  },
  { name: "tests on Deno", cmd: ["node_modules/.bin/tsx", "scripts/dev/run-tests.ts", "deno"] },
  { name: "tests on Node", cmd: ["node_modules/.bin/tsx", "scripts/dev/run-tests.ts", "node"] },
];

const only = process.argv.slice(2);
const started = Date.now();
for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.includes(o))) continue;
  const skip = step.optional?.();
  if (skip !== undefined) {
    console.error(`\n== ${step.name}: skipped, ${skip}`);
    continue;
  }
  console.error(`\n== ${step.name}`);
  const t = Date.now();
  const [cmd, ...args] = step.cmd as [string, ...string[]];
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n== FAILED: ${step.name} (exit ${result.status ?? result.signal})`);
    process.exit(result.status === 0 || result.status === null ? 1 : result.status);
  }
  console.error(`== ok: ${step.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.error(`\n== all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
