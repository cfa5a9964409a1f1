/**
 * Slack alerting: findings from run reports, the incident lifecycle (open,
 * remind, escalate, resolve) over committed state, Block Kit rendering within
 * Slack's limits, and a paced sender that honours 429 Retry-After.
 *
 * @module
 */
export { type Finding, findingsFromReport, HEALTH_CHECKS, incidentKey, type IncidentScope } from "./findings.ts";
export { type Alert, type AlertKind, emptyIncidentState, planAlerts, type PlanAlertsOptions, recordDelivery } from "./plan-alerts.ts";
export { type AlertContext, renderAlert, renderAlertDigest } from "./render-alert.ts";
export { escapeMrkdwn, fitSlackLimits, SLACK_LIMITS, type SlackBlock, type SlackMessage, type SlackText, truncate } from "./slack-message.ts";
export { createSlackSender, type DeliveryOutcome, type SlackSender, type SlackSenderOptions } from "./slack-sender.ts";
export { INCIDENTS_FILE, parseIncidentState, serializeIncidentState } from "./incident-state-file.ts";
export { routeAlert } from "./route-alert.ts";
export { runNotify } from "./run-notify.ts";
