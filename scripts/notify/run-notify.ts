import { redactDeep } from "../core/mod.ts";
import type { IncidentState } from "../../schemas/incident.ts";
import type { DeliveryRow } from "../../schemas/report-rows/notify.ts";
import type { RunReport } from "../../schemas/report.ts";
import { findingsFromReport } from "./findings.ts";
import { type Alert, planAlerts, recordDelivery } from "./plan-alerts.ts";
import { renderAlert, renderAlertDigest } from "./render-alert.ts";
import type { AlertRoute } from "./route-alert.ts";
import type { SlackMessage } from "./slack-message.ts";
import type { SlackSender } from "./slack-sender.ts";

/** One alert's fate, as the notify report records it (never the webhook URL): the notify report's row. */
export type { DeliveryRow };

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
  links: { runUrl?: string; runbookUrl?: string; siteUrl?: string };
  /** Aborts sending. */
  signal?: AbortSignal;
  /**
   * Alerts of the same kind, check and status for the same webhook are sent as
   * one digest message from this many on (an Airbyte outage fails every
   * connection's check at once).
   * @default 3
   */
  digestMin?: number;
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
  // Alerts that would say the same thing to the same place go out as one message.
  const groups = new Map<string, { route: AlertRoute; alerts: Alert[] }>();
  for (const alert of alerts) {
    const route = options.route(alert.incident);
    const { incident } = alert;
    const key = [route.webhookEnv, route.channel, alert.kind, incident.check, incident.kind, incident.severity].join("|");
    const group = groups.get(key) ?? { route, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  const batches = [...groups.values()].flatMap((g) => (g.alerts.length >= (options.digestMin ?? 3) ? [g] : g.alerts.map((a) => ({ route: g.route, alerts: [a] }))));

  const deliveries: DeliveryRow[] = [];
  const messages: NotifyOutcome["messages"] = [];
  for (const { route, alerts: batch } of batches) {
    const first = batch[0] as Alert;
    // Redact the facts before rendering cuts them short, and the message after.
    const safe = options.redact ? batch.map((a) => redactDeep(a, options.redact as (t: string) => string)) : batch;
    const context = { now: options.now(), ...options.links, ...(route.channel ? { channel: route.channel } : {}) };
    const rendered = safe.length === 1 ? renderAlert(safe[0] as Alert, context) : renderAlertDigest(safe, context);
    const message = options.redact ? redactDeep(rendered, options.redact) : rendered;
    messages.push({ key: batch.map((a) => a.incident.key).join(", "), alert: first.kind, webhook_env: route.webhookEnv, message });
    let outcome: { status: DeliveryRow["status"]; attempts: number; error: string | null };
    if (options.sender === undefined) outcome = { status: "dry_run", attempts: 0, error: null };
    else if (route.webhookUrl === undefined) outcome = { status: "not_configured", attempts: 0, error: route.refused ?? `Env var '${route.webhookEnv}' is not set` };
    else {
      const sent = await options.sender.send(route.webhookUrl, message, options.signal ? { signal: options.signal } : {});
      outcome = { status: sent.ok ? "delivered" : "failed", attempts: sent.attempts, error: sent.ok ? null : sent.error ?? "Delivery failed" };
    }
    for (const alert of batch) {
      const { incident } = alert;
      if (outcome.status !== "dry_run") {
        state = recordDelivery(state, alert, outcome.status === "delivered" ? { ok: true, at: options.now() } : { ok: false, at: options.now(), error: outcome.error ?? "Delivery failed" });
      }
      deliveries.push({
        key: incident.key,
        tenant: incident.tenant,
        check: incident.check,
        alert: alert.kind,
        severity: incident.severity,
        webhook_env: route.webhookEnv,
        channel: route.channel ?? null,
        ...outcome,
        grouped: batch.length,
      });
    }
  }
  return { state, deliveries, messages, skippedRows };
}
