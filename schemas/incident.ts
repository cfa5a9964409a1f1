import * as v from "valibot";

const IsoTime = v.pipe(v.string(), v.isoTimestamp());

/** One incident: a check that went bad, from the first bad run until the first good one. */
export const IncidentSchema = v.pipe(
  v.strictObject({
    key: v.pipe(v.string(), v.minLength(1), v.description("Stable identity: '<tenant>/<check>/<subject>'")),
    tenant: v.pipe(v.string(), v.description("Tenant slug, or '*' for platform-wide checks (dbt) and whole runs")),
    check: v.pipe(v.string(), v.description("airbyte_sync, empty_sync, cadence, dbt_run, source_freshness, volume_anomaly, transform_lag, or run_failed")),
    subject: v.pipe(v.string(), v.description("Connection name, 'dbt', a source unique id, or a command")),
    kind: v.pipe(v.string(), v.description("The current status word: stale, sync_failed, no_recent_sync, failing, cadence_drift, ...")),
    severity: v.pipe(v.picklist(["warning", "critical"]), v.description("The current severity")),
    status: v.pipe(v.picklist(["open", "resolved"]), v.description("open until a run sees the check ok again")),
    summary: v.pipe(v.string(), v.description("What is wrong, one line (the check's message)")),
    since: v.pipe(v.nullable(IsoTime), v.description("When the problem started, as the check computed it")),
    opened_at: v.pipe(IsoTime, v.description("The run that first saw it")),
    last_seen_at: v.pipe(IsoTime, v.description("The latest run that saw it bad")),
    resolved_at: v.optional(v.pipe(IsoTime, v.description("The run that saw it ok again"))),
    bad_runs: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Runs in a row that saw it bad")),
    runbook: v.pipe(v.string(), v.description("Runbook section anchor")),
    details: v.pipe(v.record(v.string(), v.unknown()), v.description("The check's facts (job, failure, failing nodes, missed runs)")),
    notified: v.optional(v.pipe(
      v.strictObject({
        kind: v.pipe(v.picklist(["opened", "reminder", "escalated"]), v.description("What the message said")),
        at: v.pipe(IsoTime, v.description("When it was delivered")),
        severity: v.pipe(v.picklist(["warning", "critical"]), v.description("The severity it announced")),
        count: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Messages delivered for this incident so far")),
      }),
      v.description("The last message delivered for the open incident (absent: none delivered yet, so the opening is retried)"),
    )),
    resolution_notified: v.optional(v.pipe(v.boolean(), v.description("Whether the resolved message was delivered"))),
    last_delivery_error: v.optional(v.pipe(
      v.strictObject({
        at: v.pipe(IsoTime, v.description("When the delivery failed")),
        message: v.pipe(v.string(), v.description("Why (never the webhook URL)")),
      }),
      v.description("The last failed Slack delivery for this incident (Slack outage, 429 beyond retries)"),
    )),
  }),
  v.description("An incident"),
);

/** `reports/state/incidents.json`: the alert memory, committed with the reports. */
export const IncidentStateSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.pipe(v.string(), v.description("Path of this JSON Schema, for editors"))),
    schema_version: v.pipe(v.literal(1), v.description("Format version")),
    updated_at: v.pipe(IsoTime, v.description("The run that wrote it")),
    incidents: v.pipe(v.array(IncidentSchema), v.description("Open incidents, and resolved ones kept for a week")),
  }),
  v.description("The incident state of adops alerting"),
);

/** An incident. */
export type Incident = v.InferOutput<typeof IncidentSchema>;
/** The incident state file. */
export type IncidentState = v.InferOutput<typeof IncidentStateSchema>;
