import { createHash } from "node:crypto";
import type { Files } from "../core/mod.ts";
import type { AdopsConfig } from "../config/mod.ts";
import { listFilesDeep } from "../report/mod.ts";
import { classifyReportFile, type ReportFileKind } from "./classify-report-file.ts";
import { type FileFacts, factsFromRunReport } from "./facts-from-run-report.ts";
import { factsFromIncidentState, factsFromMonthlySummary } from "./facts-from-state.ts";
import { OPS_TABLE_NAMES, OPS_TABLES, type OpsRow, type OpsRows, type OpsTableName } from "./ops-tables.ts";
import type { OpsTableCounts, OpsTableWrite, OpsWarehouse } from "./ops-warehouse.ts";
import { slaWindowRows } from "./sla-windows.ts";

/** Options of {@link loadOps}. */
export interface LoadOpsOptions {
  /** File access. */
  files: Files;
  /** The report folder. */
  dir: string;
  /** The warehouse's `ops` schema. */
  warehouse: OpsWarehouse;
  /** Now (epoch ms): the rows' `loaded_at`. */
  now: () => number;
  /** The config, for `sla_windows`. @default none: no SLA windows */
  config?: Pick<AdopsConfig, "tenants" | "platform">;
  /** Airbyte's job history as rows; a rejection is a warning and a partial load. @default none */
  airbyte?: () => Promise<OpsRows>;
  /** Plan only: read and parse, write nothing. @default false */
  dryRun?: boolean;
  /** Re-read every file, even dated run reports the manifest has (their names hold the run id, so they are otherwise taken as unchanged). @default false */
  rehash?: boolean;
  /** Called with each warning as it happens. */
  onWarning?: (message: string) => void;
}

/** What a load did. */
export interface OpsLoadResult {
  /** Files whose facts were written (or, dry run, would be). */
  loaded: number;
  /** Files skipped (malformed, foreign, other schema version), each named in `skippedFiles`. */
  skipped: number;
  /** Files the manifest already had, unchanged. */
  unchanged: number;
  /** `latest/` copies of a dated report in the folder (recorded, their rows not loaded twice). */
  duplicates: number;
  /** The skipped files and why. */
  skippedFiles: { path: string; reason: string }[];
  /** Everything worth a warning (skipped files, rows left out, Airbyte unreachable). */
  warnings: string[];
  /** Per table: rows handed over (dry run: would be), and what the warehouse did (absent in a dry run). */
  tables: { table: OpsTableName; rows: number; counts?: OpsTableCounts }[];
  /** `loaded`, `off` (not asked) or `unreachable` (the reports were loaded anyway). */
  airbyte: "loaded" | "off" | "unreachable";
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Keeps the last row of each key. */
function byKey(table: OpsTableName, rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const key = OPS_TABLES[table].key as readonly string[];
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rows) out.set(JSON.stringify(key.map((k) => row[k])), row);
  return [...out.values()];
}

function factsOf(kind: ReportFileKind, path: string, text: string): FileFacts {
  if (kind === "monthly_summary") return factsFromMonthlySummary(path, text);
  if (kind === "incidents_state") return factsFromIncidentState(path, text);
  if (kind === "other") {
    const facts = factsFromRunReport(path, text);
    return facts.ok ? { ok: false, reason: "A run report outside a dated folder (reports/YYYY/MM/DD/) or latest/" } : facts;
  }
  return factsFromRunReport(path, text);
}

/**
 * Loads the facts of a report folder (and Airbyte's job history) into the
 * `ops` schema, incrementally: the manifest (`loaded_files`, paths relative to
 * the report folder, as `report_path` is) says which files
 * are loaded; dated run reports already in it are not read again, other files
 * (`latest/`, summaries, the incident state) are read and hashed and parsed
 * only when their sha256 changed. `latest/` copies of a dated report in the
 * folder are recorded without loading their rows twice. A malformed or foreign
 * file, or a report of another `schema_version`, is skipped with a warning
 * naming it and recorded (status `skipped`), so it is not re-read until it
 * changes. Every row is upserted by its table's key in one transaction with
 * the manifest, so a repeated or concurrent load changes nothing.
 *
 * @param options Files, folder, warehouse, clock, config, Airbyte.
 * @returns Counts per file and per table, and the warnings.
 * @example
 * ```ts ignore
 * import { loadOps } from "./load-ops.ts";
 * const result = await loadOps({ files, dir: "reports", warehouse, now: Date.now });
 * console.log(result.loaded, result.tables);
 * ```
 */
