// bench:provision: reconcile N tenants x 4 templates against the local Airbyte
// with injected latency. Prints the first run (from empty), then the no-op run
// twice on the same state: "before" with BASELINE_READ_OPTIONS (the reads
// before issue #16: paging past a short page, destinations/get for every
// tenant, two barriered phases) and "after" with the default reads. For each:
// calls per tenant against the bound (2), and wall time against the latency
// floor (1 serial source_definitions/list, then the other calls `concurrency`
// at a time, each taking the injected latency). Fails when the no-op run
// writes or the default reads exceed the bound. At 20 ms the client and the
// stand-in share one process (about 2.5 ms of CPU per call through ky and
// undici), so both variants sit near half the floor; at --latency-ms 100
// both reach about 85 %.
//
//   npm run bench:provision -- [--tenants 100] [--concurrency 8] [--latency-ms 20] [--repeat 3]
//                              [--serial-baseline [--baseline-tenants 100]]   (speed-up over concurrency 1; slow)
import process from "node:process";
import { parseArgs } from "node:util";
import { BASELINE_READ_OPTIONS, createAirbyteClient, type ReadOptions, runProvisioning } from "../airbyte/mod.ts";
import { SYNTHETIC_TEMPLATES, syntheticTenants } from "../airbyte/testing.ts";
import { type AdopsConfig, loadConfig } from "../config/mod.ts";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";

const { values } = parseArgs({
  options: {
    tenants: { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
    "latency-ms": { type: "string", default: "20" },
    repeat: { type: "string", default: "3" },
    "serial-baseline": { type: "boolean", default: false },
    "baseline-tenants": { type: "string", default: "100" },
  },
});
const TENANTS = Number(values.tenants);
const CONCURRENCY = Number(values.concurrency);
const LATENCY = Number(values["latency-ms"]);
const REPEAT = Math.max(1, Number(values.repeat));
const BASELINE_TENANTS = Math.min(TENANTS, Number(values["baseline-tenants"]));
/** Calls per tenant a no-op plan needs: connections/list and one page of sources/list. */
const BOUND = 2;

const loaded = await loadConfig(createNodeFiles(process.cwd()), "config", { env: {}, production: false });
if (!loaded.ok) throw new Error("The shipped config does not load");
const shipped = loaded.config;
const env: Record<string, string> = Object.fromEntries(shipped.secretEnvNames.map((name) => [name, `bench-${name.toLowerCase()}`]));

interface Run {
  seconds: number;
  calls: Record<string, number>;
  writes: number;
  planned: Record<string, number>;
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** The least wall time `calls` can take: one serial call, then the rest `concurrency` at a time. */
function floorSeconds(calls: number, concurrency: number): number {
  return (LATENCY * (1 + Math.ceil(Math.max(0, calls - 1) / concurrency))) / 1000;
}

async function reconcile(config: AdopsConfig, concurrency: number, noOpReads: readonly (ReadOptions | undefined)[]) {
  const airbyte = await startLocalAirbyte({ seed: config, faults: { latencyMs: LATENCY } });
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock: createSystemClock() });
  let recorded = {};
  async function once(readOptions: ReadOptions | undefined): Promise<Run> {
    airbyte.resetCounters();
    const started = performance.now();
    const r = await runProvisioning({ config, client, env, apply: true, concurrency, fingerprintKey: "bench", recorded, ...(readOptions ? { readOptions } : {}) });
    recorded = r.fingerprints;
    const failed = r.result?.outcomes.filter((o) => o.status !== "applied" && o.status !== "unchanged") ?? [];
    if (failed.length > 0) throw new Error(`${failed.length} connection(s) failed, e.g. ${failed[0]?.error}`);
    return { seconds: (performance.now() - started) / 1000, calls: { ...airbyte.calls }, writes: airbyte.writes(), planned: r.plan.summary };
  }
  try {
    const first = await once(undefined);
    const noOp: Run[][] = noOpReads.map(() => []);
    // Interleave the variants so load on the machine hits them alike; keep each one's fastest run.
    for (let i = 0; i < REPEAT; i++) for (const [k, readOptions] of noOpReads.entries()) noOp[k]?.push(await once(readOptions));
    return { first, noOp: noOp.map((runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a))) };
  } finally {
    await airbyte.close();
  }
}

