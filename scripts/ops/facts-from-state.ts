import { IncidentStateSchema } from "../../schemas/incident.ts";
import { MonthlySummarySchema } from "../../schemas/report.ts";
import { parseJsonWith } from "../report/mod.ts";
import type { FileFacts } from "./facts-from-run-report.ts";
import type { OpsRow } from "./ops-tables.ts";

function skipped(what: string, issues: readonly string[]): FileFacts {
  return { ok: false, reason: `Not ${what}: ${issues.slice(0, 3).join("; ")}` };
}

/**
 * Turns a monthly summary (`reports/YYYY/MM/summary.json`) into `command_runs`
 * rows (pure): one per rolled-up run (`run_ids`, `<run>-<command>`), with
 * status, exit code and start from `problems` for the runs that did not end
 * ok and status `ok` (times unknown: NULL) for the rest. The writer keeps a
 * row a run report already gave (`keepExisting`), so a summary never
 * overwrites the richer facts of the daily file it rolled up.
 *
 * @param path The file's path (kept as `report_path`).
 * @param text The file's text.
 * @returns The facts, or why the file was skipped.
 * @example
 * ```ts
 * import { factsFromMonthlySummary } from "./facts-from-state.ts";
 * const text = JSON.stringify({ schema_version: 1, month: "2026-10", runs: 1, by_command: {}, by_day: {}, problems: [], run_ids: ["gh-1-1-sync"] });
 * const facts = factsFromMonthlySummary("reports/2026/10/summary.json", text);
 * console.assert(facts.ok && facts.rows.command_runs?.[0]?.command === "sync");
 * ```
 */
export function factsFromMonthlySummary(path: string, text: string): FileFacts {
  const parsed = parseJsonWith(MonthlySummarySchema, text);
  if (!parsed.ok) return skipped("a monthly summary", parsed.issues);
  const problems = new Map(parsed.value.problems.map((p) => [`${p.run_id}-${p.command}`, p]));
  const rows: OpsRow<"command_runs">[] = parsed.value.run_ids.map((id) => {
    const cut = id.lastIndexOf("-");
    const problem = problems.get(id);
    return {
      run_id: id.slice(0, cut), command: id.slice(cut + 1), schema_version: null, trigger_kind: null, started_at: problem?.started_at ?? null, ended_at: null,
      duration_seconds: null, exit_code: problem?.exit_code ?? 0, status: problem?.status ?? "ok", row_count: null, report_path: path,
    };
  });
  return { ok: true, runId: null, rows: { command_runs: rows }, warnings: [] };
}

/**
 * Turns the incident state (`reports/state/incidents.json`, schemas/incident.ts)
 * into `incidents` rows (pure): one per incident and opening, with `reminders`
 * the messages delivered after the opening one (NULL when none was delivered).
 * `tenant` `*` (platform-wide) is kept as written.
 *
 * @param path The file's path.
 * @param text The file's text.
 * @returns The facts, or why the file was skipped.
 * @example
 * ```ts
 * import { factsFromIncidentState } from "./facts-from-state.ts";
 * const facts = factsFromIncidentState("reports/state/incidents.json", '{"schema_version":1,"updated_at":"2026-11-23T10:00:00Z","incidents":[]}');
 * console.assert(facts.ok && facts.rows.incidents?.length === 0);
 * ```
 */
export function factsFromIncidentState(path: string, text: string): FileFacts {
  const parsed = parseJsonWith(IncidentStateSchema, text);
  if (!parsed.ok) return skipped(`an incident state (${path})`, parsed.issues);
  const rows: OpsRow<"incidents">[] = parsed.value.incidents.map((i) => ({
    incident_key: i.key, tenant: i.tenant, check_name: i.check, subject: i.subject, severity: i.severity, status: i.status, opened_at: i.opened_at,
    last_seen_at: i.last_seen_at, resolved_at: i.resolved_at ?? null, reminders: i.notified === undefined ? null : i.notified.count - 1,
  }));
  return { ok: true, runId: null, rows: { incidents: rows }, warnings: [] };
}
