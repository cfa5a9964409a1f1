/**
 * Health: pure evaluators of Airbyte sync freshness, cadence drift, empty
 * syncs, volume anomalies, the dbt run, transform lag, source freshness and secret lifetimes, fed through small ports, and the
 * runbook's health document (JSON and a table).
 *
 * @module
 */
export { collectHealth, type CollectHealthOptions, type HealthPorts } from "./collect-health.ts";
export { evaluateCadence, type EvaluateCadenceOptions } from "./evaluate-cadence.ts";
export { type CredentialStatus, evaluateCredentials, type EvaluateCredentialsOptions, type SourceCheckFailure } from "./evaluate-credentials.ts";
export { isAuthFailure, isAuthMessage } from "./auth-failure.ts";
export { sourceCheckFailures } from "./source-check-failures.ts";
export { evaluateDbtRun, type EvaluateDbtRunOptions } from "./evaluate-dbt-run.ts";
export { evaluateEmptySync } from "./evaluate-empty-sync.ts";
export { evaluateSourceFreshness, type EvaluateSourceFreshnessOptions, type SourceTenant } from "./evaluate-source-freshness.ts";
export { evaluateSync, type EvaluateSyncOptions } from "./evaluate-sync.ts";
export { evaluateTransformLag, type EvaluateTransformLagOptions, type SuccessfulSync } from "./evaluate-transform-lag.ts";
export { evaluateVolumeAnomaly, type EvaluateVolumeAnomalyOptions } from "./evaluate-volume-anomaly.ts";
export { dailyStreamRecords, localDay, type StreamSeries } from "./daily-stream-records.ts";
export { DEFAULT_VOLUME_SETTINGS, detectVolumeAnomaly, shiftDay, type VolumeAnomalySettings, type VolumeDay, type VolumeFinding, type VolumeVerdict } from "./volume-anomaly.ts";
export { judgesVolume, type VolumePolicy, volumePolicy } from "./volume-policy.ts";
export { type FreshnessRule, freshnessRule, type FreshnessWindow, freshnessWindows, intervalMinutes } from "./freshness-rule.ts";
export { allChecks, buildHealthDocument, type HealthDocument, healthOutcome, type OverallStatus, statusOf, type TenantHealth } from "./health-document.ts";
export { renderHealthTable } from "./render-health-table.ts";
export type * from "./types.ts";
export { createDbtArtifactsFromReport } from "./dbt-artifacts-from-report.ts";
export { createDbtArtifactsFromTarget } from "./dbt-artifacts-from-target.ts";
export { createSyncApiJobHistory } from "./sync-api-job-history.ts";
