import { type Clock, isRetryError, type Limiter, type Logger, retry } from "../core/mod.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import { cancelAndConfirm } from "./cancel-and-confirm.ts";
import { followJob } from "./follow-job.ts";
import { consecutiveFailures, expectedDurationMs, isEmptySync } from "./job-history.ts";
import type { PollPolicy } from "./poll-schedule.ts";
import { describeRetry, giveUpReason, type RetryPolicy, SyncAttemptError, syncRetryOptions } from "./retry-policy.ts";
import { isSyncApiError, isTerminalStatus, type JobFailure, type RemoteConnection, type SyncApi, type SyncJob } from "./sync-api.ts";
import type { SyncOutcome, SyncStatus, SyncTrigger } from "./sync-outcome.ts";

/** Options of {@link syncConnection}. */
export interface SyncConnectionOptions {
  /** The Airbyte port. */
  api: SyncApi;
  /** The clock. */
  clock: Clock;
  /** A logger already carrying tenant_id, connection_id and provider. */
  log: Logger;
  /** Aborts: stop retrying, stop following. */
  signal?: AbortSignal;
  /** Retry policy. */
  retry: RetryPolicy;
  /** Uniform draws for jitter. @default Math.random */
  random?: () => number;
  /** Polling policy. */
  poll?: PollPolicy;
  /** Polls without movement before a job is stuck. @default 3 (DEFAULT_STUCK_POLICY) */
  stuckPolls?: number;
  /** Least time without movement before a job is stuck (ms). @default 300_000 (DEFAULT_STUCK_POLICY) */
  stuckMinMs?: number;
  /** Cancel the job this run started when the signal aborts. @default false */
  cancelOnAbort?: boolean;
  /** Consecutive failures at which the outcome is flagged for alerting. @default 2 */
  alertAt?: number;
  /** Called after every read of a followed job (for progress). */
  onJob?: (job: SyncJob) => void;
  /**
   * Where each trigger runs (the call that starts the job, its transient/409
   * retries and the attach lookup): `runSyncs` passes one limiter shared by all
   * connections, so `concurrency` bounds triggers in flight while following a
   * job holds no slot. @default runs at once
   */
  limitTrigger?: Limiter;
}

/** A due connection to sync: its config, Airbyte's view and job history. */
export interface SyncTarget {
  /** Tenant slug. */
  tenant: string;
  /** The configured connection. */
  connection: ResolvedConnection;
  /** The Airbyte connection it matched. */
  remote: RemoteConnection;
  /** Its recent sync jobs, newest first. */
  history: SyncJob[];
}

type Obtained =
  /** `lostAnswer`: the trigger's answer was lost and this is the job it started, found in the job list. */
  | { kind: "job"; job: SyncJob; how: "started" | "attached"; lostAnswer: boolean }
  | { kind: "inactive"; reason: string }
  | { kind: "error"; failure: JobFailure };

/** A trigger whose answer was lost, kept across our attempts until the job list has been read. */
interface LostTrigger {
  /** When the trigger was sent (our clock), while its answer is unaccounted for. */
  sentAt: number | undefined;
  /** Jobs that existed before it: the history read before the sync, and the jobs this run followed. */
  known: () => ReadonlySet<number>;
}

/**
 * How much earlier than the trigger (by our clock) the job it started may say
 * it was created: Airbyte's whole seconds and some clock skew.
 */
const LOST_ANSWER_SKEW_MS = 60_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The job a trigger whose answer was lost started, when Airbyte has one: a
 * sync job still running (a new trigger would be a 409 on it anyway), else the
 * newest one that is new since the history was read and not older than the
 * trigger (it may already be over).
 */
async function findLostJob(api: SyncApi, connectionId: string, lost: { sentAt: number; known: ReadonlySet<number> }, call: { signal?: AbortSignal }): Promise<SyncJob | undefined> {
  const jobs = await api.listJobs(connectionId, { ...call, limit: 5 });
  return jobs.find((j) => !isTerminalStatus(j.status)) ??
    jobs.find((j) => !lost.known.has(j.id) && j.createdAt >= lost.sentAt - LOST_ANSWER_SKEW_MS);
}

