import { type Clock, type Logger, retry } from "../core/mod.ts";
import { isSyncApiError, isTerminalStatus, type SyncApi, type SyncJob } from "./sync-api.ts";

/** Options of {@link cancelAndConfirm}. */
export interface CancelOptions {
  /** The clock. */
  clock: Clock;
  /** Where warnings go. */
  log: Logger;
  /** Re-reads of the job after the cancel request. @default 5 */
  confirmPolls?: number;
  /** Wait before the first re-read; doubles each time. @default 2_000 */
  confirmIntervalMs?: number;
  /** Tries of the cancel call itself on transient errors. @default 3 */
  cancelTries?: number;
}

/** What a cancel came to. */
export interface CancelResult {
  /** Whether Airbyte confirmed the job `cancelled`. */
  confirmed: boolean;
  /** The job as last read (it may have ended another way meanwhile). */
  job: SyncJob;
}

/**
 * Asks Airbyte to cancel a job, then re-reads it until it reads `cancelled`
 * (or another terminal status). Never throws for API errors: an unconfirmed
 * cancel is reported as such, and the caller calls the job orphaned.
 * It deliberately takes no abort signal: it is what runs after an abort.
 *
 * @param api The Airbyte port.
 * @param job The job to cancel, as last seen.
 * @param options Clock, logger, confirmation polls.
 * @returns Whether the cancel was confirmed, and the job as last read.
 * @example
 * ```ts ignore
 * const { confirmed } = await cancelAndConfirm(api, job, { clock, log });
 * ```
 */
export async function cancelAndConfirm(api: SyncApi, job: SyncJob, options: CancelOptions): Promise<CancelResult> {
  const { clock, log } = options;
  let last = job;
  const tries = options.cancelTries ?? 3;
  try {
    last = await retry(async (attempt) => {
      try {
        return await api.cancelJob(job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`Cancel request ${attempt}/${tries} failed: ${message}`, { job_id: job.id });
        throw error;
      }
    }, {
      maxAttempts: tries,
      minTimeout: 2_000,
      maxTimeout: Infinity,
      jitter: 0,
      clock,
      isRetriable: (error) => !isSyncApiError(error) || error.reason === "transient",
      retryAfter: (error) => (isSyncApiError(error) ? error.retryAfterMs : undefined),
    });
  } catch {
    // Not accepted: the re-reads below still see whether the job ended.
  }
  let wait = options.confirmIntervalMs ?? 2_000;
  for (let i = 0; i < (options.confirmPolls ?? 5); i++) {
    if (isTerminalStatus(last.status)) break;
    await clock.sleep(wait);
    wait *= 2;
    try {
      last = await api.getJob(job.id);
    } catch (error) {
      log.warn(`Re-reading job after cancel failed: ${error instanceof Error ? error.message : String(error)}`, { job_id: job.id });
    }
  }
  return { confirmed: last.status === "cancelled", job: last };
}
