// bench:provision: reconcile N tenants x 4 templates against the local Airbyte
// with injected latency; prints wall time, API calls by kind, writes on the
// no-op second run, and the speed-up over the same run at concurrency 1.
//
//   npm run bench:provision -- [--tenants 500] [--concurrency 8] [--latency-ms 20] [--baseline-tenants 100 | --full-baseline]
import process from "node:process";
import { parseArgs } from "node:util";
import { createAirbyteClient, runProvisioning } from "../airbyte/mod.ts";
import { type AdopsConfig, loadConfig, type ResolvedTenant } from "../config/mod.ts";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";

const { values } = parseArgs({
  options: {
    tenants: { type: "string", default: "500" },
    concurrency: { type: "string", default: "8" },
    "latency-ms": { type: "string", default: "20" },
    "baseline-tenants": { type: "string", default: "100" },
    "full-baseline": { type: "boolean", default: false },
  },
});
const TENANTS = Number(values.tenants);
const CONCURRENCY = Number(values.concurrency);
const LATENCY = Number(values["latency-ms"]);
const BASELINE_TENANTS = values["full-baseline"] ? TENANTS : Math.min(TENANTS, Number(values["baseline-tenants"]));
const TEMPLATES = ["meta_metrics", "google_metrics", "dimensions_daily", "microsoft_metrics"];

const loaded = await loadConfig(createNodeFiles(process.cwd()), "config", { env: {}, production: false });
if (!loaded.ok) throw new Error("The shipped config does not load");
const shipped = loaded.config;
const model = shipped.tenants.find((t) => TEMPLATES.every((name) => t.connections.some((c) => c.template === name)));
if (model === undefined) throw new Error("No shipped tenant has the four templates");

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function syntheticConfig(count: number): AdopsConfig {
  const tenants: ResolvedTenant[] = [];
  for (let i = 0; i < count; i++) {
    const slug = `bench-${hex(i, 4)}`;
    const t: ResolvedTenant = structuredClone(model as ResolvedTenant);
    t.slug = slug;
    t.displayName = slug;
    t.workspaceId = `b0000000-0000-4000-8000-${hex(i, 12)}`;
    t.destinationId = `d0000000-0000-4000-8000-${hex(i, 12)}`;
    t.connections = t.connections.filter((c) => TEMPLATES.includes(c.template)).map((c) => ({
      ...c,
      tenant: slug,
      name: `${slug} ${c.template}`,
      prefix: `t${hex(i, 4)}_`,
      managedKey: `adops:${slug}:${c.template}`,
      connectionId: undefined,
    }));
    tenants.push(t);
  }
  return { ...shipped, tenants };
}

const env: Record<string, string> = Object.fromEntries(shipped.secretEnvNames.map((name) => [name, `bench-${name.toLowerCase()}`]));

async function reconcile(config: AdopsConfig, concurrency: number) {
  const airbyte = await startLocalAirbyte({ seed: config, faults: { latencyMs: LATENCY } });
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock: createSystemClock() });
  let recorded = {};
  async function once() {
    airbyte.resetCounters();
    const started = performance.now();
    const r = await runProvisioning({ config, client, env, apply: true, concurrency, fingerprintKey: "bench", recorded });
    recorded = r.fingerprints;
    const failed = r.result?.outcomes.filter((o) => o.status !== "applied" && o.status !== "unchanged") ?? [];
    if (failed.length > 0) throw new Error(`${failed.length} connection(s) failed, e.g. ${failed[0]?.error}`);
    return { seconds: (performance.now() - started) / 1000, calls: { ...airbyte.calls }, writes: airbyte.writes(), planned: r.plan.summary };
  }
  try {
    return { first: await once(), second: await once() };
  } finally {
    await airbyte.close();
  }
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

console.log(`bench:provision — ${TENANTS} tenants x ${TEMPLATES.length} templates (${TENANTS * TEMPLATES.length} connections), ${LATENCY} ms latency per request, concurrency ${CONCURRENCY}`);
const main = await reconcile(syntheticConfig(TENANTS), CONCURRENCY);
console.log(`\nFirst run (from empty): ${main.first.seconds.toFixed(1)} s, ${total(main.first.calls)} API calls, ${main.first.writes} writes; planned ${JSON.stringify(main.first.planned)}`);
for (const [kind, n] of Object.entries(main.first.calls).sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(26)} ${n}`);
console.log(`\nSecond run (no-op): ${main.second.seconds.toFixed(1)} s, ${total(main.second.calls)} API calls, ${main.second.writes} writes`);
for (const [kind, n] of Object.entries(main.second.calls).sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(26)} ${n}`);

const base = await reconcile(syntheticConfig(BASELINE_TENANTS), 1);
const scale = TENANTS / BASELINE_TENANTS;
const label = BASELINE_TENANTS === TENANTS ? "measured" : `measured on ${BASELINE_TENANTS} tenants, scaled x${scale.toFixed(1)}`;
const firstBase = base.first.seconds * scale;
const secondBase = base.second.seconds * scale;
console.log(`\nConcurrency 1 (${label}): first run ${firstBase.toFixed(1)} s, no-op run ${secondBase.toFixed(1)} s`);
console.log(`Speed-up at concurrency ${CONCURRENCY}: first run x${(firstBase / main.first.seconds).toFixed(2)}, no-op run x${(secondBase / main.second.seconds).toFixed(2)}`);
if (main.second.writes !== 0) {
  console.error(`FAIL: the no-op run made ${main.second.writes} writes`);
  process.exit(1);
}