async function obtainJob(target: SyncTarget, options: SyncConnectionOptions, lost: LostTrigger): Promise<Obtained> {
  const { api, log, signal } = options;
  const id = target.remote.connectionId;
  const call = signal === undefined ? {} : { signal };
  let triggerError: unknown;
  try {
    return await retry(async (): Promise<Obtained> => {
      if (lost.sentAt !== undefined) {
        // Never trigger blindly after a lost answer: Airbyte may have started the job (a failed read here is thrown as it is).
        const found = await findLostJob(api, id, { sentAt: lost.sentAt, known: lost.known() }, call);
        lost.sentAt = undefined;
        if (found !== undefined) return { kind: "job", job: found, how: "attached", lostAnswer: true };
        log.info("The answer to connections/sync was lost and Airbyte started no job; triggering again");
      }
      const sentAt = options.clock.now();
      try {
        return { kind: "job", job: await api.triggerSync(id, call), how: "started", lostAnswer: false };
      } catch (error) {
        triggerError = error;
        if (isSyncApiError(error) && error.reason === "conflict") {
          const running = (await api.listJobs(id, { ...call, limit: 5, includeResets: true })).find((j) => !isTerminalStatus(j.status));
          if (running !== undefined) return { kind: "job", job: running, how: "attached", lostAnswer: false };
          log.info("Sync conflict but no job in progress; triggering again");
        }
        if (isSyncApiError(error) && error.answerLost) {
          lost.sentAt = sentAt;
          log.info(`No answer to connections/sync (${describe(error)}); reading the job list before triggering again`);
        }
        throw error;
      }
    }, {
      maxAttempts: 3,
      minTimeout: 2_000,
      maxTimeout: Infinity,
      jitter: 0,
      clock: options.clock,
      signal,
      isRetriable: (error) => error === triggerError && isSyncApiError(error) && (error.reason === "transient" || error.reason === "conflict"),
      retryAfter: (error) => (isSyncApiError(error) ? error.retryAfterMs : undefined),
    });
  } catch (error) {
    const last = isRetryError(error) ? error.cause : error;
    // Anything but Airbyte's answer to the trigger (a failed job list, an abort) is thrown as it is.
    if (last !== triggerError || !isSyncApiError(last)) throw last;
    if (last.reason === "inactive") return { kind: "inactive", reason: last.message };
    return { kind: "error", failure: { origin: "airbyte_api", type: last.reason === "transient" ? "transient_error" : "trigger_error", message: describe(last), retryable: last.reason === "transient" } };
  }
}

/**
 * Syncs one due connection: triggers `connections/sync` (on 409 attaches to the
 * running job; when the answer is lost, to a network error, a timeout or a 5xx,
 * it reads the job list before triggering again and attaches to the job the
 * lost trigger started, counted in `lostAnswers`), follows the job to its end, retries failures per the retry
 * policy (core `retry()` with {@link syncRetryOptions}), and returns its
 * outcome. Never throws for Airbyte failures; an abort leaves the job running
 * (or cancels it with `cancelOnAbort` when this run started it) and returns
 * status `running`/`cancelled`.
 *
 * @param target The connection, Airbyte's view of it, and its job history.
 * @param options Port, clock, logger, policies.
 * @returns The connection's outcome.
 * @example
 * ```ts ignore
 * const outcome = await syncConnection(target, { api, clock, log, retry: DEFAULT_RETRY_POLICY });
 * ```
 */
