import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { AdopsError, formatDuration, UsageError } from "../core/mod.ts";
import { formatProblem, loadConfig } from "../config/mod.ts";
import { POSTGRES_ENV_NAMES, readPostgresSettings, tenantLayoutsFromConfig } from "../dbt/mod.ts";
import { type PostgresServer, startPostgres } from "../standins/postgres/mod.ts";
import { createDuckdbDestinationWriter, createDuckdbRawLoader, createPostgresDestinationWriter, type PostgresConnection } from "../standins/warehouse/mod.ts";
import { planCycle, whatIfInstant } from "./demo-cycle-plan.ts";
import { renderTable } from "./demo-render-table.ts";
import { runInProcess } from "../cli/run-in-process.ts";
import { reportDir } from "./write-run-report.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { dbtCommand } from "./dbt.ts";
import { warmDbtWorker } from "./dbt-port.ts";
import { healthCommand } from "./health.ts";
import { notifyCommand } from "./notify.ts";
import { opsCommand } from "./ops.ts";
import { orchestrateCommand } from "./orchestrate.ts";
import { planCommand } from "./plan.ts";
import { provisionCommand } from "./provision.ts";
import { reportCommand } from "./report.ts";
import { syncCommand } from "./sync.ts";

/** Where the demo builds the status site. */
const SITE_DIR = ".adops/site";
/** The libpq password file for the demo's own PostgreSQL server (removed when it stops). */
const PGPASS_FILE = ".adops/postgres/pgpass";

interface DemoPostgres {
  connection: PostgresConnection;
  /** The DBT_PG_* variables for the steps. */
  env: Record<string, string>;
  describe: string;
  /** How to look inside, printed at the end. */
  psql: string;
  stop(): Promise<void>;
}

/**
 * The demo's PostgreSQL warehouse: the server the DBT_PG_* variables name, else (none of
 * them set) a server of its own, stopped at the end. Its password goes to a 0600 libpq
 * password file, never to the output.
 */
