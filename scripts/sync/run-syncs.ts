import { type Clock, createLimiter, isRetryError, type Logger, mapPool, type Outcome, retry } from "../core/mod.ts";
import type { SyncReportRow } from "../../schemas/report-rows/sync.ts";
import { decideDue } from "./due.ts";
import { consecutiveFailures } from "./job-history.ts";
import type { PollPolicy } from "./poll-schedule.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";
import { matchRemoteConnection, type SelectedConnection } from "./select-connections.ts";
import { isSyncApiError, type RemoteConnection, type SyncApi, type SyncJob } from "./sync-api.ts";
import { syncConnection } from "./sync-connection.ts";
import { type SyncOutcome, type SyncStatus, type SyncSummary, summarizeOutcomes, type SyncTrigger, toReportRow } from "./sync-outcome.ts";
import { createSyncProgress } from "./sync-progress.ts";

/** The ports a sync run uses. */
export interface SyncDeps {
  /** Airbyte. */
  api: SyncApi;
  /** The clock (a fake one in tests). */
  clock: Clock;
  /** Progress and diagnostics. */
  log: Logger;
  /** Uniform draws for retry jitter. @default Math.random */
  random?: () => number;
}

/** Options of {@link runSyncs}. */
export interface SyncRunOptions {
  /** Aborted on Ctrl-C/SIGTERM or by the orchestrator: stop triggering, report running jobs. */
  signal?: AbortSignal;
  /** Sync even when not due. @default false */
  force?: boolean;
  /** Decide and report what would run; trigger nothing. @default false */
  dryRun?: boolean;
  /** Cancel the jobs this run started when the signal aborts (the orchestrator sets it). @default false */
  cancelOnAbort?: boolean;
  /**
   * Triggers in flight at Airbyte at once (each with its retries and 409
   * attach); the reads before a trigger (connection lookup, job history) have
   * a limit of the same size of their own. Following a job holds no slot: every
   * triggered job is followed at once, each on its own timer. @default 4
   */
  concurrency?: number;
  /** Retry policy (from `platform.yml` `retry:`). @default DEFAULT_RETRY_POLICY */
  retry?: RetryPolicy;
  /** Polling policy. @default DEFAULT_POLL_POLICY */
  poll?: PollPolicy;
  /** Polls without movement before a running job is stuck (platform.yml `sync.stuck_polls`). @default 3 (DEFAULT_STUCK_POLICY) */
  stuckPolls?: number;
  /** Least time without movement before a job is stuck, in ms (platform.yml `sync.stuck_after_minutes`). @default 300_000 (DEFAULT_STUCK_POLICY) */
  stuckMinMs?: number;
  /** Jobs of history read per connection. @default 20 */
  historySize?: number;
  /** Consecutive failures that raise the alert flag. @default 2 */
  alertAt?: number;
  /** How often the progress summary is logged while jobs run (ms). @default 60_000 */
  progressEveryMs?: number;
  /** Called as each connection finishes. */
  onOutcome?: (outcome: SyncOutcome) => void;
}

/** What a sync run returns. */
export interface SyncRunResult {
  /** One per selected connection, in selection order. */
  outcomes: SyncOutcome[];
  /** The same as report rows. */
  rows: SyncReportRow[];
  /** Counts. */
  summary: SyncSummary;
  /** `ok`, `partial` (some failed), `failed` (all failed) or `interrupted`. */
  outcome: Outcome;
  /** Whether the signal aborted. */
  interrupted: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTransientRetries<T>(clock: Clock, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    // The Config API client already retries reads; this is one more round after it gives up.
    return await retry(fn, {
      maxAttempts: 2,
      minTimeout: 2_000,
      jitter: 0,
      clock,
      signal,
      isRetriable: (error) => isSyncApiError(error) && error.reason === "transient",
      retryAfter: (error) => (isSyncApiError(error) ? error.retryAfterMs : undefined),
    });
  } catch (error) {
    throw isRetryError(error) ? error.cause : error;
  }
}

/**
 * Syncs the selected connections: for each one, finds it in Airbyte (configured
 * id, else managed key), reads its job history, decides whether it is due, then
 * triggers (or attaches), follows and retries. At most `concurrency` triggers
 * are in flight at once (and as many lookups); following costs a timer, not a
 * slot, so a run takes about its longest job, not waves of jobs, and each job's
 * deadline counts from its creation in Airbyte. Every selected connection gets exactly one outcome,
 * whatever happens. On abort it stops triggering, leaves running jobs running
 * (or cancels the ones it started with `cancelOnAbort`) and returns exit 130.
 * It never throws for Airbyte failures.
 *
 * @param deps Airbyte port, clock, logger.
 * @param selection The connections to consider (see `selectConnections`).
 * @param options Force, dry run, policies, signal.
 * @returns The outcomes, report rows, counts and exit code.
 * @example
 * ```ts ignore
 * const result = await runSyncs({ api, clock, log }, selectConnections(config, { platform: "meta" }), { signal, cancelOnAbort: true });
 * ```
 */
