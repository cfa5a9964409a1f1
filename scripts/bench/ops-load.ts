// Bench: `adops ops load` of 50 tenants x 90 days of reports (issue #13's goals: the full
// load under 60 s, a no-op reload in a few seconds). Generates the report folder on disk
// as bench:site does (hourly sync reports, one per matrix job of 4 tenants; health every
// 30 minutes; a nightly dbt build and orchestrator run; days past the 30-day retention
// rolled into monthly summaries), then times `adops ops load --no-airbyte` (the CLI in a
// child process, as a workflow runs it; SLA windows from config/) into DuckDB, and into
// PostgreSQL when its server binaries exist (startPostgres): the full load, then the no-op reload.
// Run: npm run bench:ops [-- --tenants 50 --days 90 --retention 30 --keep]
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { OpsTableCounts } from "../ops/mod.ts";
import { reportFolderArgs, writeReportFolder } from "./_report-folder.ts";
import { postgresAvailable, startPostgres } from "../standins/postgres/mod.ts";

const { tenantCount, days, retentionDays, keep } = reportFolderArgs();
const GOAL_FULL_SECONDS = 60;
const GOAL_NOOP_SECONDS = 5;

const root = await mkdtemp(join(tmpdir(), "adops-bench-ops-"));
await writeReportFolder(root, { tenantCount, days, retentionDays });

/** What `adops ops load --json` prints. */
interface LoadJson {
  files_loaded: number;
  files_unchanged: number;
  files_skipped: number;
  latest_copies: number;
  tables: { table: string; rows: number; counts?: OpsTableCounts }[];
}

function load(env: Record<string, string>, args: string[]): { seconds: number; result: LoadJson } {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "scripts/adops.ts", "ops", "load", "--dir", join(root, "reports"), "--no-airbyte", "--json", ...args], {
    env: { ...process.env, ADOPS_REPORT_DIR: join(root, "out"), ...env },
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return { seconds: (performance.now() - started) / 1000, result: JSON.parse(stdout.toString()) as LoadJson };
}

function describeLoad(label: string, goal: number, { seconds, result: r }: { seconds: number; result: LoadJson }): void {
  console.log(`${label}: ${seconds.toFixed(2)} s (goal < ${goal} s): ${r.files_loaded} files loaded, ${r.files_unchanged} unchanged, ${r.latest_copies} latest/ copies, ${r.files_skipped} skipped`);
  for (const x of r.tables) if (x.rows > 0) console.log(`  ${x.table.padEnd(20)} ${String(x.rows).padStart(9)} rows (${x.counts?.inserted ?? 0} inserted, ${x.counts?.updated ?? 0} updated, ${x.counts?.unchanged ?? 0} unchanged)`);
}

function bench(label: string, env: Record<string, string>, args: string[]): void {
  describeLoad(`${label} full load`, GOAL_FULL_SECONDS, load(env, args));
  describeLoad(`${label} no-op reload`, GOAL_NOOP_SECONDS, load(env, args));
}

bench("DuckDB", { DBT_DUCKDB_PATH: join(root, "warehouse.duckdb") }, ["--warehouse", "duckdb"]);
if (!postgresAvailable()) console.log("PostgreSQL: skipped (no server binaries; Debian package 'postgresql', or PG_BIN)");
else {
  const pg = await startPostgres();
  try {
    const env = { DBT_PG_HOST: pg.host, DBT_PG_PORT: String(pg.port), DBT_PG_USER: pg.user, DBT_PG_PASSWORD: pg.password, DBT_PG_DATABASE: pg.database };
    bench("PostgreSQL", env, ["--warehouse", "postgres"]);
  } finally {
    await pg.stop();
  }
}
if (keep) console.log(`kept ${root}`);
else await rm(root, { recursive: true, force: true });
