import * as v from "valibot";
import { REPORT_ROW_SCHEMAS } from "../../schemas/command-report.ts";
import { type RunReport, RunReportEntries } from "../../schemas/report.ts";
import type { OpsRow, OpsRows } from "./ops-tables.ts";

/** The report format version this loader reads; other versions are skipped by rule. */
export const READ_SCHEMA_VERSION = 1;

/** What one report file gave: rows per table, or why it was skipped. */
export type FileFacts =
  | { ok: true; runId: string | null; rows: OpsRows; warnings: string[] }
  | { ok: false; reason: string };

/**
 * The run report envelope (schemas/report.ts) with its rows taken as they are: each row
 * is parsed once, by its command's row schema, instead of twice.
 */
const EnvelopeSchema = v.object({ ...RunReportEntries, rows: v.array(v.unknown()) });

/** Health statuses that mean the check could not judge: `met` is NULL for them. */
const UNJUDGED = new Set(["check_failed", "artifact_missing", "not_checked", "inactive"]);

/**
 * Whether a health status met its check: true for `ok`/`pass`, NULL when the
 * check could not judge (`check_failed`, `artifact_missing`, `not_checked`,
 * `inactive`), false for every failing verdict.
 *
 * @param status The health row's status word.
 * @returns true, false or null.
 * @example
 * ```ts
 * import { healthMet } from "./facts-from-run-report.ts";
 * console.assert(healthMet("ok") === true && healthMet("stale") === false && healthMet("inactive") === null);
 * ```
 */
export function healthMet(status: string): boolean | null {
  if (status === "ok" || status === "pass") return true;
  return UNJUDGED.has(status) ? null : false;
}

/**
 * Tells why a JSON text is not a run report this loader reads, before the
 * schema does: invalid JSON, a foreign file (no `run_id` and `command`), or
 * a `schema_version` other than {@link READ_SCHEMA_VERSION} (older and newer
 * alike are skipped by that rule).
 *
 * @param data The parsed JSON.
 * @returns The reason, or undefined when it looks like a report to read.
 */
function notReadable(data: unknown): string | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "Not an adops run report (not a JSON object)";
  const record = data as Record<string, unknown>;
  if (typeof record.run_id !== "string" || typeof record.command !== "string") return "Not an adops run report (no run_id and command)";
  if (record.schema_version !== READ_SCHEMA_VERSION) return `Report schema_version ${JSON.stringify(record.schema_version)} is not read (this loader reads ${READ_SCHEMA_VERSION}; rule: other versions are skipped)`;
  return undefined;
}

