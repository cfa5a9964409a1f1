import { AdopsError } from "../core/mod.ts";

/** Airbyte's job statuses. `failed`, `succeeded` and `cancelled` are terminal; `incomplete` means Airbyte retries. */
export type JobStatus = "pending" | "running" | "incomplete" | "failed" | "succeeded" | "cancelled";

/** The statuses after which a job never changes. */
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ["failed", "succeeded", "cancelled"];

/** Why a job (or its last attempt) failed, from Airbyte's `failureSummary`. */
export interface JobFailure {
  /** `source`, `destination`, `replication`, `airbyte_platform`, ... (or `airbyte_api` for our own call failures). */
  origin: string | undefined;
  /** `config_error`, `system_error`, `transient_error`, `manual_cancellation`, ... */
  type: string | undefined;
  /** The external (user-facing) message. */
  message: string | undefined;
  /** Airbyte's own verdict on whether retrying may help. */
  retryable: boolean | undefined;
}

/** A sync job as the sync engine sees it (times in epoch ms, counts summed over attempts). */
export interface SyncJob {
  /** Airbyte job id. */
  id: number;
  /** The connection the job syncs. */
  connectionId: string;
  /** Airbyte's `configType` when not a plain sync (`reset_connection`, `refresh`, `clear`); undefined for syncs. */
  configType?: string;
  /** The job status. */
  status: JobStatus;
  /** When the job was created (epoch ms). */
  createdAt: number;
  /** Last update (epoch ms); the end time for terminal jobs without attempts. */
  updatedAt: number;
  /** When the last attempt ended (epoch ms), for terminal jobs. */
  endedAt: number | undefined;
  /** Airbyte's own attempts inside this job (not adops retries). */
  attempts: number;
  /** Records emitted by the source so far. */
  recordsEmitted: number;
  /** Bytes emitted by the source so far. */
  bytesEmitted: number;
  /** Records committed to the destination. */
  recordsCommitted: number;
  /** Bytes committed to the destination. */
  bytesCommitted: number;
  /** The first failure of the last failed attempt, when any. */
  failure: JobFailure | undefined;
  /** Records committed per stream, summed over the attempts' `streamStats`; undefined when Airbyte gave none. */
  streams?: StreamRecords[];
}

/** What one stream of a job committed. */
export interface StreamRecords {
  /** `streamName`. */
  name: string;
  /** `streamNamespace`, when set. */
  namespace: string | undefined;
  /** Records committed (`stats.recordsCommitted`), summed over attempts. */
  recordsCommitted: number;
}

/** A connection as Airbyte reports it, enough to match it to config. */
export interface RemoteConnection {
  /** Airbyte connection id. */
  connectionId: string;
  /** Connection name. */
  name: string;
  /** `active`, `inactive` or `deprecated` (deleted). */
  status: "active" | "inactive" | "deprecated";
  /** The adops managed key (`adops:<tenant>:<template>`) when the connection carries one. */
  managedKey: string | undefined;
}

/** Per-call options of {@link SyncApi} methods. */
export interface SyncCallOptions {
  /** Aborts the HTTP call. */
  signal?: AbortSignal;
}

/**
 * What the sync engine needs from Airbyte. The real adapter wraps the Config API
 * client (`createAirbyteSyncApi`); tests use `createFakeSyncApi` from `testing.ts`.
 * Methods throw {@link SyncApiError} for expected failures.
 */
export interface SyncApi {
  /** Connections of a workspace (not paginated in the Config API). */
  listConnections(workspaceId: string, options?: SyncCallOptions): Promise<RemoteConnection[]>;
  /**
   * Starts a sync (`connections/sync`).
   * Throws `SyncApiError` reason `conflict` when a job already runs (HTTP 409), `inactive` when the connection is not active,
   * and `transient` with `answerLost` when the job may have started although no answer came back.
   */
  triggerSync(connectionId: string, options?: SyncCallOptions): Promise<SyncJob>;
  /** Reads one job (`jobs/get_without_logs`). */
  getJob(jobId: number, options?: SyncCallOptions): Promise<SyncJob>;
  /**
   * The connection's newest sync jobs, newest first (`jobs/list`); with `includeResets`
   * also reset/clear/refresh jobs (what a 409 may be about).
   */
  listJobs(connectionId: string, options?: SyncCallOptions & { limit?: number; includeResets?: boolean; createdAfter?: number }): Promise<SyncJob[]>;
  /** Asks Airbyte to cancel a job (`jobs/cancel`); returns the job as re-read. */
  cancelJob(jobId: number, options?: SyncCallOptions): Promise<SyncJob>;
}

/** The reasons of {@link SyncApiError}. */
export type SyncApiErrorKind =
  /** HTTP 409: a job is already running for the connection. */
  | "conflict"
  /** The connection is inactive or deprecated (Airbyte answers 500 "Can only sync an active connection"). */
  | "inactive"
  /** HTTP 404 or an unknown job id. */
  | "not_found"
  /** 429, 5xx, timeouts and dropped connections: trying again later may work. */
  | "transient"
  /** Anything else (401, 403, 4xx). */
  | "failed";

/**
 * An expected failure of an Airbyte call, classified for the sync engine.
 *
 * @example
 * ```ts
 * import { isSyncApiError, SyncApiError } from "./sync-api.ts";
 * const error = new SyncApiError("A sync is already running for 'c1'", { reason: "conflict" });
 * console.assert(isSyncApiError(error) && error.reason === "conflict");
 * ```
 */
export class SyncApiError extends AdopsError {
  /** How the engine should react. */
  readonly reason: SyncApiErrorKind;
  /** The HTTP status, when there was a response. */
  readonly httpStatus: number | undefined;
  /** How long the server asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  /**
   * Whether Airbyte may have acted on the request although the answer never
   * came back: no response, a timeout or a 5xx (not a 429, which refuses the
   * request before handling it). A trigger that fails so is looked up before
   * it is repeated.
   */
  readonly answerLost: boolean;

  /**
   * @param message What failed.
   * @param options Reason, HTTP status, Retry-After, whether the answer was lost, and cause.
   */
  constructor(message: string, options: { reason: SyncApiErrorKind; httpStatus?: number; retryAfterMs?: number; answerLost?: boolean; cause?: unknown }) {
    super(message, { kind: "failed", ...(options.cause === undefined ? {} : { cause: options.cause }) });
    this.name = "SyncApiError";
    this.reason = options.reason;
    this.httpStatus = options.httpStatus;
    this.retryAfterMs = options.retryAfterMs;
    this.answerLost = options.answerLost ?? false;
  }
}

/**
 * Narrows an unknown caught value to {@link SyncApiError}, across realms.
 *
 * @param value Anything caught.
 * @returns Whether it is a SyncApiError.
 * @example
 * ```ts
 * import { isSyncApiError } from "./sync-api.ts";
 * console.assert(!isSyncApiError(new Error("x")));
 * ```
 */
export function isSyncApiError(value: unknown): value is SyncApiError {
  return value instanceof SyncApiError ||
    (value instanceof Error && value.name === "SyncApiError" && typeof (value as { reason?: unknown }).reason === "string");
}

/**
 * Whether a job status is terminal.
 *
 * @param status The status.
 * @returns True for `failed`, `succeeded` and `cancelled`.
 * @example
 * ```ts
 * import { isTerminalStatus } from "./sync-api.ts";
 * console.assert(isTerminalStatus("cancelled") && !isTerminalStatus("incomplete"));
 * ```
 */
export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}
