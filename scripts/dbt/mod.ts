/**
 * dbt: the runner (child process, JSON logs), artifact readers, step planning,
 * wait-for-sync, and the raw-data generator/loader for the local warehouse.
 *
 * @module
 */
export { type ArtifactResult, type ManifestParts, parseManifest, parseRunResults, parseSources, type RunResults, type SourcesArtifact, staleReason } from "./artifacts.ts";
export { createDbtCli, type DbtCli, type DbtInvocation, type DbtProcessResult } from "./dbt-cli.ts";
export { type DbtLogEvent, parseDbtLogLine } from "./log-events.ts";
export { DBT_STEP_NAMES, type DbtPlan, type DbtPlanInput, type DbtStep, type DbtStepName, planDbtSteps } from "./plan-steps.ts";
export { runDbt, type RunDbtHooks, type RunDbtOptions, type RunDbtResult } from "./run-dbt.ts";
export { type DbtNodeResult, type DbtStepOutcome, isSuccessStatus } from "./run-step.ts";
export { countNodes, type DbtCounts, dbtRunExitCode } from "./summarize.ts";
export { createSyncStatusFromSyncApi } from "./sync-status-from-sync-api.ts";
export { dbtTenantsVar, type DbtTenantVar } from "./tenants-var.ts";
export { type SyncJobStatus, type SyncStatusPort, waitForSync, type WaitForSyncResult } from "./wait-for-sync.ts";
export { createDuckdbDestinationWriter } from "./raw/duckdb-destination-writer.ts";
export { createDuckdbRawLoader, type RawLoader } from "./raw/duckdb-raw-loader.ts";
export { generateRawHistory, type RawTenant, syncRecords } from "./raw/generate-raw-data.ts";
export { tenantLayoutsFromConfig } from "./raw/raw-tenants.ts";
