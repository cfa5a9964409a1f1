// Bench: `adops ops load` of 50 tenants x 90 days of reports (issue #13's goals: the full
// load under 60 s, a no-op reload in a few seconds). Generates the report folder on disk
// as bench:site does (hourly sync reports, one per matrix job of 4 tenants; health every
// 30 minutes; a nightly dbt build and orchestrator run; days past the 30-day retention
// rolled into monthly summaries), then times loadOps into DuckDB, and into PostgreSQL when
// its server binaries exist (startPostgres): the full load, then the no-op reload.
// Run: npm run bench:ops [-- --tenants 50 --days 90 --retention 30 --keep]
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { createOpsWarehouse, loadOps, type OpsLoadResult, type OpsWarehouseTarget } from "../ops/mod.ts";
import { generateReportHistory } from "../report/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { findPostgresBinaries, startPostgres } from "../standins/postgres/mod.ts";

const { values } = parseArgs({
  options: {
    tenants: { type: "string", default: "50" },
    days: { type: "string", default: "90" },
    retention: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
  },
});
const tenantCount = Number(values.tenants);
const days = Number(values.days);
const retentionDays = Number(values.retention);
const GOAL_FULL_SECONDS = 60;
const GOAL_NOOP_SECONDS = 5;
const python = "dbt/.venv/bin/python";

const root = await mkdtemp(join(tmpdir(), "adops-bench-ops-"));
const files = createNodeFiles(root);
const now = Date.UTC(2026, 10, 23, 17, 0);
const tenants = Array.from({ length: tenantCount }, (_, i) => `tenant-${String(i + 1).padStart(2, "0")}`);

let t = performance.now();
let written = 0;
let bytes = 0;
for (const [path, text] of generateReportHistory({ tenants, days, now, retentionDays, staleTenant: tenants[1] ?? "tenant-02" })) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
  written += 1;
  bytes += text.length;
}
console.log(`generated ${written} files (${(bytes / 1e6).toFixed(0)} MB) for ${tenantCount} tenants x ${days} days in ${((performance.now() - t) / 1000).toFixed(1)} s (retention ${retentionDays} days, older days in monthly summaries)`);

function describeLoad(label: string, seconds: number, goal: number, r: OpsLoadResult): void {
  console.log(`${label}: ${seconds.toFixed(2)} s (goal < ${goal} s): ${r.loaded} files loaded, ${r.unchanged} unchanged, ${r.duplicates} latest/ copies, ${r.skipped} skipped`);
  for (const x of r.tables) if (x.rows > 0) console.log(`  ${x.table.padEnd(20)} ${String(x.rows).padStart(9)} rows (${x.counts?.inserted ?? 0} inserted, ${x.counts?.updated ?? 0} updated, ${x.counts?.unchanged ?? 0} unchanged)`);
}

async function bench(label: string, target: OpsWarehouseTarget): Promise<void> {
  const warehouse = createOpsWarehouse(target, { python, tempDir: root });
  t = performance.now();
  const full = await loadOps({ files, dir: "reports", warehouse, now: () => now });
  describeLoad(`${label} full load`, (performance.now() - t) / 1000, GOAL_FULL_SECONDS, full);
  t = performance.now();
  const noop = await loadOps({ files, dir: "reports", warehouse, now: () => now });
  describeLoad(`${label} no-op reload`, (performance.now() - t) / 1000, GOAL_NOOP_SECONDS, noop);
}

await bench("DuckDB", { kind: "duckdb", path: join(root, "warehouse.duckdb") });
if (findPostgresBinaries() === undefined) console.log("PostgreSQL: skipped (no server binaries; Debian package 'postgresql', or PG_BIN)");
else {
  const pg = await startPostgres();
  try {
    await bench("PostgreSQL", { kind: "postgres", settings: { host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database } });
  } finally {
    await pg.stop();
  }
}
console.log(`memory: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
if (values.keep) console.log(`kept ${root}`);
else await rm(root, { recursive: true, force: true });
