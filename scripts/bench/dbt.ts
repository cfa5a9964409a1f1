// npm run bench:dbt — what a full `dbt build` costs against the incremental run after one
// more sync, as the tenant count grows (issue #12, Deliver 5).
//
// For each engine and tenant count N: N tenants cloned from the shipped tenants' layouts
// (config/tenants/*.yml, round robin, each clone with its own slug, namespace and prefixes),
// 90 days of generated history landed with seedWarehouse, then a full `dbt build` (timed,
// the baseline), then one more day: the next daily sync of every tenant's connections
// written through the stand-in destination writer (each stats stream re-reads its lookback,
// append_dedup as destination-postgres does), then the run dbt.yml makes after a sync,
// `dbt build --select path:models/staging+ --exclude tag:full_history` (timed): the incremental
// marts rebuild each platform's lookback, and the view tests that re-read all history wait
// for the nightly build. It prints raw rows, the records the
// sync landed, both wall times and the ratio incremental/full.
//
// Engines: DuckDB on a temporary file per N; PostgreSQL on one server the bench starts
// itself (startPostgres, a fresh database per N) and stops at the end. dbt runs through
// the CLI (one `dbt` process per build, as the reconciliation test does), with LinkedIn and
// TikTok enabled and the partial-parse file kept between the two builds of a pair, as
// `adops dbt` keeps it between runs.
//
//   npm run bench:dbt -- [--tenants 10,50,200] [--engines duckdb,postgres] [--days 90]
import { cp, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/mod.ts";
import { createDbtCli, dbtTenantsVar, type RawPlatform, runDbt, type RunDbtResult, type TenantLayout, tenantLayoutsFromConfig } from "../dbt/mod.ts";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { postgresAvailable, type PostgresServer, startPostgres } from "../standins/postgres/mod.ts";
import { createDuckdbRawLoader, createPostgresRawLoader, landSyncs, type RawLoader, seedWarehouse } from "../standins/warehouse/mod.ts";

const { values } = parseArgs({
  options: { tenants: { type: "string", default: "10,50,200" }, engines: { type: "string", default: "duckdb,postgres" }, days: { type: "string", default: "90" } },
});
const COUNTS = values.tenants.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const ENGINES = values.engines.split(",").map((s) => s.trim()).filter(Boolean);
const DAYS = Number(values.days);
for (const e of ENGINES) if (e !== "duckdb" && e !== "postgres") throw new RangeError(`Unknown engine '${e}': use duckdb, postgres`);
if (COUNTS.length === 0) throw new RangeError(`No tenant count in '${values.tenants}'`);

const repo = resolve(import.meta.dirname ?? ".", "../..");
const dbtBin = join(repo, "dbt/.venv/bin/dbt");
const python = join(repo, "dbt/.venv/bin/python");
if (!(await stat(dbtBin).then(() => true, () => false))) throw new Error(`No dbt at '${dbtBin}': run node scripts/setup.mjs`);
const DAY = 86_400_000;
const INCREMENTAL_SELECT = "path:models/staging+";
/** dbt.yml's after_sync run leaves the view tests that re-read all history to the nightly build. */
const INCREMENTAL_EXCLUDE = "tag:full_history";

/** N tenants cloned round robin from the shipped ones, each with its own slug, namespaces and prefixes. */
function cloneTenants(shipped: readonly TenantLayout[], n: number): TenantLayout[] {
  return Array.from({ length: n }, (_, i) => {
    const base = shipped[i % shipped.length]!;
    const tag = `b${String(i).padStart(3, "0")}`;
    const ns = (s: string) => `${s}_${tag}`;
    const px = (s: string) => `${tag}_${s}`;
    const platforms: TenantLayout["platforms"] = {};
    for (const [p, a] of Object.entries(base.platforms) as [RawPlatform, NonNullable<TenantLayout["platforms"][RawPlatform]>][]) {
      platforms[p] = { ...a, ...(a.namespace === undefined ? {} : { namespace: ns(a.namespace) }), ...(a.prefix === undefined ? {} : { prefix: px(a.prefix) }) };
    }
    const streamTargets: TenantLayout["streamTargets"] = {};
    for (const [p, targets] of Object.entries(base.streamTargets) as [RawPlatform, Record<string, { namespace: string; prefix: string }>][]) {
      streamTargets[p] = Object.fromEntries(Object.entries(targets).map(([s, t]) => [s, { namespace: ns(t.namespace), prefix: px(t.prefix) }]));
    }
    return { slug: `${base.slug}-${tag}`, namespace: ns(base.namespace), prefix: px(base.prefix), platforms, streamTargets };
  });
}

/** One warehouse for one tenant count: where raw data lands and how dbt reaches it. */
interface Warehouse {
  loader: RawLoader;
  env: Record<string, string>;
  target?: string;
  close(): Promise<void>;
}

let server: PostgresServer | undefined;
async function openWarehouse(engine: string, dir: string, n: number): Promise<Warehouse> {
  if (engine === "duckdb") {
    const databasePath = join(dir, `bench-${n}.duckdb`);
    return { loader: createDuckdbRawLoader({ databasePath, python }), env: { DBT_DUCKDB_PATH: databasePath }, close: () => Promise.resolve() };
  }
  server ??= await startPostgres();
  const database = `bench_${n}`;
  await server.query(`create database ${database}`);
  return {
    loader: createPostgresRawLoader({ connection: { ...server, database }, python }),
    env: { ...server.env, DBT_PG_DATABASE: database },
    target: "postgres",
    close: () => Promise.resolve(),
  };
}

interface Row {
  engine: string;
  tenants: number;
  rawRows: number;
  syncRecords: number;
  fullMs: number;
  incrementalMs: number;
  nodes: [number, number];
  /** The incremental build's slowest nodes (name, seconds). */
  slowest: [string, number][];
  problems: string[];
}

function problemsOf(label: string, result: RunDbtResult): string[] {
  const bad = result.outcomes.flatMap((o) => [...(o.error ? [`${label}: dbt did not run: ${o.error}`] : []), ...o.nodes.filter((x) => !["success", "pass"].includes(x.status)).map((x) => `${label}: ${x.unique_id} ${x.status}`)]);
  return result.outcome === "ok" ? bad : [`${label}: outcome ${result.outcome}`, ...bad];
}

async function benchOne(engine: string, shipped: readonly TenantLayout[], n: number, dir: string): Promise<Row> {
  const project = join(dir, `project-${engine}-${n}`);
  for (const part of ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests"]) await cp(join(repo, "dbt", part), join(project, part), { recursive: true });
  const warehouse = await openWarehouse(engine, dir, n);
  const layouts = cloneTenants(shipped, n);
  const asOf = Date.parse(new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10) + "T07:00:00Z");
  const seeded = await seedWarehouse(layouts, { loader: warehouse.loader, asOf, days: DAYS });
  const rawRows = seeded.tables.reduce((sum, t) => sum + t.rows, 0);
  const dbt = (which: string, args: string[]) =>
    runDbt({ mode: "full", notes: [], steps: [{ id: which, name: "build", command: ["build"], args, which: "build" }] }, {
      cli: createDbtCli({ dbtPath: dbtBin, env: { PATH: process.env.PATH ?? "" } }),
      files: createNodeFiles(project),
      clock: createSystemClock(),
      projectDir: project,
      profilesDir: project,
      targetRoot: join(project, "target", which),
      partialParseFile: join(project, "target", "partial_parse.msgpack"),
      vars: { tenants: dbtTenantsVar(layouts), enable_linkedin: true, enable_tiktok: true },
      env: warehouse.env,
      ...(warehouse.target === undefined ? {} : { target: warehouse.target }),
    });
  let t0 = performance.now();
  const full = await dbt("full", []);
  const fullMs = performance.now() - t0;
  // One more day: every connection's next daily sync, through the destination writer.
  const syncRecords = await landSyncs(warehouse.loader, layouts, { jobId: 9001, emittedAt: asOf + DAY });
  t0 = performance.now();
  const incremental = await dbt("incremental", ["--select", INCREMENTAL_SELECT, "--exclude", INCREMENTAL_EXCLUDE]);
  const incrementalMs = performance.now() - t0;
  await warehouse.close();
  const nodes = (r: RunDbtResult) => r.outcomes.reduce((sum, o) => sum + o.nodes.length, 0);
  const slowest = incremental.outcomes.flatMap((o) => o.nodes).sort((a, b) => b.execution_time - a.execution_time).slice(0, 5).map((x): [string, number] => [x.name, x.execution_time]);
  return { engine, tenants: n, rawRows, syncRecords, fullMs, incrementalMs, nodes: [nodes(full), nodes(incremental)], slowest, problems: [...problemsOf("full", full), ...problemsOf("incremental", incremental)] };
}

function printTable(rows: readonly Row[]): void {
  const header = ["engine", "tenants", "raw rows", "sync records", "full build", "incremental", "incr/full", "nodes full/incr"];
  const body = rows.map((r) => [r.engine, String(r.tenants), r.rawRows.toLocaleString("en-US"), r.syncRecords.toLocaleString("en-US"), `${(r.fullMs / 1000).toFixed(1)} s`, `${(r.incrementalMs / 1000).toFixed(1)} s`, (r.incrementalMs / r.fullMs).toFixed(2), `${r.nodes[0]}/${r.nodes[1]}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
}

const loaded = await loadConfig(createNodeFiles(repo), "config", { env: {} });
if (!loaded.ok) throw new Error("The shipped config does not load");
const shipped = tenantLayoutsFromConfig(loaded.config);
const dir = await mkdtemp(join(tmpdir(), "adops-bench-dbt-"));
const rows: Row[] = [];
try {
  for (const engine of ENGINES) {
    if (engine === "postgres" && !postgresAvailable()) {
      console.log("postgres: skipped (no PostgreSQL server binaries: Debian package 'postgresql', or PG_BIN)");
      continue;
    }
    for (const n of COUNTS) {
      const row = await benchOne(engine, shipped, n, dir);
      rows.push(row);
      console.log(`${engine} ${n} tenants: ${row.rawRows} raw rows, full ${(row.fullMs / 1000).toFixed(1)} s, incremental ${(row.incrementalMs / 1000).toFixed(1)} s`);
      console.log(`  slowest in the incremental run: ${row.slowest.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ")}`);
      for (const p of row.problems.slice(0, 10)) console.log(`  ${p}`);
    }
  }
} finally {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}
console.log("");
console.log(`dbt build (CLI, ${DAYS} days of history, tenants cloned from the ${shipped.length} shipped ones); incremental: one more daily sync, then build --select ${INCREMENTAL_SELECT} --exclude ${INCREMENTAL_EXCLUDE}`);
printTable(rows);
if (rows.some((r) => r.problems.length > 0)) process.exitCode = 1;
