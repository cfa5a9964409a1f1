// Runs REAL dbt (dbt/.venv) once per engine: on the embedded DuckDB warehouse and on a
// real PostgreSQL server the test starts itself (startPostgres; raw tables in
// destination-postgres 3.x's Direct Load layout). Each gets 45 days of generated history
// for the shipped tenants, then two syncs through the stand-in destination writer (the
// second restates days inside each connector's lookback): a full `dbt build` after the
// first (TikTok off), the incremental post-sync build after the second (TikTok on, so the
// incremental fct both restates and backfills a platform it never saw). Every assertion
// reads the warehouse after the incremental build; the SQL here is portable
// (explicit `group by`, quoted mixed-case columns). About a minute on DuckDB (the grain
// mutation rebuilds), 20 s on Postgres. Without server binaries the Postgres half skips
// locally and fails under CI=true.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../config/mod.ts";
import process from "node:process";
import { createSystemClock } from "../runtime/clock.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { postgresAvailable, startPostgres } from "../standins/postgres/mod.ts";
import { warehouseSqlSkip } from "./testing.ts";
import {
  createDuckdbRawLoader,
  createPostgresRawLoader,
  landSyncs,
  META_PURCHASE_ACTION,
  queryDuckdb,
  queryPostgres,
  type RawLoader,
  seedWarehouse,
  syncStreamRecords,
} from "../standins/warehouse/mod.ts";
import { createDbtCli } from "./dbt-cli.ts";
import { runDbt, type RunDbtResult } from "./run-dbt.ts";
import { type RawPlatform, type TenantLayout, tenantLayoutsFromConfig } from "./tenant-layouts.ts";
import { dbtTenantsVar } from "./tenants-var.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const dbtBin = join(repo, "dbt/.venv/bin/dbt");
const python = join(repo, "dbt/.venv/bin/python");
const hasDbt = await stat(dbtBin).then(() => true, () => false);
const DAY = 86_400_000;

/** Per tenant, platform and day, straight from the raw tables (no dbt model involved). */
function rawTotalsSql(layouts: readonly TenantLayout[]): string {
  const parts: string[] = [];
  for (const t of layouts) {
    for (const [platform, a] of Object.entries(t.platforms) as [RawPlatform, NonNullable<TenantLayout["platforms"][RawPlatform]>][]) {
      const table = (stream: string) => `${a.namespace ?? t.namespace}.${a.prefix ?? t.prefix}${stream}`;
      const head = `select '${t.slug}' as tenant_slug, '${platform}' as platform`;
      const select: Record<RawPlatform, string> = {
        meta: `${head}, date_start as day, sum(spend) as spend, sum(impressions) as impressions, sum(clicks) as clicks, count(*) as raw_rows from ${table("ads_insights")} group by 1, 2, 3`,
        google_ads: `${head}, segments_date as day, sum(metrics_cost_micros) / 1000000.0 as spend, sum(metrics_impressions), sum(metrics_clicks), count(*) from ${table("campaign_performance")} group by 1, 2, 3`,
        microsoft_ads: `${head}, "TimePeriod" as day, sum("Spend"), sum("Impressions"), sum("Clicks"), count(*) from ${table("campaign_performance_report_daily")} group by 1, 2, 3`,
        linkedin: `${head}, start_date as day, sum("costInLocalCurrency"), sum(impressions), sum(clicks), count(*) from ${table("ad_campaign_analytics")} group by 1, 2, 3`,
        tiktok: `${head}, cast(stat_time_day as date) as day, sum(cast(metrics->>'spend' as decimal(38, 9))), sum(cast(metrics->>'impressions' as bigint)), sum(cast(metrics->>'clicks' as bigint)), count(*) from ${table("ads_reports_daily")} group by 1, 2, 3`,
      };
      parts.push(select[platform]);
    }
  }
  return parts.join("\nunion all\n");
}

interface DayTotals {
  key: string;
  raw: { spend: number; impressions: number; clicks: number; rows: number } | undefined;
  fct: { spend: number; spendReporting: number; impressions: number; clicks: number; campaigns: number; fx: number } | undefined;
  summary: { spend: number; impressions: number; clicks: number } | undefined;
}

