import * as v from "valibot";

/** The kinds of check a health run performs; one report row per check and subject. */
export const HEALTH_CHECKS = ["airbyte_sync", "empty_sync", "cadence", "dbt_run", "source_freshness", "volume_anomaly", "transform_lag", "credential_expiring"] as const;

/** Status words of the Airbyte sync freshness check (`airbyte_sync`). */
export const SYNC_CHECK_STATUSES = ["ok", "stale", "sync_failed", "no_recent_sync", "running_long", "inactive", "check_failed"] as const;

/** Status words of the cadence check. */
export const CADENCE_STATUSES = ["ok", "cadence_drift", "not_checked"] as const;

/** Status words of the dbt run check. */
export const DBT_RUN_STATUSES = ["ok", "stale", "failing", "artifact_missing"] as const;

/** Status words of one source's freshness (dbt's verdict, plus what dbt leaves out). */
export const SOURCE_STATUSES = ["pass", "warn", "error", "runtime_error", "stale", "artifact_missing"] as const;

/** Status words of the empty sync check. */
export const EMPTY_SYNC_STATUSES = ["ok", "empty_sync"] as const;

/** Status words of one stream's volume anomaly check (`not_checked`: not enough history, or no data that day). */
export const VOLUME_ANOMALY_STATUSES = ["ok", "volume_zero", "volume_spike", "volume_drop", "volume_decline", "not_checked"] as const;

/** Status words of the transform lag check (dbt's last build behind the newest sync). */
export const TRANSFORM_LAG_STATUSES = ["ok", "transform_lag", "not_checked"] as const;

/** Status words of the credential lifetime check (`credential_expiring`): expired by its policy or refused by the platform. */
export const CREDENTIAL_STATUSES = ["ok", "expiring", "expired", "not_checked"] as const;

/** How bad a check result is. */
export const SEVERITIES = ["ok", "warning", "critical"] as const;

/**
 * One health check result: the unit of the health document, of the `adops
 * health` report's rows and of alert incidents (keyed by tenant, check and
 * subject). Alerting (`scripts/notify/findings.ts`) reads rows with this schema.
 */
export const HealthCheckSchema = v.object({
  tenant: v.pipe(v.nullable(v.string()), v.description("Tenant slug, or null for platform-wide checks (dbt)")),
  check: v.pipe(v.picklist(HEALTH_CHECKS), v.description("What was checked")),
  subject: v.pipe(v.string(), v.description("What it was checked on: connection name, `<connection>/<stream>` (volume anomalies), `dbt`, or a source unique id")),
  status: v.pipe(
    v.union([v.picklist(SYNC_CHECK_STATUSES), v.picklist(CADENCE_STATUSES), v.picklist(DBT_RUN_STATUSES), v.picklist(SOURCE_STATUSES), v.picklist(EMPTY_SYNC_STATUSES), v.picklist(VOLUME_ANOMALY_STATUSES), v.picklist(TRANSFORM_LAG_STATUSES), v.picklist(CREDENTIAL_STATUSES)]),
    v.description("The check's status word"),
  ),
  severity: v.pipe(v.picklist(SEVERITIES), v.description("ok, warning or critical")),
  message: v.pipe(v.string(), v.description("One line a person can act on")),
  since: v.pipe(v.nullable(v.string()), v.description("Since when the status holds (ISO 8601), when known")),
  runbook: v.pipe(v.string(), v.description("The runbook section for this check (an anchor)")),
  details: v.pipe(v.record(v.string(), v.unknown()), v.description("Check-specific facts (job id, failure, failing nodes, missed runs, ages)")),
});

/** One health check result (a row of an `adops health` report). */
export type HealthCheck = v.InferOutput<typeof HealthCheckSchema>;
