// Job timelines, evaluated lazily at the stand-in's current time: a job is a
// plan (pending, attempts, gaps, failures, cancellation), and its status at
// any instant follows from the plan. No timers run.

/** A job as the stand-in stores it. */
export interface JobRecord {
  id: number;
  configType: "sync" | "reset_connection";
  connectionId: string;
  /** Epoch ms. */
  createdAt: number;
  pendingMs: number;
  attemptMs: number;
  gapMs: number;
  failAttempts: number;
  maxAttempts: number;
  failureType: string;
  failureOrigin: string;
  message: string;
  hang: boolean;
  ignoreCancel: boolean;
  cancelledAt?: number;
  streams: { name: string; namespace?: string }[];
  /** Set once the destination writer ran (sync jobs that succeeded). */
  result?: { records: number; bytes: number } | { error: string };
}

/** One attempt at an instant. */
export interface AttemptPhase {
  status: "running" | "failed" | "succeeded";
  createdAt: number;
  endedAt: number | undefined;
  cancelled: boolean;
}

/** A job at an instant. */
export interface JobPhase {
  status: "pending" | "running" | "incomplete" | "failed" | "succeeded" | "cancelled";
  attempts: AttemptPhase[];
  startedAt: number | undefined;
  updatedAt: number;
  /** True when the plan says succeeded but the writer has not run yet. */
  needsWrite: boolean;
}

/** Terminal job statuses (Airbyte `JobStatus.TERMINAL_STATUSES`). */
export const TERMINAL = new Set(["failed", "succeeded", "cancelled"]);

/**
 * The job's status and attempts at `now`.
 *
 * @param job The job.
 * @param now Epoch ms.
 * @returns The phase.
 */
export function jobPhase(job: JobRecord, now: number): JobPhase {
  const cancel = job.cancelledAt;
  const attempts: AttemptPhase[] = [];
  let t = job.createdAt + job.pendingMs;
  if (cancel !== undefined && cancel <= t && cancel <= now) {
    return { status: "cancelled", attempts, startedAt: undefined, updatedAt: cancel, needsWrite: false };
  }
  if (now < t) return { status: "pending", attempts, startedAt: undefined, updatedAt: job.createdAt, needsWrite: false };
  const startedAt = t;
  for (let k = 0; k < job.maxAttempts; k++) {
    const start = t;
    const end = job.hang && k === 0 ? Number.POSITIVE_INFINITY : start + job.attemptMs;
    const horizon = Math.min(end, now);
    if (cancel !== undefined && cancel <= horizon && cancel < end) {
      attempts.push({ status: "failed", createdAt: start, endedAt: Math.max(cancel, start), cancelled: true });
      return { status: "cancelled", attempts, startedAt, updatedAt: Math.max(cancel, start), needsWrite: false };
    }
    if (now < end) {
      attempts.push({ status: "running", createdAt: start, endedAt: undefined, cancelled: false });
      return { status: "running", attempts, startedAt, updatedAt: start, needsWrite: false };
    }
    const fails = k < job.failAttempts || (job.result !== undefined && "error" in job.result);
    if (!fails) {
      const written = job.configType !== "sync" || job.result !== undefined;
      attempts.push({ status: written ? "succeeded" : "running", createdAt: start, endedAt: written ? end : undefined, cancelled: false });
      return { status: written ? "succeeded" : "running", attempts, startedAt, updatedAt: end, needsWrite: !written };
    }
    attempts.push({ status: "failed", createdAt: start, endedAt: end, cancelled: false });
    if (k === job.maxAttempts - 1 || (job.result !== undefined && "error" in job.result)) {
      return { status: "failed", attempts, startedAt, updatedAt: end, needsWrite: false };
    }
    const next = end + job.gapMs;
    if (cancel !== undefined && cancel < Math.min(next, now)) {
      return { status: "cancelled", attempts, startedAt, updatedAt: cancel, needsWrite: false };
    }
    if (now < next) return { status: "incomplete", attempts, startedAt, updatedAt: end, needsWrite: false };
    t = next;
  }
  return { status: "failed", attempts, startedAt, updatedAt: t, needsWrite: false };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * Records a running attempt has emitted by `now`: they grow with the attempt's
 * age, as Airbyte's running stats do, except that a hanging attempt freezes
 * after a tenth of its usual duration (what the follower calls stuck).
 */
function emittedSoFar(job: JobRecord, attempt: number, createdAt: number, now: number): number {
  const planned = 1_000 + ((job.id * 7_919) % 9_000);
  const elapsed = Math.max(0, now - createdAt);
  const moving = job.hang && attempt === 0 ? Math.min(elapsed, job.attemptMs * 0.1) : elapsed;
  return Math.floor(planned * Math.min(1, moving / Math.max(1, job.attemptMs)));
}

/**
 * The Config API `JobRead` and `AttemptRead`s of a job at `now`.
 *
 * @param job The job.
 * @param now Epoch ms.
 * @returns `{ job, attempts }` with epoch-second timestamps (failure timestamps in ms).
 */
export function jobView(job: JobRecord, now: number): { job: Record<string, unknown>; attempts: Record<string, unknown>[] } {
  const phase = jobPhase(job, now);
  const ok = job.result !== undefined && "records" in job.result ? job.result : undefined;
  const attempts = phase.attempts.map((a, id) => {
    const succeeded = a.status === "succeeded" && ok !== undefined;
    const records = succeeded ? ok.records : a.status === "failed" ? (id * 37) % 100 : a.status === "running" ? emittedSoFar(job, id, a.createdAt, now) : 0;
    const bytes = succeeded ? ok.bytes : records * 350;
    const stats = { recordsEmitted: records, bytesEmitted: bytes, recordsCommitted: succeeded ? records : 0, bytesCommitted: succeeded ? bytes : 0, recordsRejected: 0 };
    return {
      id,
      status: a.status,
      createdAt: seconds(a.createdAt),
      updatedAt: seconds(a.endedAt ?? a.createdAt),
      ...(a.endedAt !== undefined ? { endedAt: seconds(a.endedAt) } : {}),
      bytesSynced: stats.bytesCommitted,
      recordsSynced: stats.recordsCommitted,
      totalStats: stats,
      streamStats: [],
      ...(a.status === "failed"
        ? {
          failureSummary: {
            failures: [
              a.cancelled
                ? { failureOrigin: "airbyte_platform", failureType: "manual_cancellation", externalMessage: "The sync was cancelled.", internalMessage: "Job cancelled", retryable: false, timestamp: a.endedAt ?? now }
                : {
                  failureOrigin: job.failureOrigin,
                  failureType: job.failureType,
                  externalMessage: job.result !== undefined && "error" in job.result ? job.result.error : job.message,
                  internalMessage: `${job.failureType}: ${job.message}`,
                  retryable: job.failureType !== "config_error",
                  timestamp: a.endedAt ?? now,
                  fromTraceMessage: true,
                },
            ],
            partialSuccess: false,
          },
        }
        : {}),
    };
  });
  const last = attempts.at(-1);
  return {
    job: {
      id: job.id,
      configType: job.configType,
      configId: job.connectionId,
      enabledStreams: job.streams,
      createdAt: seconds(job.createdAt),
      updatedAt: seconds(phase.updatedAt),
      ...(phase.startedAt !== undefined ? { startedAt: seconds(phase.startedAt) } : {}),
      status: phase.status,
      ...(job.configType === "reset_connection" ? { resetConfig: { streamsToReset: job.streams } } : {}),
      ...(last !== undefined ? { aggregatedStats: last.totalStats } : {}),
    },
    attempts,
  };
}
