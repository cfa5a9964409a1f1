// Bench (#16): `npm start` end to end, before and after, measured paired. The
// "before" is another checkout of this repository (a git worktree at --before-ref,
// made and npm-installed here on first use, sharing dbt/.venv), so both run the same
// demo steps on the same machine. The two take turns in every round, so load on a
// shared machine falls on both alike; prints each run, the medians and their ratio.
// Run: npm run bench:start [-- --before-ref ceb364e --runs 2]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] ?? fallback : fallback;
}

const RUNS = Number(arg("--runs", "2"));
const BEFORE_REF = arg("--before-ref", "ceb364e");
const root = resolve(".");
const beforeDir = resolve(arg("--before-dir", join(root, ".adops", `bench-start-${BEFORE_REF}`)));

if (!existsSync(join(beforeDir, "package.json"))) {
  console.error(`bench:start: checking out ${BEFORE_REF} into ${beforeDir}`);
  execFileSync("git", ["worktree", "add", "--detach", beforeDir, BEFORE_REF], { stdio: "inherit" });
}
if (!existsSync(join(beforeDir, "node_modules"))) execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: beforeDir, stdio: "inherit" });
if (!existsSync(join(beforeDir, "dbt", ".venv"))) symlinkSync(join(root, "dbt", ".venv"), join(beforeDir, "dbt", ".venv"));

interface Side {
  label: string;
  cwd: string;
  ms: number[];
}
const sides: Side[] = [{ label: `before (${BEFORE_REF})`, cwd: beforeDir, ms: [] }, { label: "after (this checkout)", cwd: root, ms: [] }];

function runStart(side: Side): number {
  // Each run starts from no warehouse and no stand-in state, as on a fresh clone.
  for (const p of [".adops/warehouse.duckdb", ".adops/reports", ".adops/airbyte-local"]) rmSync(join(side.cwd, p), { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync("npm", ["start"], { cwd: side.cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${side.label}: npm start exited ${run.status}\n${(run.stdout ?? "").slice(-2000)}${run.stderr ?? ""}`);
  return ms;
}

// One warm-up each (setup's checks, dbt's first parse), then paired rounds.
for (const side of sides) runStart(side);
for (let round = 0; round < RUNS; round++) {
  for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
    const ms = runStart(side);
    side.ms.push(ms);
    console.log(`round ${round + 1}: ${side.label.padEnd(24)} ${(ms / 1000).toFixed(1)} s`);
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const [before, after] = sides.map((s) => median(s.ms)) as [number, number];
console.log(`\nnpm start, median of ${RUNS} paired run(s):`);
console.log(`  before ${(before / 1000).toFixed(1)} s, after ${(after / 1000).toFixed(1)} s: after/before ${(after / before).toFixed(3)} (${((1 - after / before) * 100).toFixed(1)} % faster; goal >= 25 %)`);
