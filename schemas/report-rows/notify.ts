import * as v from "valibot";

/** What a message says about an incident. */
export const ALERT_KINDS = ["opened", "reminder", "escalated", "resolved"] as const;

/** How one alert's delivery ended. */
export const DELIVERY_STATUSES = ["delivered", "failed", "not_configured", "dry_run"] as const;

/** One row of an `adops notify` report: one alert's fate (never the webhook URL). */
export const DeliveryRowSchema = v.object({
  key: v.pipe(v.string(), v.description("Incident key: '<tenant>/<check>/<subject>'")),
  tenant: v.pipe(v.string(), v.description("Tenant slug, or '*'")),
  check: v.pipe(v.string(), v.description("The check")),
  alert: v.pipe(v.picklist(ALERT_KINDS), v.description("What the message said")),
  severity: v.pipe(v.string(), v.description("The incident's severity")),
  webhook_env: v.pipe(v.string(), v.description("The env var of the webhook used")),
  channel: v.pipe(v.nullable(v.string()), v.description("Channel override, when any")),
  status: v.pipe(v.picklist(DELIVERY_STATUSES), v.description("How the delivery ended")),
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0), v.description("HTTP requests made (for the whole message when grouped)")),
  grouped: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("How many alerts shared this alert's message (1: its own)")),
  error: v.pipe(v.nullable(v.string()), v.description("Why it was not delivered")),
});

/** One row of an `adops notify` report. */
export type DeliveryRow = v.InferOutput<typeof DeliveryRowSchema>;