function rowsOf<S extends v.GenericSchema>(schema: S, report: RunReport, warnings: string[]): v.InferOutput<S>[] {
  const out: v.InferOutput<S>[] = [];
  report.rows.forEach((row, i) => {
    const parsed = v.safeParse(schema, row);
    if (parsed.success) out.push(parsed.output);
    else warnings.push(`rows.${i}: ${parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`).join("; ")}`);
  });
  return out;
}

/**
 * The `command_runs` row of a run report.
 *
 * @param report The report.
 * @param path Where it was read from.
 * @returns The row.
 * @example
 * ```ts
 * import { commandRunRow } from "./facts-from-run-report.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(commandRunRow(makeRunReport("health", []), null).trigger_kind === "schedule");
 * ```
 */
export function commandRunRow(report: RunReport, path: string | null): OpsRow<"command_runs"> {
  return {
    run_id: report.run_id, command: report.command, schema_version: report.schema_version, trigger_kind: report.trigger.kind, started_at: report.started_at,
    ended_at: report.ended_at, duration_seconds: report.duration_seconds, exit_code: report.exit_code, status: report.status, row_count: report.rows.length, report_path: path,
  };
}

/**
 * Turns one run report file (`reports/YYYY/MM/DD/<run>-<command>.json` or
 * `latest/<command>.json`) into `ops` rows (pure): `command_runs` for every
 * command, plus `sync_outcomes`, `dbt_node_results`, `health_checks` or
 * `orchestrator_steps` from the rows of sync, dbt, health and orchestrate
 * reports (notify, plan, provision and report runs give `command_runs` only).
 * Rows that do not match their command's row schema are left out with a
 * warning; a file that is not a readable report is skipped with the reason.
 *
 * @param path The file's path (kept as `report_path`).
 * @param text The file's text.
 * @returns The facts, or why the file was skipped.
 * @example
 * ```ts
 * import { factsFromRunReport } from "./facts-from-run-report.ts";
 * const text = JSON.stringify({ schema_version: 1, run_id: "r1", command: "report", trigger: { kind: "local" }, started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:00:01.000Z", duration_seconds: 1, inputs: {}, exit_code: 0, status: "ok", summary: {}, rows: [] });
 * const facts = factsFromRunReport("reports/2026/11/23/r1-report.json", text);
 * console.assert(facts.ok && facts.rows.command_runs?.[0]?.run_id === "r1");
 * console.assert(!factsFromRunReport("reports/x.json", "{").ok);
 * ```
 */
export function factsFromRunReport(path: string, text: string): FileFacts {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `Invalid JSON: ${(error as Error).message}` };
  }
  const unreadable = notReadable(data);
  if (unreadable !== undefined) return { ok: false, reason: unreadable };
  const parsed = v.safeParse(EnvelopeSchema, data);
  if (!parsed.success) return { ok: false, reason: `Not a valid run report: ${parsed.issues.slice(0, 3).map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ")}` };
  const report = parsed.output as RunReport;
  const warnings: string[] = [];
  const rows: OpsRows = { command_runs: [commandRunRow(report, path)] };
  const run_id = report.run_id;
  if (report.command === "sync") {
    rows.sync_outcomes = rowsOf(REPORT_ROW_SCHEMAS.sync, report, warnings).map((r) => ({
      run_id, tenant: r.tenant, connection_id: r.connection_id, connection_name: r.connection_name, template: r.template, provider: r.provider, trigger: r.trigger,
      status: r.status, reason: r.reason, job_id: r.job_id, attempts: r.attempts, airbyte_attempts: r.airbyte_attempts, started_at: r.started_at, ended_at: r.ended_at,
      duration_seconds: r.duration_seconds, records_committed: r.records_committed, bytes_committed: r.bytes_committed, failure_origin: r.failure_origin,
      failure_type: r.failure_type, failure_message: r.failure_message, empty_sync: r.empty_sync, consecutive_failures: r.consecutive_failures,
    }));
  } else if (report.command === "dbt") {
    rows.dbt_node_results = rowsOf(REPORT_ROW_SCHEMAS.dbt, report, warnings).map((r) => ({
      run_id, step: r.step, unique_id: r.unique_id, resource_type: r.resource_type, name: r.name, status: r.status, execution_time: r.execution_time,
      failures: r.failures, message: r.message, run_ended_at: report.ended_at,
    }));
  } else if (report.command === "health") {
    rows.health_checks = rowsOf(REPORT_ROW_SCHEMAS.health, report, warnings).map((r) => ({
      run_id, checked_at: report.started_at, tenant: r.tenant ?? "", check_name: r.check, subject: r.subject, status: r.status, severity: r.severity,
      met: healthMet(r.status), since: r.since, message: r.message,
    }));
  } else if (report.command === "orchestrate") {
    // Dry-run plan rows carry no status: they are not steps that ran.
    rows.orchestrator_steps = rowsOf(REPORT_ROW_SCHEMAS.orchestrate, report, warnings).flatMap((r) => r.status === undefined ? [] : [{
      run_id, pipeline: r.platform_id, step_id: r.platform_name, status: r.status, attempts: r.started_at === null ? null : r.retry_count + 1, started_at: r.started_at,
      ended_at: r.ended_at, duration_seconds: r.duration_seconds, error: r.error_message,
    }]);
  }
  return { ok: true, runId: run_id, rows, warnings };
}
