/**
 * Syncs: decide what is due, trigger (or attach), follow every job to its end,
 * retry per the runbook, and record one outcome per selected connection.
 *
 * The orchestrator calls {@link syncFromConfig}`(ctx, config, { filter: { platform }, signal, cancelOnAbort: true })`;
 * tests and the bench call {@link runSyncs} with their own port.
 *
 * @module
 */
export { cancelAndConfirm, type CancelOptions, type CancelResult } from "./cancel-and-confirm.ts";
export { decideDue, type DecideDueOptions, type DueDecision } from "./due.ts";
export { type FollowOptions, followJob, type FollowResult } from "./follow-job.ts";
export { consecutiveFailures, expectedDurationMs, isEmptySync } from "./job-history.ts";
export { DEFAULT_POLL_POLICY, nextPollDelay, type PollPolicy, type PollState } from "./poll-schedule.ts";
export {
  DEFAULT_RETRY_POLICY,
  describeRetry,
  giveUpReason,
  type RetryPolicy,
  retryPolicyFromConfig,
  SyncAttemptError,
  syncRetryOptions,
} from "./retry-policy.ts";
export { DEFAULT_STUCK_POLICY, type StuckPolicy, stuckPolicyFromConfig } from "./stuck-policy.ts";
export { runSyncs, type SyncDeps, type SyncRunOptions, type SyncRunResult } from "./run-syncs.ts";
export { matchRemoteConnection, selectConnections, type SelectedConnection, type SelectFilter } from "./select-connections.ts";
export {
  isSyncApiError,
  isTerminalStatus,
  type JobFailure,
  type JobStatus,
  type RemoteConnection,
  type SyncApi,
  SyncApiError,
  type SyncApiErrorKind,
  type SyncCallOptions,
  type StreamRecords,
  type SyncJob,
  TERMINAL_JOB_STATUSES,
} from "./sync-api.ts";
export { type SyncConnectionOptions, syncConnection, type SyncTarget } from "./sync-connection.ts";
export {
  classifyStatus,
  type OutcomeClass,
  type SyncFlags,
  type SyncOutcome,
  type SyncStatus,
  type SyncSummary,
  summarizeOutcomes,
  type SyncTrigger,
  toReportRow,
} from "./sync-outcome.ts";
export { createSyncProgress, type SyncProgress } from "./sync-progress.ts";
export { syncFromConfig, type SyncFromConfigDeps, type SyncFromConfigOptions } from "./sync-from-config.ts";
export { createAirbyteSyncApi, managedKeyFromName, toSyncJob } from "./airbyte-sync-api.ts";
export { renderOutcomes } from "./render-outcomes.ts";
