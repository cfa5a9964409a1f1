// Bench (#16): how long `adops` takes to start, per way of running it. Each path
// is spawned --runs times (default 10) after 2 warm-ups, the paths taking turns
// in every round so load on a shared machine falls on all of them alike; prints
// the median wall time and its ratio to `node -e 0` measured in the same run.
// "before" is the eager CLI (scripts/bench/_eager-cli.ts) as tsx and the old bin ran it.
// Run: npm run bench:cli [-- --runs 20]
import { spawnSync } from "node:child_process";
import process from "node:process";
import { denoPermissionFlags } from "../bin/deno-permissions.mjs";
import { ensureCliBundle } from "../bin/cli-bundle.mjs";

interface Path {
  label: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** The goal in ms, when the path has one. */
  goal?: number;
  /** A path whose median is subtracted from this one's (npm's own cost). */
  minus?: string;
  /** The exit code the path must end with. @default 0 */
  exit?: number;
}

const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 10;
const WARMUPS = 2;
const BIN = "scripts/bin/adops.mjs";
const NO_CONFIG = ".adops/bench-no-config";
// The scoped permissions `npm run adops:deno` grants (timed without its Node launcher).
const denoFlags = denoPermissionFlags({});

const paths: Path[] = [
  { label: "node -e 0", cmd: "node", args: ["-e", "0"] },
  { label: "before: tsx scripts/adops.ts --help (eager)", cmd: "node_modules/.bin/tsx", args: ["scripts/bench/_eager-cli.ts", "--help"], goal: 150 },
  { label: "before: bin --help (tsx register, eager)", cmd: "node", args: ["--import", "tsx", "scripts/bench/_eager-cli.ts", "--help"], goal: 150 },
  { label: "bin --help", cmd: "node", args: [BIN, "--help"], goal: 150 },
  { label: "bin validate --help", cmd: "node", args: [BIN, "validate", "--help"], goal: 150 },
  { label: "bin sync --dry-run, to first I/O", cmd: "node", args: [BIN, "sync", "--dry-run", "--config", NO_CONFIG], goal: 200, exit: 1 },
  { label: "before: sync --dry-run, to first I/O", cmd: "node", args: ["--import", "tsx", "scripts/bench/_eager-cli.ts", "sync", "--dry-run", "--config", NO_CONFIG], goal: 200, exit: 1 },
  { label: "bin --help unbuilt (ADOPS_CLI_BUNDLE=0, tsx)", cmd: "node", args: [BIN, "--help"], env: { ADOPS_CLI_BUNDLE: "0" } },
  { label: "npm run noop (npm's own cost)", cmd: "npm", args: ["run", "--silent", "noop"] },
  { label: "npm run adops -- --help, minus npm", cmd: "npm", args: ["run", "--silent", "adops", "--", "--help"], goal: 150, minus: "npm run noop (npm's own cost)" },
  { label: "deno: adops:deno --help", cmd: "node_modules/.bin/deno", args: [...denoFlags, "scripts/adops.ts", "--help"], goal: 150 },
];

function once(path: Path): number {
  const started = performance.now();
  const result = spawnSync(path.cmd, path.args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...path.env } });
  const ms = performance.now() - started;
  if (result.status !== (path.exit ?? 0)) throw new Error(`'${path.label}' exited with ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

if (await ensureCliBundle() === undefined) console.error("warning: the CLI bundle cannot be built; the bin runs through tsx");
const times = new Map<string, number[]>(paths.map((p) => [p.label, []]));
for (let round = 0; round < WARMUPS + RUNS; round++) {
  for (const path of paths) {
    const ms = once(path);
    if (round >= WARMUPS) times.get(path.label)?.push(ms);
  }
}
const medians = new Map([...times].map(([label, ms]) => [label, median(ms)]));
const base = medians.get("node -e 0") ?? 1;
console.log(`adops start-up: median of ${RUNS} runs after ${WARMUPS} warm-ups (node ${process.version})`);
console.log(`${"path".padEnd(48)}${"median".padStart(9)}${"× node".padStart(8)}${"goal".padStart(9)}`);
for (const path of paths) {
  const ms = (medians.get(path.label) ?? 0) - (path.minus ? medians.get(path.minus) ?? 0 : 0);
  const goal = path.goal === undefined ? "" : `${ms <= path.goal ? "≤" : ">"} ${path.goal}`;
  console.log(`${path.label.padEnd(48)}${`${ms.toFixed(0)} ms`.padStart(9)}${(ms / base).toFixed(1).padStart(8)}${goal.padStart(9)}`);
}
console.log("goals: --help ≤ 150 ms, a command's first I/O ≤ 200 ms (wall times depend on the machine; the ratios less so)");