/** A warehouse the reconciliation runs on: where raw data lands, how to read it, how dbt reaches it. */
interface Warehouse {
  loader: RawLoader;
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** dbt's environment and `--target`. */
  env: Record<string, string>;
  target?: string;
  /** The summed `value` of Meta's purchase action in an `actions` array column, in this engine's SQL. */
  purchases(column: string): string;
  close(): Promise<void>;
}

interface Engine {
  name: string;
  skip: string | false;
  /** The grain-mutation test rebuilds half the project: it runs on one engine only. */
  mutation: boolean;
  open(projectDir: string): Promise<Warehouse>;
}

const noDbt = "dbt/.venv missing: run node scripts/setup.mjs";
const ENGINES: Engine[] = [
  {
    name: "the embedded warehouse (DuckDB)",
    skip: warehouseSqlSkip(process.env) || (hasDbt ? false : noDbt),
    mutation: true,
    open(projectDir) {
      const database = join(projectDir, "w.duckdb");
      return Promise.resolve({
        loader: createDuckdbRawLoader({ databasePath: database, python }),
        query: (sql) => queryDuckdb(database, sql, { python }),
        env: { DBT_DUCKDB_PATH: database },
        purchases: (column) => `(select sum(cast(x->>'value' as decimal(38, 9))) from (select unnest(cast(${column} as json[])) as x) where x->>'action_type' = '${META_PURCHASE_ACTION}')`,
        close: () => Promise.resolve(),
      });
    },
  },
  {
    name: "a PostgreSQL warehouse (a server of its own, Direct Load raw tables)",
    // Locally a machine without the server skips with a reason; in CI it must be there (startPostgres throws).
    skip: warehouseSqlSkip(process.env) || (!hasDbt ? noDbt : !postgresAvailable() && process.env.CI !== "true" ? "no PostgreSQL server binaries (Debian package 'postgresql', or PG_BIN): the Postgres reconciliation did not run" : false),
    mutation: false,
    async open() {
      const pg = await startPostgres();
      return {
        loader: createPostgresRawLoader({ connection: pg, python }),
        query: (sql) => queryPostgres(pg, sql, { python }),
        env: pg.env,
        target: "postgres",
        purchases: (column) => `(select sum(cast(x->>'value' as decimal(38, 9))) from jsonb_array_elements(${column}) as x where x->>'action_type' = '${META_PURCHASE_ACTION}')`,
        close: () => pg.stop(),
      };
    },
  },
];

