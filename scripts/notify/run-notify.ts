import { redactDeep } from "../cli/redact.ts";
import type { IncidentState } from "../../schemas/incident.ts";
import type { RunReport } from "../../schemas/report.ts";
import { findingsFromReport } from "./findings.ts";
import { type Alert, planAlerts, recordDelivery } from "./plan-alerts.ts";
import { renderAlert } from "./render-alert.ts";
import type { AlertRoute } from "./route-alert.ts";
import type { SlackMessage } from "./slack-message.ts";
import type { SlackSender } from "./slack-sender.ts";

/** One alert's fate, as the notify report records it (never the webhook URL). */
export interface DeliveryRow {
  /** Incident key. */
  key: string;
  /** Tenant slug or `*`. */
  tenant: string;
  /** The check. */
  check: string;
  /** opened, reminder, escalated, resolved. */
  alert: Alert["kind"];
  /** The incident's severity. */
  severity: string;
  /** The env var of the webhook used. */
  webhook_env: string;
  /** Channel override, when any. */
  channel: string | null;
  /** delivered, failed, not_configured, or dry_run. */
  status: "delivered" | "failed" | "not_configured" | "dry_run";
  /** HTTP requests made. */
  attempts: number;
  /** Why it was not delivered. */
  error: string | null;
}

/** Options of {@link runNotify}. */
export interface RunNotifyOptions {
  /** The reports to alert on (health, or any command's). */
  reports: readonly RunReport[];
  /** The committed incident state. */
  state: IncidentState;
  /** The clock. */
  now: () => number;
  /** Quiet period before reminders, hours (0: never). */
  reminderHours: number;
  /** Where an incident's messages go. */
  route: (incident: Alert["incident"]) => AlertRoute;
  /** The sender; undefined for a dry run (nothing sent, state not advanced by deliveries). */
  sender: SlackSender | undefined;
  /** Links for messages. */
  links: { runUrl?: string; runbookUrl?: string };
  /** Aborts sending. */
  signal?: AbortSignal;
  /** Masks secrets in every text of a message before it leaves (the CLI's redactor). @default identity */
  redact?: (text: string) => string;
}

/** What a notify run did. */
export interface NotifyOutcome {
  /** The state to commit (deliveries recorded). */
  state: IncidentState;
  /** One row per alert. */
  deliveries: DeliveryRow[];
  /** The rendered messages, in order (what a dry run prints). */
  messages: { key: string; alert: Alert["kind"]; webhook_env: string; message: SlackMessage }[];
  /** Report rows that were not health checks and were skipped. */
  skippedRows: number;
}

/**
 * One notify run: folds each report's findings into the incident state, renders
 * the owed alerts and sends them (unless dry run), recording each delivery. A
 * Slack failure is recorded on the incident and in the rows; it never throws.
 *
 * @param options Reports, state, clock, routing, sender and links.
 * @returns The next state, the delivery rows and the messages.
 * @example
 * ```ts ignore
 * const outcome = await runNotify({ reports: [health], state, now: clock.now, reminderHours: 4, route, sender, links });
 * ```
 */
export async function runNotify(options: RunNotifyOptions): Promise<NotifyOutcome> {
  let state = options.state;
  const alerts: Alert[] = [];
  let skippedRows = 0;
  for (const report of options.reports) {
    const observed = findingsFromReport(report);
    skippedRows += observed.skipped;
    const planned = planAlerts(state, observed, { now: options.now(), reminderHours: options.reminderHours });
    state = planned.state;
    alerts.push(...planned.alerts);
  }
  const deliveries: DeliveryRow[] = [];
  const messages: NotifyOutcome["messages"] = [];
  for (const alert of alerts) {
    const { incident } = alert;
    const route = options.route(incident);
    // Redact the facts before rendering cuts them short, and the message after.
    const safe = options.redact ? redactDeep(alert, options.redact) : alert;
    const rendered = renderAlert(safe, { now: options.now(), ...options.links, ...(route.channel ? { channel: route.channel } : {}) });
    const message = options.redact ? redactDeep(rendered, options.redact) : rendered;
    messages.push({ key: incident.key, alert: alert.kind, webhook_env: route.webhookEnv, message });
    const row = { key: incident.key, tenant: incident.tenant, check: incident.check, alert: alert.kind, severity: incident.severity, webhook_env: route.webhookEnv, channel: route.channel ?? null };
    if (options.sender === undefined) {
      deliveries.push({ ...row, status: "dry_run", attempts: 0, error: null });
      continue;
    }
    if (route.webhookUrl === undefined) {
      const error = `Env var '${route.webhookEnv}' is not set`;
      state = recordDelivery(state, alert, { ok: false, at: options.now(), error });
      deliveries.push({ ...row, status: "not_configured", attempts: 0, error });
      continue;
    }
    const outcome = await options.sender.send(route.webhookUrl, message, options.signal ? { signal: options.signal } : {});
    state = recordDelivery(state, alert, outcome.ok ? { ok: true, at: options.now() } : { ok: false, at: options.now(), error: outcome.error ?? "Delivery failed" });
    deliveries.push({ ...row, status: outcome.ok ? "delivered" : "failed", attempts: outcome.attempts, error: outcome.ok ? null : outcome.error ?? "Delivery failed" });
  }
  return { state, deliveries, messages, skippedRows };
}