function kinds(calls: Record<string, number>): string {
  return Object.entries(calls).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${kind.padEnd(26)} ${n}`).join("\n");
}

console.log(`bench:provision — ${TENANTS} tenants x ${SYNTHETIC_TEMPLATES.length} templates (${TENANTS * SYNTHETIC_TEMPLATES.length} connections), ${LATENCY} ms latency per request, concurrency ${CONCURRENCY}`);
const main = await reconcile(syntheticTenants(shipped, TENANTS), CONCURRENCY, [BASELINE_READ_OPTIONS, undefined]);
const [before, after] = main.noOp as [Run, Run];
console.log(`\nFirst run (from empty): ${main.first.seconds.toFixed(1)} s, ${total(main.first.calls)} API calls, ${main.first.writes} writes; planned ${JSON.stringify(main.first.planned)}`);
console.log(kinds(main.first.calls));

console.log(`\nNo-op run (same state, fastest of ${REPEAT}): calls per tenant against the bound (${BOUND}), wall time against the latency floor`);
console.log(`  ${"".padEnd(8)} ${"calls".padStart(6)} ${"per tenant".padStart(11)} ${"wall".padStart(8)} ${"floor".padStart(8)} ${"of floor".padStart(9)} ${"writes".padStart(7)}`);
for (const [label, r] of [["before", before], ["after", after]] as const) {
  const calls = total(r.calls);
  const floor = floorSeconds(calls, CONCURRENCY);
  const perTenant = (calls - 1) / TENANTS;
  console.log(`  ${label.padEnd(8)} ${String(calls).padStart(6)} ${perTenant.toFixed(2).padStart(11)} ${`${r.seconds.toFixed(2)} s`.padStart(8)} ${`${floor.toFixed(2)} s`.padStart(8)} ${`${Math.round((floor / r.seconds) * 100)} %`.padStart(9)} ${String(r.writes).padStart(7)}`);
}
console.log(`  (per tenant leaves out the one source_definitions/list; floor = ${LATENCY} ms x (1 + ceil((calls - 1) / ${CONCURRENCY})); before = BASELINE_READ_OPTIONS ${JSON.stringify(BASELINE_READ_OPTIONS)})`);
console.log(`  after / before: ${(total(after.calls) / total(before.calls)).toFixed(2)} of the calls, ${(after.seconds / before.seconds).toFixed(2)} of the wall time`);
console.log(`\n  before, by kind:\n${kinds(before.calls)}\n  after, by kind:\n${kinds(after.calls)}`);

if (values["serial-baseline"]) {
  const base = await reconcile(syntheticTenants(shipped, BASELINE_TENANTS), 1, [undefined]);
  const scale = TENANTS / BASELINE_TENANTS;
  const label = BASELINE_TENANTS === TENANTS ? "measured" : `measured on ${BASELINE_TENANTS} tenants, scaled x${scale.toFixed(1)}`;
  const firstBase = base.first.seconds * scale;
  const noOpBase = (base.noOp[0]?.seconds ?? 0) * scale;
  console.log(`\nConcurrency 1 (${label}): first run ${firstBase.toFixed(1)} s, no-op run ${noOpBase.toFixed(1)} s`);
  console.log(`Speed-up at concurrency ${CONCURRENCY}: first run x${(firstBase / main.first.seconds).toFixed(2)}, no-op run x${(noOpBase / after.seconds).toFixed(2)}`);
}

const problems = [
  ...main.noOp.filter((r) => r.writes !== 0).map((r) => `the no-op run made ${r.writes} writes`),
  ...((total(after.calls) - 1) / TENANTS > BOUND ? [`the no-op run made ${((total(after.calls) - 1) / TENANTS).toFixed(2)} calls per tenant, above the bound of ${BOUND}`] : []),
];
for (const p of problems) console.error(`FAIL: ${p}`);
if (problems.length > 0) process.exitCode = 1;