export async function loadOps(options: LoadOpsOptions): Promise<OpsLoadResult> {
  const { files, dir } = options;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const manifest = await options.warehouse.readManifest();
  const paths = await listFilesDeep(files, dir);
  const prefix = `${dir}/`;
  const listed = new Set(paths);
  const rows: { [N in OpsTableName]: Record<string, unknown>[] } = Object.fromEntries(OPS_TABLE_NAMES.map((n) => [n, []])) as never;
  const summaryRuns: Record<string, unknown>[] = [];
  const loadedFiles: OpsRow<"loaded_files">[] = [];
  const skippedFiles: OpsLoadResult["skippedFiles"] = [];
  let loaded = 0;
  let unchanged = 0;
  let duplicates = 0;
  const starts: number[] = [];

  for (const path of paths) {
    const relative = path.slice(prefix.length);
    const kind = classifyReportFile(relative);
    if (kind === undefined) continue;
    if (kind === "run_report" && manifest.has(relative) && !options.rehash) {
      unchanged += 1;
      continue;
    }
    const text = await files.readText(path);
    const sha = sha256(text);
    if (manifest.get(relative) === sha) {
      unchanged += 1;
      continue;
    }
    const size = new TextEncoder().encode(text).byteLength;
    const record = (status: "loaded" | "skipped", reason: string | null, runId: string | null) =>
      loadedFiles.push({ path: relative, sha256: sha, size_bytes: size, kind: kind === "other" ? "other" : kind, status, reason, run_id: runId });
    const facts = factsOf(kind, relative, text);
    if (!facts.ok) {
      skippedFiles.push({ path, reason: facts.reason });
      warn(`Skipped ${path}: ${facts.reason}`);
      record("skipped", facts.reason, null);
      continue;
    }
    const run = facts.rows.command_runs?.[0];
    if (kind === "latest" && run !== undefined && typeof run.started_at === "string") {
      const [y, m, d] = run.started_at.slice(0, 10).split("-");
      const dated = `${y}/${m}/${d}/${run.run_id}-${run.command}.json`;
      if (listed.has(`${prefix}${dated}`)) {
        duplicates += 1;
        record("loaded", `Same run as ${dated}`, facts.runId);
        continue;
      }
    }
    if (facts.warnings.length > 0) warn(`${path}: ${facts.warnings.length} row(s) left out that do not match the ${run?.command ?? ""} row schema (first: ${facts.warnings[0]})`);
    loaded += 1;
    record("loaded", facts.warnings.length === 0 ? null : `${facts.warnings.length} rows left out`, facts.runId);
    for (const table of OPS_TABLE_NAMES) {
      const got = facts.rows[table] as Record<string, unknown>[] | undefined;
      if (got === undefined) continue;
      if (kind === "monthly_summary" && table === "command_runs") summaryRuns.push(...got);
      else rows[table].push(...got);
    }
    for (const r of facts.rows.command_runs ?? []) if (typeof r.started_at === "string") starts.push(Date.parse(r.started_at));
  }

  if (options.config !== undefined && starts.length > 0) {
    rows.sla_windows.push(...slaWindowRows(options.config, { from: Math.min(...starts), to: Math.max(...starts) }));
  }
  let airbyte: OpsLoadResult["airbyte"] = "off";
  if (options.airbyte !== undefined) {
    try {
      const got = await options.airbyte();
      for (const table of OPS_TABLE_NAMES) rows[table].push(...((got[table] ?? []) as Record<string, unknown>[]));
      airbyte = "loaded";
    } catch (error) {
      airbyte = "unreachable";
      warn(`Airbyte's job history was not loaded (the reports were): ${(error as Error).message}`);
    }
  }
  rows.loaded_files.push(...loadedFiles);

  const writes: OpsTableWrite[] = OPS_TABLE_NAMES.map((table) => ({ table, rows: byKey(table, rows[table]) }));
  const fromReports = new Set(writes.find((w) => w.table === "command_runs")?.rows.map((r) => `${r.run_id}-${r.command}`));
  const fromSummaries = byKey("command_runs", summaryRuns).filter((r) => !fromReports.has(`${r.run_id}-${r.command}`));
  if (fromSummaries.length > 0) writes.push({ table: "command_runs", rows: fromSummaries, keepExisting: true });
  const handed = (table: OpsTableName) => writes.filter((w) => w.table === table).reduce((n, w) => n + w.rows.length, 0);
  const nothing = writes.every((w) => w.rows.length === 0);
  const counts = options.dryRun || nothing ? undefined : await options.warehouse.write(writes, new Date(options.now()).toISOString());
  return {
    loaded,
    skipped: skippedFiles.length,
    unchanged,
    duplicates,
    skippedFiles,
    warnings,
    tables: OPS_TABLE_NAMES.map((table) => {
      const c = counts?.find((x) => x.table === table);
      return { table, rows: handed(table), ...(c === undefined ? {} : { counts: c }) };
    }),
    airbyte,
  };
}