async function demoPostgres(env: Readonly<Record<string, string | undefined>>, pgpass: string): Promise<DemoPostgres> {
  const settings = readPostgresSettings(env);
  if (settings.ok) {
    const { host, port, user, database } = settings.value;
    return {
      connection: settings.value,
      env: Object.fromEntries(POSTGRES_ENV_NAMES.flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
      describe: `PostgreSQL ${user}@${host}:${port}/${database} (DBT_PG_*)`,
      psql: `psql -h ${host} -p ${port} -U ${user} -d ${database}   (raw schemas raw_*, marts in marts, metrics)`,
      stop: () => Promise.resolve(),
    };
  }
  if (POSTGRES_ENV_NAMES.some((name) => env[name])) {
    throw new AdopsError(`--warehouse postgres: ${settings.issues.join("; ")}`, { kind: "config_error", hint: "Set every DBT_PG_* variable, or none (the demo then starts a PostgreSQL server of its own)" });
  }
  let server: PostgresServer;
  try {
    server = await startPostgres();
  } catch (error) {
    throw new AdopsError(`--warehouse postgres: cannot start a PostgreSQL server: ${(error as Error).message}`, { kind: "config_error", hint: "Install the Debian package 'postgresql' (or set PG_BIN), or set DBT_PG_* to a server of yours", cause: error });
  }
  await mkdir(dirname(pgpass), { recursive: true });
  await writeFile(pgpass, `${server.host}:${server.port}:*:${server.user}:${server.password}\n`, { mode: 0o600 });
  return {
    connection: server,
    env: server.env,
    describe: `PostgreSQL ${server.user}@${server.host}:${server.port}/${server.database} (a server of the demo's own, stopped at the end)`,
    psql: `PGPASSFILE=${pgpass} ${server.binDir}/psql -h ${server.host} -p ${server.port} -U ${server.user} -d ${server.database}   (while the demo runs; set DBT_PG_* to keep the warehouse)`,
    async stop() {
      await server.stop();
      await rm(pgpass, { force: true });
    },
  };
}

interface StepRow {
  step: string;
  what: string;
  exitCode: number;
  ok: boolean;
  /** Wall time of the step. */
  seconds: number;
}

/** `adops demo` (`npm start`): the whole scheduled cycle, locally, against the stand-ins, DuckDB and real dbt. */
export const demoCommand = defineCommand({
  name: "demo",
  summary: "Run the whole scheduled cycle locally (stand-ins, DuckDB, real dbt)",
  description: [
    "Validates config/, starts the local Airbyte (contract-checked) whose syncs land generated raw data in DuckDB,",
    "provisions every tenant (twice: the second run makes no writes), runs the hourly sync, the nightly dbt build,",
    "the daily orchestrator, then health, the Slack message on-call would get, the status page, what health and",
    "Slack say two hours later if no sync ran (reports of that what-if go to <reports>/what-if), the status site",
    "built from the reports into .adops/site (the path of its index.html is printed last), and last the ops load",
    "(every run's facts and Airbyte's job history into the warehouse's ops schema) and the dbt ops models on it.",
    "Reports go to .adops/reports; the warehouse is DBT_DUCKDB_PATH (default .adops/warehouse.duckdb), or with",
    "--warehouse postgres the DBT_PG_* server (else a PostgreSQL server the demo starts and stops), dbt on --target postgres.",
  ].join("\n"),
  examples: ["npm start", "adops demo --skip dbt,orchestrate", "npm start -- --warehouse postgres"],
  options: {
    warehouse: {
      type: "string",
      valueName: "<duckdb|postgres>",
      description: "Where the local Airbyte lands raw data and dbt builds: the embedded DuckDB file, or PostgreSQL (the DBT_PG_* server, else one the demo starts and stops itself) in destination-postgres' layout",
      default: "duckdb",
    },
    skip: { type: "string", valueName: "<steps>", description: "Comma list of steps to skip: provision, sync, dbt, orchestrate, health, notify, status, ops, what-if, site" },
  },
  async run(ctx, { values }) {
    const skip = new Set((values.skip ?? "").split(",").map((s) => s.trim()).filter(Boolean));
    const rows: StepRow[] = [];
    const heading = (n: number, text: string) => ctx.out(`\n== ${n}. ${text}`);

    heading(1, "validate config/");
    const validateStarted = ctx.clock.now();
    const loaded = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env });
    for (const p of loaded.problems.filter((p) => p.level === "error")) ctx.out(formatProblem(p));
    if (!loaded.ok) return { exitCode: ExitCode.config, json: { ok: false, problems: loaded.problems } };
    const config = loaded.config;
    ctx.out(`   ${config.tenants.length} tenants, ${config.tenants.reduce((n, t) => n + t.connections.length, 0)} connections; ${loaded.problems.length} warning(s) (secrets are not set locally, which is expected)`);
    rows.push({ step: "validate", what: "config/ against schemas/ and the semantic rules", exitCode: 0, ok: true, seconds: (ctx.clock.now() - validateStarted) / 1000 });

    heading(2, "the scheduled cycle as of now, in each tenant's time zone");
    const cycle = planCycle(config, ctx.clock.now());
    ctx.out(renderTable(
      ["tenant", "connection", "status", "schedule", "last due", "next"],
      cycle.map((r) => [r.tenant, r.connection, r.status, r.schedule, r.lastDue, r.next]),
    ).replace(/^/gm, "   "));

    const onPostgres = values.warehouse === "postgres";
    if (!onPostgres && values.warehouse !== "duckdb") throw new UsageError(`Unknown --warehouse '${values.warehouse}'`, "Use duckdb or postgres");
    heading(3, `start the local Airbyte 1.8 stand-in (contract-checked; syncs land raw data in ${onPostgres ? "PostgreSQL" : "DuckDB"})`);
    const warehouse = resolve(ctx.cwd, ctx.env.DBT_DUCKDB_PATH || ".adops/warehouse.duckdb");
    const tenants = tenantLayoutsFromConfig(config);
    const postgres = onPostgres ? await demoPostgres(ctx.env, resolve(ctx.cwd, PGPASS_FILE)) : undefined;
    const airbyte = await startLocalAirbyte({
      seed: config,
      env: ctx.env,
      contractCheck: true,
      jobs: { durationMs: 1_500, pendingMs: 0 },
      destination: postgres === undefined
        ? createDuckdbDestinationWriter({ loader: createDuckdbRawLoader({ databasePath: warehouse }), tenants })
        : createPostgresDestinationWriter({ connection: postgres.connection, tenants }),
      ...(postgres === undefined ? {} : {
        seededDestination: {
          definitionName: "Postgres",
          configuration: { host: postgres.connection.host, port: postgres.connection.port, database: postgres.connection.database, schema: "public", username: postgres.connection.user, ssl_mode: { mode: "disable" } },
        },
      }),
    }).catch(async (error: unknown) => {
      await postgres?.stop();
      throw error;
    });
    // Sources in the local Airbyte need credentials: stand-in values for every secret
    // variable config names that is not set (they only ever reach the local server).
    const env: Record<string, string> = { AIRBYTE_BASE_URL: airbyte.url, ...(postgres === undefined ? { DBT_DUCKDB_PATH: warehouse } : { DBT_TARGET: "postgres", ...postgres.env }) };
    for (const name of config.secretEnvNames) {
      if (!ctx.env[name] && name !== "SLACK_WEBHOOK_URL") env[name] = `local-demo-${name.toLowerCase().replace(/_/g, "-")}`;
    }
    ctx.out(`   listening on ${airbyte.url}; warehouse ${postgres === undefined ? warehouse : postgres.describe}`);
    if (postgres !== undefined) ctx.out(`   psql: ${postgres.psql}`);
    // dbt's Python starts (and imports dbt) while provisioning and the syncs run.
    if (!skip.has("dbt") || !skip.has("orchestrate")) await warmDbtWorker({ ...ctx, env: { ...ctx.env, ...env } });

    const step = async (
      n: number, name: string, what: string, command: Command, argv: string[] = [], okCodes: number[] = [0],
      extra: { env?: Record<string, string>; clock?: typeof ctx.clock } = {},
    ) => {
      if (skip.has(name)) return;
      heading(n, `${what}   (adops ${command.name}${argv.length ? ` ${argv.join(" ")}` : ""})`);
      const started = ctx.clock.now();
      const outcome = await runInProcess(ctx, command, { argv, env: { ...env, ...extra.env }, ...(extra.clock ? { clock: extra.clock } : {}) });
      rows.push({ step: `${command.name}${argv.length ? ` ${argv.join(" ")}` : ""}`, what, exitCode: outcome.exitCode, ok: okCodes.includes(outcome.exitCode), seconds: (ctx.clock.now() - started) / 1000 });
      return outcome;
    };
    try {
      await step(4, "provision", "plan what provisioning would change", planCommand as Command, [], [0, 2]);
      await step(5, "provision", "provision every tenant (sources, checks, connections)", provisionCommand as Command);
      await step(6, "provision", "provision again: unchanged config makes no writes", provisionCommand as Command);
      await step(7, "sync", "hourly job: sync what is due, follow every job to its end", syncCommand as Command);
      // Only the demo generates data, and only into its embedded DuckDB file (when no sync landed any).
      await step(8, "dbt", `nightly job: dbt build (seeds included) and source freshness on ${onPostgres ? "PostgreSQL (--target postgres)" : "DuckDB"}`, dbtCommand as Command, onPostgres ? [] : ["--seed-demo-data"]);
      await step(9, "orchestrate", "daily job: the platform orchestrator (syncs, staging, marts, metrics, health)", orchestrateCommand as Command);
      await step(10, "health", "health: Airbyte < 60 min, dbt < 24 h, every node green", healthCommand as Command, [], [0, 2, 3]);
      await step(11, "notify", "the Slack message on-call would get (dry run)", notifyCommand as Command, ["--dry-run"]);
      await step(12, "status", "the status page (reports/STATUS.md, here under .adops/reports)", reportCommand as Command, ["status"]);
      if (!skip.has("what-if")) {
        // What on-call gets when the hourly trigger is dropped: the same checks two hours
        // later with no sync in between, in a folder of their own so the real state stays clean.
        const whatIf = `${reportDir(ctx)}/what-if`;
        for (const name of await ctx.files.list(`${reportDir(ctx)}/latest`)) {
          if (name.startsWith("dbt")) await ctx.files.writeText(`${whatIf}/latest/${name}`, await ctx.files.readText(`${reportDir(ctx)}/latest/${name}`));
        }
        // Two hours on, or the next time the hourly SLA window is judged when that is at night.
        const base = ctx.clock.now();
        const at = whatIfInstant(config, base, 2 * 60 * 60 * 1000);
        const later = { now: () => at + (ctx.clock.now() - base), sleep: ctx.clock.sleep };
        const what = { env: { ADOPS_REPORT_DIR: whatIf }, clock: later };
        await step(13, "what-if", "what-if, two hours later with no sync since (GitHub dropped the hourly trigger): health", healthCommand as Command, ["--problems-only"], [2, 3], what);
        await step(14, "what-if", "what-if: the Slack message on-call would get for it (dry run)", notifyCommand as Command, ["--dry-run"], [0], what);
      }
      await step(15, "site", "the status site from the reports: overview, a page per tenant, orchestrator, dbt", reportCommand as Command, ["site", "--out", SITE_DIR]);
      await step(16, "ops", `every run of the cycle and Airbyte's job history into the ops schema (${onPostgres ? "PostgreSQL" : "DuckDB"})`, opsCommand as Command, ["load", "--warehouse", onPostgres ? "postgres" : "duckdb"]);
      await step(17, "ops", "the ops models on those facts: SLA attainment per tenant, connection and day, durations, failures (dbt build)", dbtCommand as Command, ["--select", "path:models/ops", "--steps", "build"]);
      await step(18, "ops", "ops load again: only the ops build's own new report is read (incremental), so the tables hold every run", opsCommand as Command, ["load", "--warehouse", onPostgres ? "postgres" : "duckdb", "--no-airbyte"]);
    } finally {
      if (airbyte.contractIssues.length > 0) ctx.out(`\n   Contract issues seen by the local Airbyte: ${airbyte.contractIssues.length}`);
      await airbyte.close();
      await postgres?.stop();
    }

    ctx.out("\n== summary");
    ctx.out(renderTable(["step", "exit", "ok", "time", "what"], rows.map((r) => [r.step, String(r.exitCode), r.ok ? "yes" : "NO", formatDuration(r.seconds * 1000), r.what])).replace(/^/gm, "   "));
    const failed = rows.filter((r) => !r.ok);
    ctx.out(failed.length === 0 ? `\n   The whole cycle ran. Reports: ${reportDir(ctx)}` : `\n   ${failed.length} step(s) did not finish as expected: ${failed.map((r) => r.step).join(", ")}`);
    const site = skip.has("site") ? undefined : resolve(ctx.cwd, SITE_DIR, "index.html");
    if (site !== undefined) ctx.out(`\n   Status site: open ${pathToFileURL(site).href}\n   (${site})`);
    return {
      exitCode: failed.length === 0 ? ExitCode.ok : failed.length === rows.length ? ExitCode.allFailed : ExitCode.partial,
      json: { ok: failed.length === 0, steps: rows, contract_issues: airbyte.contractIssues.length, site: site ?? null },
    };
  },
});