export async function runSyncs(deps: SyncDeps, selection: readonly SelectedConnection[], options: SyncRunOptions = {}): Promise<SyncRunResult> {
  const { api, clock, log } = deps;
  const signal = options.signal;
  const progress = createSyncProgress(selection.length);
  const workspaces = new Map<string, Promise<RemoteConnection[]>>();
  const call = signal === undefined ? {} : { signal };
  const concurrency = options.concurrency ?? 4;
  const lookups = createLimiter(concurrency);
  const triggers = createLimiter(concurrency);

  function listRemotes(workspaceId: string): Promise<RemoteConnection[]> {
    let found = workspaces.get(workspaceId);
    if (found === undefined) {
      found = withTransientRetries(clock, signal, () => api.listConnections(workspaceId, call));
      found.catch(() => undefined);
      workspaces.set(workspaceId, found);
    }
    return found;
  }

  async function one(item: SelectedConnection): Promise<SyncOutcome> {
    const { tenant, connection } = item;
    const clog = log.child({ tenant_id: tenant.slug, provider: connection.platform, connection_id: connection.connectionId ?? connection.managedKey });
    let remote: RemoteConnection | undefined;
    let history: SyncJob[] = [];
    const outcome = (trigger: SyncTrigger, status: SyncStatus, reason: string): SyncOutcome => {
      const consecutive = consecutiveFailures(history);
      return {
        tenant: tenant.slug,
        connectionId: remote?.connectionId ?? connection.connectionId,
        connectionName: remote?.name ?? connection.name,
        template: connection.template,
        platform: connection.platform,
        trigger,
        status,
        reason,
        jobId: undefined,
        jobIds: [],
        attempts: 0,
        airbyteAttempts: 0,
        lostAnswers: 0,
        startedAt: undefined,
        endedAt: undefined,
        recordsCommitted: 0,
        bytesCommitted: 0,
        failure: status === "error" ? { origin: "airbyte_api", type: "api_error", message: reason, retryable: undefined } : undefined,
        flags: { emptySync: false, consecutiveFailures: consecutive, alert: consecutive >= (options.alertAt ?? 2) },
      };
    };

    /** The reads before a trigger: find the connection, read its history, decide. */
    async function prepare(): Promise<{ kind: "done"; outcome: SyncOutcome } | { kind: "due"; remote: RemoteConnection; rlog: Logger; reason: string }> {
      const done = (o: SyncOutcome) => ({ kind: "done" as const, outcome: o });
      const remotes = await listRemotes(tenant.workspaceId);
      remote = matchRemoteConnection(connection, remotes);
      if (remote === undefined) {
        const how = connection.connectionId ? `id '${connection.connectionId}'` : `managed key '${connection.managedKey}'`;
        return done(outcome("skipped", "not_found", `No connection with ${how} in workspace '${tenant.workspaceId}'; run provision`));
      }
      const found = remote;
      const rlog = clog.child({ connection_id: found.connectionId });
      if (found.status !== "active") {
        rlog.info(`Skipped: connection is '${found.status}' in Airbyte`);
        return done(outcome("skipped", "skipped", `Connection is '${found.status}' in Airbyte`));
      }
      history = await withTransientRetries(clock, signal, () => api.listJobs(found.connectionId, { ...call, limit: options.historySize ?? 20 }));
      const decision = decideDue(connection.schedule, history, { now: clock.now(), force: options.force ?? false });
      if (!decision.due) {
        rlog.info(`Not due: ${decision.reason}`);
        return done(outcome("not_due", "not_due", decision.reason));
      }
      if (options.dryRun === true) {
        rlog.info(`Would sync: ${decision.reason}`);
        return done(outcome("dry_run", "would_run", decision.reason));
      }
      return { kind: "due", remote: found, rlog, reason: decision.reason };
    }

    if (signal?.aborted) return outcome("skipped", "interrupted", "Interrupted before the sync was triggered");
    if (connection.status !== "active") return outcome("skipped", "skipped", `Disabled in config (status '${connection.status}')`);
    try {
      const ready = await lookups(prepare, { signal });
      if (ready.kind === "done") return ready.outcome;
      if (signal?.aborted) return outcome("skipped", "interrupted", "Interrupted before the sync was triggered");
      ready.rlog.info(`Due: ${ready.reason}`);
      // The trigger takes a slot of `triggers`; following the job takes none.
      return await syncConnection({ tenant: tenant.slug, connection, remote: ready.remote, history }, {
        api,
        clock,
        log: ready.rlog,
        ...(signal === undefined ? {} : { signal }),
        retry: options.retry ?? DEFAULT_RETRY_POLICY,
        ...(deps.random === undefined ? {} : { random: deps.random }),
        ...(options.poll === undefined ? {} : { poll: options.poll }),
        ...(options.stuckPolls === undefined ? {} : { stuckPolls: options.stuckPolls }),
        ...(options.stuckMinMs === undefined ? {} : { stuckMinMs: options.stuckMinMs }),
        cancelOnAbort: options.cancelOnAbort ?? false,
        alertAt: options.alertAt ?? 2,
        limitTrigger: triggers,
        onJob: (job) => progress.updateJob(job),
      });
    } catch (error) {
      if (signal?.aborted) return outcome("skipped", "interrupted", "Interrupted before the sync was triggered");
      clog.error(`Could not sync: ${describe(error)}`);
      return outcome("skipped", "error", describe(error));
    }
  }

  const ticker = new AbortController();
  const everyMs = options.progressEveryMs ?? 60_000;
  const tick = (async () => {
    for (;;) {
      try {
        await clock.sleep(everyMs, ticker.signal);
      } catch {
        return;
      }
      if (progress.active()) log.info(`Progress: ${progress.line()}`);
    }
  })();

  let outcomes: SyncOutcome[];
  try {
    // Every connection runs at once: the limiters above bound its reads and triggers, nothing bounds following.
    outcomes = await mapPool(selection, async (item) => {
      const result = await one(item);
      progress.finish(result);
      options.onOutcome?.(result);
      return result;
    }, { limit: Infinity });
  } finally {
    ticker.abort();
    await tick;
  }
  const interrupted = signal?.aborted === true;
  const { summary, outcome } = summarizeOutcomes(outcomes, { interrupted });
  log.info(`Sync run done: ${progress.line()}`);
  return { outcomes, rows: outcomes.map(toReportRow), summary, outcome, interrupted };
}