for (const engine of ENGINES) {
  describe(`${engine.name} reconciles with real dbt`, { skip: engine.skip }, () => {
    let dir = "";
    let warehouse: Warehouse | undefined;
    let fullBuild: RunDbtResult;
    let build: RunDbtResult;
    let layouts: TenantLayout[] = [];
    let days: DayTotals[] = [];
    const asOf = Date.parse(new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10) + "T07:00:00Z");
    const firstSync = asOf + DAY;
    const secondSync = asOf + 2 * DAY;
    const restatedDay = new Date(secondSync - 2 * DAY).toISOString().slice(0, 10);
    let restatedBefore = 0;
    const query = (sql: string) => warehouse!.query(sql);
    const dbtOptions = (project: string, targetDir: string) => ({
      cli: createDbtCli({ dbtPath: dbtBin, env: { PATH: process.env.PATH ?? "" } }),
      files: createNodeFiles(project),
      clock: createSystemClock(),
      projectDir: project,
      profilesDir: project,
      targetRoot: join(project, "target", targetDir),
      vars: { tenants: dbtTenantsVar(layouts), enable_linkedin: true, enable_tiktok: true },
      env: warehouse!.env,
      ...(warehouse!.target === undefined ? {} : { target: warehouse!.target }),
    });

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "adops-reconcile-"));
      const project = join(dir, "project");
      for (const part of ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests"]) await cp(join(repo, "dbt", part), join(project, part), { recursive: true });
      warehouse = await engine.open(project);
      const loaded = await loadConfig(createNodeFiles(repo), "config", { env: {} });
      assert.ok(loaded.ok, "the shipped config loads");
      layouts = tenantLayoutsFromConfig(loaded.config);
      await seedWarehouse(layouts, { loader: warehouse.loader, asOf, days: 45 });
      const options = dbtOptions(project, "reconcile");
      const dbtBuild = (args: string[], vars: Record<string, unknown>) =>
        runDbt({ mode: "full", notes: [], steps: [{ id: "build", name: "build", command: ["build"], args, which: "build" }] }, { ...options, vars: { ...options.vars, ...vars } });
      // The nightly full build after the first sync, TikTok still off; then the second sync
      // (restating days inside each lookback) and the run dbt.yml makes after a sync, with
      // TikTok switched on: the incremental fct must restate those days and backfill
      // island-telecom's whole TikTok history, which it has never seen.
      await landSyncs(warehouse.loader, layouts, { jobId: 101, emittedAt: firstSync });
      const [row] = await query(`select sum(${warehouse.purchases("actions")}) as n from raw_acme_retail.acme_ads_insights where date_start = '${restatedDay}'`);
      restatedBefore = Number(row?.n);
      fullBuild = await dbtBuild([], { enable_tiktok: false });
      await landSyncs(warehouse.loader, layouts, { jobId: 102, emittedAt: secondSync });
      build = await dbtBuild(["--select", "path:models/staging+"], {});
      days = await reconcileDays(layouts);
    });

    async function reconcileDays(layouts: readonly TenantLayout[]): Promise<DayTotals[]> {
      const rows = await query(`
        with raw as (${rawTotalsSql(layouts)}),
        fct as (
          select tenant_slug, platform, date_day as day, sum(spend_account_currency) as spend, sum(spend_reporting_currency) as spend_reporting,
            sum(impressions) as impressions, sum(clicks) as clicks, count(*) as campaigns, max(fx_rate) as fx
          from marts.fct_campaign_performance group by 1, 2, 3
        ),
        summary as (select tenant_slug, platform, date_day as day, spend, impressions, clicks from metrics.daily_campaign_summary)
        select coalesce(raw.tenant_slug, fct.tenant_slug, summary.tenant_slug) || '|' || coalesce(raw.platform, fct.platform, summary.platform) || '|' || cast(coalesce(raw.day, fct.day, summary.day) as varchar) as key,
          raw.spend as raw_spend, raw.impressions as raw_impressions, raw.clicks as raw_clicks, raw.raw_rows,
          fct.spend as fct_spend, fct.spend_reporting as fct_spend_reporting, fct.impressions as fct_impressions, fct.clicks as fct_clicks, fct.campaigns as fct_campaigns, fct.fx as fct_fx,
          summary.spend as summary_spend, summary.impressions as summary_impressions, summary.clicks as summary_clicks
        from raw
        full outer join fct on raw.tenant_slug = fct.tenant_slug and raw.platform = fct.platform and raw.day = fct.day
        full outer join summary on coalesce(raw.tenant_slug, fct.tenant_slug) = summary.tenant_slug and coalesce(raw.platform, fct.platform) = summary.platform and coalesce(raw.day, fct.day) = summary.day
        order by key`);
      const n = (v: unknown) => Number(v);
      return rows.map((r) => ({
        key: String(r.key),
        raw: r.raw_rows === null ? undefined : { spend: n(r.raw_spend), impressions: n(r.raw_impressions), clicks: n(r.raw_clicks), rows: n(r.raw_rows) },
        fct: r.fct_campaigns === null ? undefined : { spend: n(r.fct_spend), spendReporting: n(r.fct_spend_reporting), impressions: n(r.fct_impressions), clicks: n(r.fct_clicks), campaigns: n(r.fct_campaigns), fx: n(r.fct_fx) },
        summary: r.summary_impressions === null ? undefined : { spend: n(r.summary_spend), impressions: n(r.summary_impressions), clicks: n(r.summary_clicks) },
      }));
    }

    /** Tenant-platform-days whose fct totals differ from the raw tables'. */
    function mismatches(list: readonly DayTotals[]): DayTotals[] {
      return list.filter((d) => d.raw === undefined || d.fct === undefined || Math.abs(d.raw.spend - d.fct.spend) > 0.00005 || d.raw.impressions !== d.fct.impressions || d.raw.clicks !== d.fct.clicks);
    }

    after(async () => {
      await warehouse?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("dbt build passes every model and test on the shipped tenants, full and then incremental with TikTok switched on", () => {
      for (const run of [fullBuild, build]) {
        const bad = run.outcomes.flatMap((o) => o.nodes).filter((node) => !["success", "pass"].includes(node.status));
        assert.deepEqual(bad.map((node) => `${node.unique_id}: ${node.status} ${node.message ?? ""}`), []);
        assert.equal(run.outcome, "ok");
      }
      const platforms = new Set(days.map((d) => d.key.split("|").slice(0, 2).join("|")));
      assert.ok(platforms.has("blue-mountain-coffee|linkedin") && platforms.has("island-telecom|tiktok"), [...platforms].join(", "));
    });

    it("builds the ops models empty on a warehouse no ops load has filled yet", async () => {
      const nodes = fullBuild.outcomes.flatMap((o) => o.nodes).filter((n) => n.unique_id.startsWith("model.adops.ops_"));
      assert.deepEqual(nodes.map((n) => n.status), ["success", "success", "success", "success"]);
      const [row] = await query(`select (select count(*) from ops_marts.ops_sync_sla_daily) + (select count(*) from ops_marts.ops_sla_weekly) as n`);
      assert.equal(Number(row?.n), 0);
    });

    it("fct_campaign_performance has the raw tables' spend, impressions and clicks per tenant, platform and day", () => {
      assert.deepEqual(mismatches(days).slice(0, 5), []);
      assert.ok(days.length > 13 * 40, `${days.length} tenant-platform-days`);
      assert.ok(days.some((d) => d.raw !== undefined && d.fct !== undefined && d.raw.rows > d.fct.campaigns), "some days sum several raw rows per campaign");
      const totals = new Map<string, { rawSpend: number; fctSpend: number; rawRows: number; impressions: number; clicks: number; summarySpend: number }>();
      for (const d of days) {
        const platform = d.key.split("|")[1] ?? "";
        const t = totals.get(platform) ?? { rawSpend: 0, fctSpend: 0, rawRows: 0, impressions: 0, clicks: 0, summarySpend: 0 };
        t.rawSpend += d.raw?.spend ?? 0;
        t.fctSpend += d.fct?.spend ?? 0;
        t.rawRows += d.raw?.rows ?? 0;
        t.impressions += d.fct?.impressions ?? 0;
        t.clicks += d.fct?.clicks ?? 0;
        t.summarySpend += d.summary?.spend ?? 0;
        totals.set(platform, t);
      }
      for (const [platform, t] of totals) {
        console.log(`reconcile ${platform}: raw rows ${t.rawRows}, spend raw ${t.rawSpend.toFixed(2)} = fct ${t.fctSpend.toFixed(2)} (account currencies), impressions ${t.impressions}, clicks ${t.clicks}, summary spend ${t.summarySpend.toFixed(2)} USD`);
      }
    });

    it("the post-sync build rewrote only each platform's lookback and the new platform's whole history", async () => {
      const rows = await query(`
        with latest as (select max(refreshed_at) as at from marts.fct_campaign_performance)
        select platform, count(*) as n_rows, sum(case when refreshed_at = latest.at then 1 else 0 end) as rewritten,
          min(case when refreshed_at = latest.at then date_day end) as first_rewritten, max(date_day) as newest
        from marts.fct_campaign_performance, latest group by platform order by platform`);
      const by = new Map(rows.map((r) => [String(r.platform), { rows: Number(r.n_rows), rewritten: Number(r.rewritten), first: String(r.first_rewritten).slice(0, 10), newest: String(r.newest).slice(0, 10) }]));
      const tiktok = by.get("tiktok");
      assert.ok(tiktok !== undefined && tiktok.rows > 40 && tiktok.rewritten === tiktok.rows, `TikTok backfilled whole: ${JSON.stringify(tiktok)}`);
      const lookback = { meta: 28, google_ads: 30, microsoft_ads: 3, linkedin: 2 } as const;
      const earliest = Math.min(...Object.keys(lookback).map((p) => Date.parse(by.get(p)!.newest) - lookback[p as keyof typeof lookback] * DAY - DAY));
      for (const p of Object.keys(lookback)) {
        const x = by.get(p)!;
        assert.ok(x.rewritten < x.rows, `${p}: older days kept (${x.rewritten} of ${x.rows} rewritten)`);
        assert.ok(Date.parse(x.first) >= earliest, `${p}: first rewritten day ${x.first}`);
      }
    });

    it("daily_campaign_summary has the same impressions and clicks, and the spend converted at the day's rate", () => {
      const wrong = days.filter((d) => d.summary === undefined || d.raw === undefined || d.fct === undefined || d.summary.impressions !== d.raw.impressions || d.summary.clicks !== d.raw.clicks ||
        Math.abs(d.summary.spend - d.fct.spendReporting) > 0.00005 || Math.abs(d.summary.spend - d.raw.spend * d.fct.fx) > 0.0001 * d.fct.campaigns);
      assert.deepEqual(wrong.slice(0, 5), []);
    });

    it("a conversion restated inside the lookback is counted once, at its latest value", async () => {
      const acme = layouts.find((t) => t.slug === "acme-retail")!;
      const [insights] = syncStreamRecords(acme, "meta", { emittedAt: secondSync, streams: ["ads_insights"] });
      const latest = (insights?.records ?? []).filter((r) => r.date_start === restatedDay)
        .reduce((sum, r) => sum + ((r.actions as { action_type: string; value: number }[]).find((x) => x.action_type === META_PURCHASE_ACTION)?.value ?? 0), 0);
      const [fct] = await query(`select sum(conversions) as n from marts.fct_campaign_performance where tenant_slug = 'acme-retail' and platform = 'meta' and date_day = '${restatedDay}'`);
      const [raw] = await query(`select count(*) as n, count(distinct ad_id) as ads, min(_airbyte_meta->>'sync_id') as sync from raw_acme_retail.acme_ads_insights where date_start = '${restatedDay}'`);
      assert.equal(raw?.n, raw?.ads, "append_dedup kept one row per ad");
      assert.equal(raw?.sync, "102", "the second sync's restatement");
      assert.ok(latest > restatedBefore, `restated upwards: ${restatedBefore} -> ${latest}`);
      assert.equal(Number(fct?.n), latest, "the latest value, not the sum of both syncs");
    });

    // Last: it rebuilds Meta's staging and everything downstream in the same warehouse.
    it("the reconciliation fails when a staging model drops a grain column (Meta keeping one ad per campaign-day, as before #11)", { skip: engine.mutation ? false : "DuckDB only (one rebuild is enough)" }, async () => {
      const project = join(dir, "project");
      const model = join(project, "models/staging/meta/stg_meta__campaign_stats.sql");
      const sql = await readFile(model, "utf8");
      const dropped = sql.replace("    from source\n),\n\ncampaign_days", "    from source\n    where ad_id in (select min(ad_id) from source group by tenant_slug, campaign_id, date_start)\n),\n\ncampaign_days");
      assert.notEqual(dropped, sql, "the mutation applies to the shipped model");
      await writeFile(model, dropped);
      const rebuilt = await runDbt({ mode: "full", notes: [], steps: [{ id: "build", name: "build", command: ["build"], args: ["--select", "stg_meta__campaign_stats+", "--exclude", "test_type:data"], which: "build" }] }, dbtOptions(project, "reconcile-dropped"));
      assert.equal(rebuilt.outcome, "ok", "the mutated models still build (dbt's own tests do not see the lost rows)");
      const wrong = mismatches(await reconcileDays(layouts));
      assert.ok(wrong.length > 0, "some tenant-platform-days no longer reconcile");
      assert.ok(wrong.every((d) => d.key.split("|")[1] === "meta"), wrong.slice(0, 3).map((d) => d.key).join(", "));
    });
  });
}
