import { isAbsolute, join } from "node:path";
import { type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { AdopsError, isAdopsError, UsageError } from "../core/mod.ts";
import { readPostgresSettings } from "../dbt/mod.ts";
import { createOpsWarehouse, loadOps, type OpsLoadResult, type OpsWarehouseTarget, readAirbyteJobFacts } from "../ops/mod.ts";
import { requireConfig } from "./require-config.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";

/** profiles.yml targets on PostgreSQL (as `adops dbt` reads them); the others are DuckDB files. */
const POSTGRES_TARGETS: ReadonlySet<string> = new Set(["postgres", "prod"]);

/**
 * Where `adops ops load` writes: `--warehouse`, else the dbt target (`--target`, then
 * `DBT_TARGET`) as `adops dbt` reads it. DuckDB is `DBT_DUCKDB_PATH` (default
 * `.adops/warehouse.duckdb`); PostgreSQL is `DBT_PG_*`, whose problems name the
 * variable and never the password.
 *
 * @param ctx The command context.
 * @param values `--warehouse` and `--target`.
 * @returns The target.
 * @throws {AdopsError} `config_error` when the PostgreSQL settings are incomplete.
 */
export function opsWarehouseTarget(ctx: Pick<CommandContext, "env" | "cwd">, values: { warehouse?: string | undefined; target?: string | undefined }): OpsWarehouseTarget {
  const target = values.target ?? ctx.env.DBT_TARGET ?? "dev";
  const kind = values.warehouse ?? (POSTGRES_TARGETS.has(target) ? "postgres" : "duckdb");
  if (kind === "duckdb") {
    const path = ctx.env.DBT_DUCKDB_PATH || ".adops/warehouse.duckdb";
    return { kind, path: isAbsolute(path) ? path : join(ctx.cwd, path) };
  }
  const settings = readPostgresSettings(ctx.env);
  if (!settings.ok) {
    throw new AdopsError(`The ops schema goes to PostgreSQL, but ${settings.issues.join("; ")}`, {
      kind: "config_error",
      hint: "Set DBT_PG_HOST, DBT_PG_PORT (default 5432), DBT_PG_USER, DBT_PG_PASSWORD and DBT_PG_DATABASE (repository secrets in GitHub Actions), or pass --warehouse duckdb",
    });
  }
  return { kind: "postgres", settings: settings.value };
}

function summaryLines(result: OpsLoadResult, seconds: number, dryRun: boolean): string[] {
  const lines = [
    `ops load${dryRun ? " (dry run)" : ""}: ${result.loaded} file(s) loaded, ${result.unchanged} unchanged, ${result.skipped} skipped, ${result.duplicates} latest/ copies in ${seconds.toFixed(2)} s; Airbyte ${result.airbyte}`,
  ];
  for (const t of result.tables) {
    if (t.counts === undefined) {
      if (t.rows > 0) lines.push(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(8)} row(s) to write`);
    } else if (t.rows > 0 || t.counts.rows > 0) {
      const c = t.counts;
      lines.push(`  ${t.table.padEnd(20)} ${String(c.inserted).padStart(8)} inserted ${String(c.updated).padStart(6)} updated ${String(c.unchanged).padStart(8)} unchanged ${String(c.rows).padStart(9)} in table`);
    }
  }
  for (const s of result.skippedFiles) lines.push(`  skipped ${s.path}: ${s.reason}`);
  return lines;
}

/** `adops ops`: the warehouse's operational memory (issue #13). */
export const opsCommand = defineCommand({
  name: "ops",
  summary: "Load the committed reports' facts and Airbyte's job history into the warehouse's ops schema",
  usage: "load [--dir <reports>] [--warehouse duckdb|postgres] [--dry-run] [--no-airbyte]",
  description: [
    "load   upsert every report's facts (command runs, sync outcomes, dbt nodes, health checks, incidents,",
    "       orchestrator steps), SLA windows from config and Airbyte's job history into the ops schema,",
    "       incrementally (ops.loaded_files: only new or changed files are read) and idempotently (by key).",
    "       A malformed or foreign file, or a report of another schema_version, is skipped with a warning",
    "       (exit 0, counted); Airbyte unreachable loads the reports and exits 2 (partial).",
  ].join("\n"),
  examples: ["adops ops load", "adops ops load --dir reports --warehouse postgres", "adops ops load --dry-run --no-airbyte"],
  options: {
    dir: { type: "string", valueName: "<dir>", description: "Report folder (default ADOPS_REPORT_DIR, reports/ in Actions, .adops/reports locally)" },
    warehouse: { type: "string", choices: ["duckdb", "postgres"], description: "Where the ops schema is (default: from --target / DBT_TARGET, as adops dbt)" },
    target: { type: "string", valueName: "<name>", description: "profiles.yml target deciding the warehouse (postgres, prod: PostgreSQL; others DuckDB)" },
    schema: { type: "string", valueName: "<name>", default: "ops", description: "The schema (dbt var ops_schema)" },
    "dry-run": { type: "boolean", description: "Read and parse, show what would load per table, write nothing" },
    "no-airbyte": { type: "boolean", description: "Do not read Airbyte's job history" },
    rehash: { type: "boolean", description: "Re-read every file, also dated reports the manifest already has" },
  },
  async run(ctx, { values, positionals }): Promise<CommandResult> {
    const [sub] = positionals;
    if (sub !== "load") throw new UsageError(sub === undefined ? "Missing the subcommand" : `Unknown subcommand '${sub}'`, "Usage: adops ops load [--dir <reports>] [--warehouse duckdb|postgres]");
    if (!/^[a-z_][a-z0-9_]*$/.test(values.schema)) throw new UsageError(`Invalid --schema '${values.schema}'`, "Use a lower-case snake_case name, e.g. ops");
    const startedAt = ctx.clock.now();
    const dir = (values.dir ?? reportDir(ctx)).replace(/\/+$/, "");
    const target = opsWarehouseTarget(ctx, values);
    const projectDir = ctx.env.ADOPS_DBT_PROJECT_DIR ?? "dbt";
    const python = join(isAbsolute(projectDir) ? projectDir : join(ctx.cwd, projectDir), ".venv/bin/python");
    const warehouse = createOpsWarehouse(target, { python, schema: values.schema });
    const config = await requireConfig(ctx).catch((error: unknown) => {
      if (!isAdopsError(error) || error.kind !== "config_error") throw error;
      ctx.log.warn(`No SLA windows and no Airbyte job history: ${error.message.split("\n")[0]}`);
      return undefined;
    });
    const airbyte = config === undefined || values["no-airbyte"] ? undefined : async () => {
      const { airbyteClientFor, connectionSettings } = await import("./airbyte-client.ts");
      const client = airbyteClientFor(ctx, connectionSettings(ctx, config), { abortOnSignal: true });
      const read = await readAirbyteJobFacts(client, config.tenants, { observedAt: new Date(ctx.clock.now()).toISOString() });
      return read.rows;
    };
    const result = await loadOps({
      files: ctx.files,
      dir,
      warehouse,
      now: () => ctx.clock.now(),
      ...(config === undefined ? {} : { config }),
      ...(airbyte === undefined ? {} : { airbyte }),
      dryRun: values["dry-run"] ?? false,
      rehash: values.rehash ?? false,
      onWarning: (m) => ctx.log.warn(m),
    });
    const seconds = (ctx.clock.now() - startedAt) / 1000;
    for (const line of summaryLines(result, seconds, values["dry-run"] ?? false)) ctx.out(line);
    const exitCode = result.airbyte === "unreachable" ? ExitCode.partial : ExitCode.ok;
    const summary = { files_loaded: result.loaded, files_unchanged: result.unchanged, files_skipped: result.skipped, latest_copies: result.duplicates };
    const json = { status: values["dry-run"] ? "planned" : exitCode === ExitCode.ok ? "ok" : "partial", warehouse: warehouse.describe, schema: values.schema, dir, seconds, ...summary, airbyte: result.airbyte, tables: result.tables, skipped: result.skippedFiles, warnings: result.warnings };
    if (values["dry-run"]) return { exitCode, json };
    const rows = result.tables.map((t) => ({ table: t.table, rows: t.rows, inserted: t.counts?.inserted ?? 0, updated: t.counts?.updated ?? 0, unchanged: t.counts?.unchanged ?? 0, total: t.counts?.rows ?? null }));
    const { path } = await writeRunReport(ctx, { command: "ops", startedAt, inputs: { dir, warehouse: target.kind, schema: values.schema, airbyte: !values["no-airbyte"] }, exitCode, summary, rows, messages: result.warnings.slice(0, 50) });
    return { exitCode, json: { ...json, report: path }, outputs: { status: json.status, report_path: path, files_loaded: String(result.loaded), files_skipped: String(result.skipped) } };
  },
});
