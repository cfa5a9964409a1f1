import type { Incident, IncidentState } from "../../schemas/incident.ts";
import type { ALERT_KINDS } from "../../schemas/report-rows/notify.ts";
import type { Finding, IncidentScope } from "./findings.ts";

/** What a message says about an incident (`ALERT_KINDS` of the notify report's row schema). */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One message owed to Slack. */
export interface Alert {
  /** Why the message is sent. */
  kind: AlertKind;
  /** The incident as it is after this run. */
  incident: Incident;
}

/** Options of {@link planAlerts}. */
export interface PlanAlertsOptions {
  /** The run's clock reading (epoch ms). */
  now: number;
  /**
   * Quiet period before an open incident is reminded (`slack.reminder_hours`); 0 never reminds.
   * @default 4
   */
  reminderHours?: number;
  /**
   * Days a resolved incident stays in the state file.
   * @default 7
   */
  keepResolvedDays?: number;
}

const RANK = { ok: 0, warning: 1, critical: 2 } as const;
const HOUR = 3_600_000;

/**
 * An empty incident state.
 *
 * @param now The clock reading (epoch ms).
 * @returns A state with no incidents.
 * @example
 * ```ts
 * import { emptyIncidentState } from "./plan-alerts.ts";
 * console.assert(emptyIncidentState(0).incidents.length === 0);
 * ```
 */
export function emptyIncidentState(now: number): IncidentState {
  return { schema_version: 1, updated_at: new Date(now).toISOString(), incidents: [] };
}

function inScope(incident: Incident, scope: IncidentScope): boolean {
  if (!scope.checks.includes(incident.check)) return false;
  if (scope.subjects !== undefined && !scope.subjects.includes(incident.subject)) return false;
  return scope.tenants === "all" || incident.tenant === "*" || scope.tenants.includes(incident.tenant);
}

/**
 * Moves the incident state forward by one run's findings and says which
 * messages are owed (pure). A bad finding opens an incident (one `opened`
 * message) or keeps one open: a higher severity than last announced gives one
 * `escalated` message; otherwise a `reminder` only after the quiet period.
 * An open incident in scope that the run does not see bad is resolved, with one
 * `resolved` message when its opening was announced. Messages that were not
 * delivered are owed again next run (see {@link recordDelivery}); so five bad
 * runs make one alert, and the first good run one recovery message.
 *
 * @param state The committed state.
 * @param observed The run's findings and the scope they speak for.
 * @param options Clock reading, reminder period, retention.
 * @returns The next state and the alerts to send.
 * @example
 * ```ts
 * import { emptyIncidentState, planAlerts } from "./plan-alerts.ts";
 * const bad = { key: "acme/dbt_run/dbt", tenant: "acme", check: "dbt_run", subject: "dbt", kind: "failing", severity: "critical" as const, summary: "x", since: null, runbook: "dbt", details: {} };
 * const { alerts } = planAlerts(emptyIncidentState(0), { findings: [bad], scope: { checks: ["dbt_run"], tenants: "all" } }, { now: 0 });
 * console.assert(alerts[0]?.kind === "opened");
 * ```
 */
export function planAlerts(
  state: IncidentState,
  observed: { findings: readonly Finding[]; scope: IncidentScope },
  options: PlanAlertsOptions,
): { state: IncidentState; alerts: Alert[] } {
  const { now } = options;
  const at = new Date(now).toISOString();
  const reminderMs = (options.reminderHours ?? 4) * HOUR;
  const keepMs = (options.keepResolvedDays ?? 7) * 24 * HOUR;
  const bad = new Map<string, Finding & { severity: "warning" | "critical" }>();
  for (const f of observed.findings) if (f.severity !== "ok") bad.set(f.key, { ...f, severity: f.severity });
  const alerts: Alert[] = [];
  const next: Incident[] = [];
  const opened = new Set<string>();

  for (const incident of state.incidents) {
    if (incident.status !== "open") continue;
    const finding = bad.get(incident.key);
    if (finding !== undefined) {
      const updated: Incident = {
        ...incident,
        kind: finding.kind,
        severity: finding.severity,
        summary: finding.summary,
        since: incident.since ?? finding.since,
        last_seen_at: at,
        bad_runs: incident.bad_runs + 1,
        runbook: finding.runbook,
        details: finding.details,
      };
      next.push(updated);
      opened.add(incident.key);
      const last = incident.notified;
      if (last === undefined) alerts.push({ kind: "opened", incident: updated });
      else if (RANK[finding.severity] > RANK[last.severity]) alerts.push({ kind: "escalated", incident: updated });
      else if (reminderMs > 0 && now - Date.parse(last.at) >= reminderMs) alerts.push({ kind: "reminder", incident: updated });
      continue;
    }
    if (!inScope(incident, observed.scope)) {
      next.push(incident);
      continue;
    }
    // Nothing is owed for an incident whose opening was never delivered.
    const resolved: Incident = { ...incident, status: "resolved", resolved_at: at, resolution_notified: incident.notified === undefined };
    next.push(resolved);
    if (incident.notified !== undefined) alerts.push({ kind: "resolved", incident: resolved });
  }

  for (const finding of bad.values()) {
    if (opened.has(finding.key)) continue;
    const incident: Incident = {
      key: finding.key,
      tenant: finding.tenant,
      check: finding.check,
      subject: finding.subject,
      kind: finding.kind,
      severity: finding.severity,
      status: "open",
      summary: finding.summary,
      since: finding.since,
      opened_at: at,
      last_seen_at: at,
      bad_runs: 1,
      runbook: finding.runbook,
      details: finding.details,
    };
    next.push(incident);
    opened.add(finding.key);
    alerts.push({ kind: "opened", incident });
  }

  const kept: Incident[] = [];
  for (const incident of state.incidents) {
    if (incident.status !== "resolved") continue;
    if (opened.has(incident.key) || now - Date.parse(incident.resolved_at ?? at) >= keepMs) continue;
    kept.push(incident);
    if (incident.resolution_notified === false) alerts.push({ kind: "resolved", incident });
  }
  return { state: { schema_version: 1, updated_at: at, incidents: [...next, ...kept] }, alerts };
}

/**
 * Records the outcome of one alert's delivery in the state (pure). A delivered
 * message is remembered (so it is not sent again); a failed one is recorded as
 * `last_delivery_error` and stays owed.
 *
 * @param state The state after {@link planAlerts}.
 * @param alert The alert.
 * @param outcome Whether it was delivered, and the error when not.
 * @returns The updated state.
 * @example
 * ```ts
 * import { emptyIncidentState, recordDelivery } from "./plan-alerts.ts";
 * const state = recordDelivery(emptyIncidentState(0), { kind: "opened", incident: { key: "k" } as never }, { ok: true, at: 0 });
 * console.assert(state.incidents.length === 0);
 * ```
 */
export function recordDelivery(
  state: IncidentState,
  alert: Alert,
  outcome: { ok: boolean; at: number; error?: string },
): IncidentState {
  const at = new Date(outcome.at).toISOString();
  const incidents = state.incidents.map((incident): Incident => {
    if (incident.key !== alert.incident.key || incident.opened_at !== alert.incident.opened_at) return incident;
    if (!outcome.ok) return { ...incident, last_delivery_error: { at, message: outcome.error ?? "Delivery failed" } };
    const { last_delivery_error: _drop, ...clean } = incident;
    if (alert.kind === "resolved") return { ...clean, resolution_notified: true };
    return { ...clean, notified: { kind: alert.kind, at, severity: incident.severity, count: (incident.notified?.count ?? 0) + 1 } };
  });
  return { ...state, incidents };
}
