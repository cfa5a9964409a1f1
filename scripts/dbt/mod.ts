/**
 * dbt: the runner (a long-lived worker, or a child process per step; JSON logs), artifact readers, step planning,
 * wait-for-sync, and the tenants' raw-table layouts (the generator and loader of the
 * local warehouse are stand-ins: `scripts/standins/warehouse/`).
 *
 * @module
 */
export { type ArtifactResult, type ManifestParts, parseManifest, parseRunResults, parseSources, type RunResults, type SourcesArtifact, staleReason } from "./artifacts.ts";
export { createDbtCli, type DbtCli, type DbtInvocation, type DbtProcessResult } from "./dbt-cli.ts";
export { createDbtWorker, type DbtWorker, type DbtWorkerOptions } from "./dbt-worker.ts";
export { type DbtLogEvent, parseDbtLogLine } from "./log-events.ts";
export { DBT_STEP_NAMES, type DbtPlan, type DbtPlanInput, type DbtStep, type DbtStepName, planDbtSteps } from "./plan-steps.ts";
export { libpqEnvironment, POSTGRES_ENV_NAMES, type PostgresSettings, readPostgresSettings } from "./postgres-settings.ts";
export { runDbt, type RunDbtHooks, type RunDbtOptions, type RunDbtResult } from "./run-dbt.ts";
export { type DbtNodeResult, type DbtStepOutcome, isSuccessStatus } from "./run-step.ts";
export { countNodes, type DbtCounts, dbtRunOutcome } from "./summarize.ts";
export { createSyncStatusFromSyncApi } from "./sync-status-from-sync-api.ts";
export { dbtOpsVars, type DbtOpsVars } from "./ops-vars.ts";
export { dbtTenantsVar, type DbtTenantVar } from "./tenants-var.ts";
export { type SyncJobStatus, type SyncStatusPort, waitForSync, type WaitForSyncResult } from "./wait-for-sync.ts";
export {
  RAW_PLATFORMS,
  type RawAccount,
  type RawPlatform,
  type RawTenant,
  type StreamTarget,
  type TenantLayout,
  tenantLayoutsFromConfig,
} from "./tenant-layouts.ts";
export { checkDataContracts, type DataContractSummary, destinationColumnName } from "./check-data-contracts.ts";
export { readSourceReads } from "./read-source-reads.ts";
export { type DeclaredColumn, parseSourceReads, type SourceRead } from "./staging-source-columns.ts";
export { runPython, type RunPythonOptions } from "./run-python.ts";
