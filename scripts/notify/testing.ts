// Builders for notify tests.
import type { Incident } from "../../schemas/incident.ts";
import type { Finding } from "./findings.ts";

/**
 * An open, critical Airbyte sync-failure incident for tenant `acme`.
 *
 * @param overrides Fields to set.
 * @returns The incident.
 */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    key: "acme/airbyte_sync/acme meta_metrics",
    tenant: "acme",
    check: "airbyte_sync",
    subject: "acme meta_metrics",
    kind: "sync_failed",
    severity: "critical",
    status: "open",
    summary: "Sync job 42 failed (source/config_error): Invalid OAuth token",
    since: "2026-11-23T15:05:00.000Z",
    opened_at: "2026-11-23T15:30:00.000Z",
    last_seen_at: "2026-11-23T16:30:00.000Z",
    bad_runs: 3,
    runbook: "airbyte-sync-health",
    details: { job_id: 42, consecutive_failures: 2, failure: { origin: "source", type: "config_error", message: "Invalid OAuth token" } },
    ...overrides,
  };
}

/**
 * A finding; a critical Airbyte sync failure for `acme` unless overridden.
 *
 * @param overrides Fields to set (`key` follows tenant/check/subject).
 * @returns The finding.
 */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  const tenant = overrides.tenant ?? "acme";
  const check = overrides.check ?? "airbyte_sync";
  const subject = overrides.subject ?? "acme meta_metrics";
  return {
    tenant,
    check,
    subject,
    kind: "sync_failed",
    severity: "critical",
    summary: "Sync job 42 failed (source/config_error): Invalid OAuth token",
    since: "2026-11-23T15:05:00.000Z",
    runbook: "airbyte-sync-health",
    details: { job_id: 42, failure: { origin: "source", type: "config_error", message: "Invalid OAuth token" } },
    ...overrides,
    key: `${tenant}/${check}/${subject}`,
  };
}
