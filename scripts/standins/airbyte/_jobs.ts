// Job timelines, evaluated lazily at the stand-in's current time: a job is a
// plan (pending, attempts, gaps, failures, cancellation), and its status at
// any instant follows from the plan. No timers run.
import { createHash } from "node:crypto";
import type { ConfiguredStream, StreamWriteStats } from "./destination-writer.ts";
import { jobLogLines } from "./_job-logs.ts";

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
  /** The selected streams' configuration when the job was created (absent in old state files). */
  configuredStreams?: ConfiguredStream[];
  /** `<repository>:<tag>` of the source and destination images, for the logs. */
  images?: { source: string; destination: string };
  /** Set once the destination writer ran (sync jobs that succeeded). */
  result?: { records: number; bytes: number; streams?: StreamWriteStats[] } | { error: string };
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

/** Per-stream counts of an attempt: the writer's own when it reported them, else the total split by stable weights. */
function perStream(job: JobRecord, records: number, bytes: number, reported: readonly StreamWriteStats[] | undefined): StreamWriteStats[] {
  if (reported !== undefined) return job.streams.map((s) => reported.find((r) => r.name === s.name) ?? { name: s.name, records: 0, bytes: 0 });
  const weights = job.streams.map((s) => 1 + (createHash("sha256").update(`${job.connectionId}:${s.name}`).digest().readUInt32BE(0) % 9));
  const sum = weights.reduce((a, b) => a + b, 0);
  let leftRecords = records;
  let leftBytes = bytes;
  return job.streams.map((s, i) => {
    const last = i === job.streams.length - 1;
    const r = last ? leftRecords : Math.floor((records * (weights[i] as number)) / sum);
    const b = last ? leftBytes : Math.floor((bytes * (weights[i] as number)) / sum);
    leftRecords -= r;
    leftBytes -= b;
    return { name: s.name, records: r, bytes: b };
  });
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
 * The Config API `JobRead` and `AttemptRead`s of a job at `now`, with the
 * attempts' log lines beside them (for `JobInfoRead`; `jobs/list` drops them).
 *
 * @param job The job.
 * @param now Epoch ms.
 * @returns `{ job, attempts, logs }` with epoch-second timestamps (failure timestamps in ms).
 */
export function jobView(job: JobRecord, now: number): { job: Record<string, unknown>; attempts: Record<string, unknown>[]; logs: string[][] } {
  const phase = jobPhase(job, now);
  const ok = job.result !== undefined && "records" in job.result ? job.result : undefined;
  const namespaceOf = new Map(job.streams.map((s) => [s.name, s.namespace]));
  const logs: string[][] = [];
  const attempts = phase.attempts.map((a, id) => {
    const succeeded = a.status === "succeeded" && ok !== undefined;
    const records = succeeded ? ok.records : a.status === "failed" ? (id * 37) % 100 : a.status === "running" ? emittedSoFar(job, id, a.createdAt, now) : 0;
    const bytes = succeeded ? ok.bytes : records * 350;
    const stats = { recordsEmitted: records, bytesEmitted: bytes, recordsCommitted: succeeded ? records : 0, bytesCommitted: succeeded ? bytes : 0, recordsRejected: 0 };
    const streams = perStream(job, records, bytes, succeeded ? ok.streams : undefined);
    const failure = a.status !== "failed" ? undefined : a.cancelled
      ? { failureOrigin: "airbyte_platform", failureType: "manual_cancellation", externalMessage: "The sync was cancelled.", internalMessage: "Job cancelled", retryable: false, timestamp: a.endedAt ?? now }
      : {
        failureOrigin: job.failureOrigin,
        failureType: job.failureType,
        externalMessage: job.result !== undefined && "error" in job.result ? job.result.error : job.message,
        internalMessage: `${job.failureType}: ${job.message}`,
        retryable: job.failureType !== "config_error",
        timestamp: a.endedAt ?? now,
        fromTraceMessage: true,
      };
    logs.push(jobLogLines({ job, attempt: id, createdAt: a.createdAt, endedAt: a.endedAt, status: a.status, streams, committed: succeeded, failure: failure?.externalMessage }));
    return {
      id,
      status: a.status,
      createdAt: seconds(a.createdAt),
      updatedAt: seconds(a.endedAt ?? a.createdAt),
      ...(a.endedAt !== undefined ? { endedAt: seconds(a.endedAt) } : {}),
      bytesSynced: stats.bytesCommitted,
      recordsSynced: stats.recordsCommitted,
      totalStats: stats,
      streamStats: streams.map((st) => ({
        streamName: st.name,
        ...(namespaceOf.get(st.name) !== undefined ? { streamNamespace: namespaceOf.get(st.name) } : {}),
        stats: { recordsEmitted: st.records, bytesEmitted: st.bytes, recordsCommitted: succeeded ? st.records : 0, bytesCommitted: succeeded ? st.bytes : 0, recordsRejected: 0 },
      })),
      ...(failure !== undefined ? { failureSummary: { failures: [failure], partialSuccess: false } } : {}),
    };
  });
  const last = attempts.at(-1);
  const lastStreams = (last?.streamStats ?? []) as { streamName: string; streamNamespace?: string; stats: Record<string, number> }[];
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
      ...(last !== undefined ? { streamAggregatedStats: lastStreams.map((s) => ({ streamName: s.streamName, ...(s.streamNamespace !== undefined ? { streamNamespace: s.streamNamespace } : {}), ...s.stats })) } : {}),
    },
    attempts,
    logs,
  };
}
