import * as v from "valibot";
import { HEALTH_CHECKS, type HealthCheck, HealthCheckSchema } from "../../schemas/report-rows/health.ts";
import type { RunReport } from "../../schemas/report.ts";

/** One check result as alerting sees it: bad ones open or keep incidents, ok ones resolve them. */
export interface Finding {
  /** `<tenant>/<check>/<subject>`: the incident identity. */
  key: string;
  /** Tenant slug, or `*` for platform-wide checks and whole runs. */
  tenant: string;
  /** The check (`airbyte_sync`, `dbt_run`, ..., or `run_failed`). */
  check: string;
  /** What was checked (connection name, `dbt`, a source, a command). */
  subject: string;
  /** The status word. */
  kind: string;
  /** ok, warning or critical. */
  severity: HealthCheck["severity"];
  /** What is wrong, one line. */
  summary: string;
  /** When the problem started (ISO), when known. */
  since: string | null;
  /** Runbook section anchor. */
  runbook: string;
  /** Facts for the message. */
  details: Record<string, unknown>;
}

/** Which incidents a report speaks for: open incidents in scope that it does not see bad are resolved. */
export interface IncidentScope {
  /** Checks the report evaluated. */
  checks: readonly string[];
  /** Tenants it evaluated (`all`, or slugs; `*` incidents are always in scope). */
  tenants: "all" | readonly string[];
  /** Only these subjects, when set. */
  subjects?: readonly string[];
}

/** Health checks, as `adops health` writes them in its report rows. */
export { HEALTH_CHECKS };

const FAILED_STATUSES = new Set(["failed", "error", "errored", "sync_failed", "timeout", "timed_out", "cancelled", "canceled", "interrupted"]);
const ROW_FACTS = ["tenant", "connection", "connection_name", "subject", "template", "node", "step", "status", "outcome", "job_id", "error", "message"];

/**
 * The key of an incident.
 *
 * @param tenant Tenant slug or `*`.
 * @param check The check.
 * @param subject The subject.
 * @returns `<tenant>/<check>/<subject>`.
 * @example
 * ```ts
 * import { incidentKey } from "./findings.ts";
 * console.assert(incidentKey("acme", "dbt_run", "dbt") === "acme/dbt_run/dbt");
 * ```
 */
export function incidentKey(tenant: string, check: string, subject: string): string {
  return `${tenant}/${check}/${subject}`;
}

/**
 * Turns a run report into findings. A health report gives one finding per
 * check row, each read with the health report's row schema (`HealthCheckSchema`). Any other report gives one `run_failed` finding for the whole
 * run: critical when it failed, warning when it was partial, ok otherwise
 * (so five failing sync runs make one incident and the sixth green run
 * resolves it). Rows that do not parse are skipped and counted.
 *
 * @param report The run report.
 * @returns The findings, the scope they speak for, and how many rows were skipped.
 * @example
 * ```ts
 * import { findingsFromReport } from "./findings.ts";
 * const report = { command: "sync", status: "failed", exit_code: 3, rows: [], inputs: {}, summary: {} } as never;
 * console.assert(findingsFromReport(report).findings[0]?.severity === "critical");
 * ```
 */
export function findingsFromReport(report: RunReport): { findings: Finding[]; scope: IncidentScope; skipped: number } {
  if (report.command === "health") {
    const findings: Finding[] = [];
    let skipped = 0;
    for (const row of report.rows) {
      const parsed = v.safeParse(HealthCheckSchema, row);
      if (!parsed.success) {
        skipped += 1;
        continue;
      }
      const r = parsed.output;
      const tenant = r.tenant ?? "*";
      findings.push({
        key: incidentKey(tenant, r.check, r.subject),
        tenant,
        check: r.check,
        subject: r.subject,
        kind: r.status,
        severity: r.severity,
        summary: r.message,
        since: r.since,
        runbook: r.runbook,
        details: r.details,
      });
    }
    const asked = report.inputs.tenants;
    const tenants = Array.isArray(asked) && asked.length > 0 ? asked.filter((t): t is string => typeof t === "string") : "all";
    return { findings, scope: { checks: HEALTH_CHECKS, tenants }, skipped };
  }
  const severity = report.status === "ok" ? "ok" : report.status === "partial" || report.status === "interrupted" ? "warning" : "critical";
  const failedRows = report.rows.filter((row) => {
    const status = row.status ?? row.outcome ?? row.result;
    return typeof status === "string" && FAILED_STATUSES.has(status.toLowerCase());
  });
  const facts = failedRows.slice(0, 10).map((row) => Object.fromEntries(ROW_FACTS.filter((k) => row[k] !== undefined && row[k] !== null).map((k) => [k, row[k]])));
  const counted = report.rows.length > 0 ? `: ${failedRows.length} of ${report.rows.length} item(s) failed` : "";
  return {
    findings: [{
      key: incidentKey("*", "run_failed", report.command),
      tenant: "*",
      check: "run_failed",
      subject: report.command,
      kind: report.status,
      severity,
      summary: `adops ${report.command} ended '${report.status}' (exit ${report.exit_code})${counted}`,
      since: report.started_at ?? null,
      runbook: "failed-runs",
      details: { run_id: report.run_id, exit_code: report.exit_code, failed_items: facts, failed_count: failedRows.length, run_url: report.trigger?.run_url ?? null },
    }],
    scope: { checks: ["run_failed"], tenants: "all", subjects: [report.command] },
    skipped: 0,
  };
}
