// Public surface of the Airbyte domain: client, errors, provisioning.
export { type AirbyteAuth, AUTH_MODE_ENV, resolveAirbyteAuth } from "./auth.ts";
export {
  type AirbyteClient,
  type AirbyteClientOptions,
  type AirbyteRetryOptions,
  type AirbyteSchedule,
  type CallOptions,
  type ConnectionFields,
  createAirbyteClient,
  type ListJobsOptions,
  type ListOptions,
  type RetryEvent,
} from "./client.ts";
export {
  AirbyteAuthError,
  AirbyteConflictError,
  AirbyteError,
  type AirbyteErrorContext,
  AirbyteNotFoundError,
  AirbyteResponseError,
  isAirbyteAuthError,
  isAirbyteConflictError,
  isAirbyteError,
  isAirbyteNotFoundError,
} from "./errors.ts";
export type {
  Attempt,
  Catalog,
  CatalogStream,
  CheckConnectionResult,
  Connection,
  ConnectionStatus,
  Destination,
  DiscoverResult,
  FailureReason,
  Job,
  JobWithAttempts,
  Source,
  SourceDefinition,
  Workspace,
} from "./schemas.ts";
export { type FingerprintStore, fingerprintPath, parseFingerprintStore, readFingerprints, readFingerprintStore, type RotationRecord, writeFingerprints } from "./fingerprint-store.ts";
export { recordRotations } from "./record-rotations.ts";
export { renderPlanMarkdown, renderPlanText } from "./render-plan.ts";
export { BASELINE_READ_OPTIONS, type ReadOptions } from "./read-actual-state.ts";
export { runProvisioning } from "./run-provisioning.ts";