export async function syncConnection(target: SyncTarget, options: SyncConnectionOptions): Promise<SyncOutcome> {
  const { api, clock, signal } = options;
  const c = target.connection;
  const expectedMs = expectedDurationMs(target.history);
  const timeoutMs = c.timeoutMinutes * 60_000;
  const seen = new Map<number, SyncJob>();
  let trigger: SyncTrigger = "started";
  let attempts = 0;
  let lostAnswers = 0;
  let configErrors = 0;
  const lost: LostTrigger = { sentAt: undefined, known: () => new Set([...target.history.map((j) => j.id), ...seen.keys()]) };
  let startedAt: number | undefined;
  let last: SyncJob | undefined;
  let failure: JobFailure | undefined;

  function finish(status: SyncStatus, reason: string | undefined, triggerOverride?: SyncTrigger): SyncOutcome {
    const all = [...seen.values(), ...target.history.filter((j) => !seen.has(j.id))];
    const consecutive = consecutiveFailures(all);
    const ended = last === undefined ? undefined : isTerminalStatus(last.status) ? (last.endedAt ?? last.updatedAt) : clock.now();
    return {
      tenant: target.tenant,
      connectionId: target.remote.connectionId,
      connectionName: target.remote.name,
      template: c.template,
      platform: c.platform,
      trigger: triggerOverride ?? trigger,
      status,
      reason,
      jobId: last?.id,
      jobIds: [...seen.keys()],
      attempts,
      airbyteAttempts: last?.attempts ?? 0,
      lostAnswers,
      startedAt,
      endedAt: ended,
      recordsCommitted: last?.recordsCommitted ?? 0,
      bytesCommitted: last?.bytesCommitted ?? 0,
      failure: status === "succeeded" ? undefined : (last?.failure ?? failure),
      flags: {
        emptySync: last !== undefined && isEmptySync(last, target.history),
        consecutiveFailures: consecutive,
        alert: consecutive >= (options.alertAt ?? 2),
      },
    };
  }

  function interrupted(): SyncOutcome {
    return attempts === 0 ? finish("interrupted", "Interrupted before the sync was triggered", "skipped") : finish("failed", `Interrupted before retry ${attempts + 1}`);
  }

  /** One of our attempts: an outcome, or a SyncAttemptError for the retry to judge. */
  async function attemptOnce(): Promise<SyncOutcome> {
    for (;;) {
      signal?.throwIfAborted();
      attempts += 1;
      let obtained: Obtained;
      try {
        obtained = options.limitTrigger === undefined
          ? await obtainJob(target, options, lost)
          : await options.limitTrigger(() => obtainJob(target, options, lost), { signal });
      } catch (error) {
        if (signal?.aborted) {
          attempts -= 1;
          throw error;
        }
        obtained = { kind: "error", failure: { origin: "airbyte_api", type: "trigger_error", message: describe(error), retryable: undefined } };
      }
      if (obtained.kind === "inactive") {
        options.log.info(`Skipped: ${obtained.reason}`);
        attempts -= 1;
        return finish("skipped", obtained.reason, "skipped");
      }
      let retryFailure: JobFailure;
      if (obtained.kind === "error") {
        retryFailure = obtained.failure;
        failure = obtained.failure;
        options.log.warn(`Could not trigger the sync: ${obtained.failure.message}`);
      } else {
        const { job, how } = obtained;
        if (attempts === 1) trigger = how;
        if (obtained.lostAnswer) lostAnswers += 1;
        startedAt ??= job.createdAt;
        seen.set(job.id, job);
        last = job;
        const log = options.log.child({ job_id: job.id });
        const started = obtained.lostAnswer
          ? `The answer to connections/sync was lost; attached to job ${job.id} it started (attempt ${attempts})`
          : how === "started"
          ? `Started job ${job.id} (attempt ${attempts})`
          : `Attached to running job ${job.id} (attempt ${attempts})`;
        log.info(started, { status: job.status });
        const result = await followJob(api, job, {
          clock,
          log,
          ...(signal === undefined ? {} : { signal }),
          // The deadline counts from when Airbyte created the job (a clock ahead of ours counts from now).
          deadline: Math.min(job.createdAt, clock.now()) + timeoutMs,
          expectedMs,
          ...(options.poll === undefined ? {} : { poll: options.poll }),
          ...(options.stuckPolls === undefined ? {} : { stuckPolls: options.stuckPolls }),
          ...(options.stuckMinMs === undefined ? {} : { stuckMinMs: options.stuckMinMs }),
          onUpdate(next, previous) {
            seen.set(next.id, next);
            options.onJob?.(next);
            if (next.status !== previous.status) {
              const extra = next.status === "incomplete" ? `; Airbyte attempt ${next.attempts} failed, Airbyte retries` : "";
              log.info(`Job ${next.id} ${previous.status} -> ${next.status}${extra}`, { records: next.recordsEmitted, bytes: next.bytesEmitted });
            }
          },
        });
        last = result.job;
        seen.set(result.job.id, result.job);
        options.onJob?.(result.job);
        if (result.kind === "interrupted") {
          if (options.cancelOnAbort === true && how === "started") {
            const cancel = await cancelAndConfirm(api, result.job, { clock, log });
            last = cancel.job;
            seen.set(cancel.job.id, cancel.job);
            return finish(cancel.confirmed ? "cancelled" : "running", cancel.confirmed ? "Interrupted; job cancelled" : "Interrupted; cancel requested but not confirmed");
          }
          return finish("running", how === "started" ? "Interrupted; job left running" : "Interrupted; attached job left running");
        }
        if (result.kind === "timed_out") {
          const reason = `Deadline of ${c.timeoutMinutes} min passed; ${result.confirmed ? "job cancelled" : "cancel not confirmed, job may still run"}`;
          log.warn(reason);
          return finish(result.confirmed ? "timed_out_cancelled" : "timed_out_orphaned", reason);
        }
        if (result.kind === "stuck") {
          return finish("stuck", `Records, bytes and attempts did not move; ${result.confirmed ? "job cancelled" : "cancel not confirmed, job may still run"}`);
        }
        const ended = result.job;
        if (how === "attached" && ended.configType !== undefined && ended.configType !== "sync") {
          // The 409 was about a reset (or refresh/clear): it is over, now start the sync itself (same attempt).
          log.info(`Attached ${ended.configType} job ${ended.id} ended ${ended.status}; triggering the sync`);
          attempts -= 1;
          seen.delete(ended.id);
          if (attempts === 0) {
            trigger = "started";
            startedAt = undefined;
            last = undefined;
          }
          continue;
        }
        if (ended.status === "succeeded") {
          log.info(`Job ${ended.id} succeeded: ${ended.recordsCommitted} records, ${ended.bytesCommitted} bytes committed`);
          return finish("succeeded", undefined);
        }
        if (ended.status === "cancelled") return finish("cancelled", "Cancelled outside this run");
        retryFailure = ended.failure ?? { origin: undefined, type: undefined, message: "Job failed without a failure summary", retryable: undefined };
        failure = retryFailure;
        log.warn(`Job ${ended.id} failed after ${ended.attempts} Airbyte attempt${ended.attempts === 1 ? "" : "s"}: ${retryFailure.type ?? "unknown"} from ${retryFailure.origin ?? "unknown"}: ${retryFailure.message ?? ""}`, {
          airbyte_attempts: ended.attempts,
        });
      }
      if (retryFailure.type === "config_error") configErrors += 1;
      throw new SyncAttemptError(retryFailure, { attempt: attempts, configErrors });
    }
  }

  try {
    return await retry(attemptOnce, {
      ...syncRetryOptions(options.retry, options.random),
      clock,
      signal,
      onRetry: (state) => options.log.info(describeRetry(state)),
    });
  } catch (error) {
    const failed = isRetryError(error) ? error.cause : error;
    const reason = failed instanceof SyncAttemptError ? giveUpReason(options.retry, failed) : undefined;
    if (!(failed instanceof SyncAttemptError) || reason === undefined) {
      // Aborted before, during or instead of a retry's wait; anything else is not an Airbyte failure.
      if (signal?.aborted) return interrupted();
      throw failed;
    }
    return seen.size === 0 ? finish("error", `${reason}: ${failed.failure.message ?? ""}`, "skipped") : finish("failed", reason);
  }
}
