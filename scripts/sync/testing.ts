// In-memory fakes for tests of the sync engine: an Airbyte whose jobs live on a Clock.
import { type Clock, createLogger, type Logger } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { type RemoteConnection, type SyncApi, SyncApiError, type SyncApiErrorKind, type SyncJob } from "./sync-api.ts";

/** How a fake job behaves. */
export interface FakeJobScript {
  /** Time from creation to the end (ms). @default 60_000 */
  durationMs?: number;
  /** Time spent `pending` first (ms). @default 0 */
  pendingMs?: number;
  /** The end. @default "succeeded" */
  result?: "succeeded" | "failed";
  /** Records committed at the end (emitted grow linearly while running). @default 1000 */
  records?: number;
  /** Bytes per record. @default 100 */
  bytesPerRecord?: number;
  /** Failure of a failed job. */
  failure?: { origin?: string; type?: string; message?: string; retryable?: boolean };
  /** Never ends; counts freeze after 10% of `durationMs`. @default false */
  hang?: boolean;
  /** Cancel requests are acknowledged but ignored. @default false */
  ignoreCancel?: boolean;
  /** Airbyte's own attempts. @default 1 */
  airbyteAttempts?: number;
  /** `reset_connection` etc. for jobs that are not syncs. */
  configType?: string;
}

interface FakeJob {
  id: number;
  connectionId: string;
  createdAt: number;
  script: FakeJobScript;
  cancelledAt: number | undefined;
}

/** An injected failure of one API method. */
export interface FakeFault {
  /** Error kind. */
  kind: SyncApiErrorKind;
  /** Retry-After (ms). */
  retryAfterMs?: number;
  /** HTTP status. */
  httpStatus?: number;
}

type Method = "listConnections" | "triggerSync" | "getJob" | "listJobs" | "cancelJob";

/** A fake Airbyte for the sync engine, with call counts and fault injection. */
export interface FakeSyncApi extends SyncApi {
  /** Calls per method. */
  calls: Record<Method, number>;
  /** `getJob` calls per job id. */
  pollsOf(jobId: number): number;
  /** Scripts the next jobs triggered for a connection (consumed in order; the last one repeats). */
  script(connectionId: string, ...scripts: FakeJobScript[]): void;
  /** Creates a job outside this run (Airbyte's scheduler, another run), e.g. to test 409. */
  startExternalJob(connectionId: string, script?: FakeJobScript, createdAt?: number): SyncJob;
  /** Adds finished jobs to the history, newest first as given by `createdAt`. */
  addHistory(connectionId: string, jobs: { createdAt: number; status: "succeeded" | "failed" | "cancelled"; records?: number; durationMs?: number }[]): void;
  /** Makes the next `count` calls of `method` fail. */
  fail(method: Method, count: number, fault: FakeFault): void;
  /** Every job of a connection as Airbyte would report it now, newest first. */
  jobsOf(connectionId: string): SyncJob[];
}

/**
 * Builds a fake Airbyte whose jobs progress on `clock`: pending, running (with
 * growing counts), then succeeded or failed at `durationMs`; cancel ends a job
 * at once unless `ignoreCancel`; triggering while a job runs is a 409 conflict;
 * triggering an inactive connection is `inactive`.
 *
 * @param options The clock and the connections per workspace.
 * @returns The fake.
 * @example
 * ```ts
 * import { createFakeClock } from "../core/testing.ts";
 * import { createFakeSyncApi } from "./testing.ts";
 * const clock = createFakeClock();
 * const api = createFakeSyncApi({ clock, connections: [{ workspaceId: "w", connectionId: "c1", name: "c1", status: "active", managedKey: undefined }] });
 * const job = await api.triggerSync("c1");
 * console.assert(job.status === "running");
 * ```
 */
export function createFakeSyncApi(options: { clock: Clock; connections: (RemoteConnection & { workspaceId: string })[] }): FakeSyncApi {
  const { clock } = options;
  const jobs: FakeJob[] = [];
  const history: SyncJob[] = [];
  const scripts = new Map<string, FakeJobScript[]>();
  const faults = new Map<Method, FakeFault[]>();
  const polls = new Map<number, number>();
  const calls: Record<Method, number> = { listConnections: 0, triggerSync: 0, getJob: 0, listJobs: 0, cancelJob: 0 };
  let nextId = 1000;

  function enter(method: Method): void {
    calls[method] += 1;
    const queue = faults.get(method);
    const fault = queue?.shift();
    if (fault !== undefined) {
      throw new SyncApiError(`Injected ${fault.kind} on ${method}`, {
        reason: fault.kind,
        ...(fault.httpStatus === undefined ? {} : { httpStatus: fault.httpStatus }),
        ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
      });
    }
  }

  function view(job: FakeJob): SyncJob {
    const s = job.script;
    const now = clock.now();
    const duration = s.durationMs ?? 60_000;
    const records = s.records ?? 1000;
    const bpr = s.bytesPerRecord ?? 100;
    const age = now - job.createdAt;
    const base = { id: job.id, connectionId: job.connectionId, createdAt: job.createdAt, attempts: s.airbyteAttempts ?? 1, ...(s.configType ? { configType: s.configType } : {}) };
    const emitted = (t: number) => Math.floor(records * Math.min(1, Math.max(0, t) / duration));
    if (job.cancelledAt !== undefined && !s.ignoreCancel) {
      const r = emitted(s.hang ? duration * 0.1 : job.cancelledAt - job.createdAt);
      return { ...base, status: "cancelled", updatedAt: job.cancelledAt, endedAt: job.cancelledAt, recordsEmitted: r, bytesEmitted: r * bpr, recordsCommitted: 0, bytesCommitted: 0, failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "Cancelled", retryable: false } };
    }
    if (age < (s.pendingMs ?? 0)) {
      return { ...base, status: "pending", updatedAt: job.createdAt, endedAt: undefined, recordsEmitted: 0, bytesEmitted: 0, recordsCommitted: 0, bytesCommitted: 0, failure: undefined };
    }
    if (s.hang || age < duration) {
      const r = emitted(s.hang ? Math.min(age, duration * 0.1) : age);
      return { ...base, status: "running", updatedAt: now, endedAt: undefined, recordsEmitted: r, bytesEmitted: r * bpr, recordsCommitted: 0, bytesCommitted: 0, failure: undefined };
    }
    const end = job.createdAt + duration;
    if ((s.result ?? "succeeded") === "succeeded") {
      return { ...base, status: "succeeded", updatedAt: end, endedAt: end, recordsEmitted: records, bytesEmitted: records * bpr, recordsCommitted: records, bytesCommitted: records * bpr, failure: undefined };
    }
    const f = s.failure ?? {};
    return {
      ...base,
      status: "failed",
      updatedAt: end,
      endedAt: end,
      recordsEmitted: 0,
      bytesEmitted: 0,
      recordsCommitted: 0,
      bytesCommitted: 0,
      failure: { origin: f.origin ?? "source", type: f.type ?? "system_error", message: f.message ?? "Sync failed", retryable: f.retryable },
    };
  }

  function remote(connectionId: string): RemoteConnection & { workspaceId: string } {
    const found = options.connections.find((c) => c.connectionId === connectionId);
    if (found === undefined) throw new SyncApiError(`Could not find configuration for STANDARD_SYNC: ${connectionId}`, { reason: "not_found", httpStatus: 404 });
    return found;
  }

  function create(connectionId: string, script: FakeJobScript, createdAt = clock.now()): FakeJob {
    const job: FakeJob = { id: nextId++, connectionId, createdAt, script, cancelledAt: undefined };
    jobs.push(job);
    return job;
  }

  function jobsOf(connectionId: string): SyncJob[] {
    return [...jobs.filter((j) => j.connectionId === connectionId).map(view), ...history.filter((j) => j.connectionId === connectionId)]
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }

  return {
    calls,
    pollsOf: (jobId) => polls.get(jobId) ?? 0,
    script(connectionId, ...list) {
      scripts.set(connectionId, [...(scripts.get(connectionId) ?? []), ...list]);
    },
    startExternalJob(connectionId, script = {}, createdAt) {
      return view(create(connectionId, script, createdAt));
    },
    addHistory(connectionId, list) {
      for (const h of list) {
        const records = h.status === "succeeded" ? (h.records ?? 500) : 0;
        const end = h.createdAt + (h.durationMs ?? 60_000);
        history.push({
          id: nextId++,
          connectionId,
          status: h.status,
          createdAt: h.createdAt,
          updatedAt: end,
          endedAt: end,
          attempts: 1,
          recordsEmitted: records,
          bytesEmitted: records * 100,
          recordsCommitted: records,
          bytesCommitted: records * 100,
          failure: h.status === "failed" ? { origin: "source", type: "system_error", message: "Earlier failure", retryable: true } : undefined,
        });
      }
    },
    fail(method, count, fault) {
      faults.set(method, [...(faults.get(method) ?? []), ...Array.from({ length: count }, () => fault)]);
    },
    jobsOf,
    listConnections(workspaceId) {
      enter("listConnections");
      return Promise.resolve(options.connections.filter((c) => c.workspaceId === workspaceId).map(({ workspaceId: _w, ...c }) => c));
    },
    triggerSync(connectionId) {
      try {
        enter("triggerSync");
        const c = remote(connectionId);
        if (c.status !== "active") throw new SyncApiError("Internal Server Error: Can only sync an active connection", { reason: "inactive", httpStatus: 500 });
        if (jobsOf(connectionId).some((j) => j.status === "pending" || j.status === "running" || j.status === "incomplete")) {
          throw new SyncApiError(`A sync is already running for: ${connectionId}`, { reason: "conflict", httpStatus: 409 });
        }
        const queue = scripts.get(connectionId) ?? [];
        const script = (queue.length > 1 ? queue.shift() : queue[0]) ?? {};
        return Promise.resolve(view(create(connectionId, script)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    getJob(jobId) {
      try {
        polls.set(jobId, (polls.get(jobId) ?? 0) + 1);
        enter("getJob");
        const job = jobs.find((j) => j.id === jobId);
        if (job === undefined) throw new SyncApiError(`Internal Server Error: Could not find job with id: ${jobId}`, { reason: "not_found", httpStatus: 500 });
        return Promise.resolve(view(job));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    listJobs(connectionId, o = {}) {
      try {
        enter("listJobs");
        return Promise.resolve(jobsOf(connectionId).filter((j) => o.includeResets === true || j.configType === undefined).slice(0, o.limit ?? 200));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    cancelJob(jobId) {
      try {
        enter("cancelJob");
        const job = jobs.find((j) => j.id === jobId);
        if (job === undefined) throw new SyncApiError(`Internal Server Error: Could not find job with id: ${jobId}`, { reason: "not_found", httpStatus: 500 });
        if (job.cancelledAt === undefined && !["succeeded", "failed", "cancelled"].includes(view(job).status)) job.cancelledAt = clock.now();
        return Promise.resolve(view(job));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/**
 * A logger that keeps its lines (JSON format), for assertions.
 *
 * @param now The time source.
 * @returns The logger and its parsed lines.
 * @example
 * ```ts
 * import { createMemoryLog } from "./testing.ts";
 * const { log, lines } = createMemoryLog();
 * log.info("Hi", { tenant_id: "acme" });
 * console.assert(lines[0]?.tenant_id === "acme");
 * ```
 */
export function createMemoryLog(now: () => number = () => 0): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>), { format: "json", level: "debug", now });
  return { log, lines };
}

/** A fake clock that does not move while HTTP calls are in flight (see {@link createIoAwareClock}). */
export interface IoAwareClock extends Clock {
  /** Moves time forward by `ms`, firing due sleeps. */
  advance(ms: number): Promise<void>;
  /** Wraps a fetch so that time stands still until each response body has been read. */
  wrapFetch(fetchFn: typeof fetch): typeof fetch;
  /** A clock with the same time whose sleeps resolve at once (for the stand-in's own latency faults). */
  readonly view: Clock;
}

/**
 * A fake clock for tests against a real local HTTP server: like `createFakeClock`
 * with autoAdvance, it jumps to the next sleep when the program is idle, but
 * never while a request made through `wrapFetch` is in flight, so a deadline
 * cannot pass "during" a request just because another task was sleeping.
 *
 * @param options Start time (epoch ms).
 * @returns The clock.
 * @example
 * ```ts
 * import { createIoAwareClock } from "./testing.ts";
 * const clock = createIoAwareClock({ start: 0 });
 * await clock.sleep(60_000);
 * console.assert(clock.now() === 60_000);
 * ```
 */
export function createIoAwareClock(options: { start?: number } = {}): IoAwareClock {
  const inner = createFakeClock({ start: options.start ?? Date.UTC(2026, 10, 23, 12, 0, 0), autoAdvance: false });
  const dues = new Map<symbol, number>();
  let holds = 0;
  let scheduled = false;

  function kick(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      if (holds > 0 || dues.size === 0) return;
      const next = Math.min(...dues.values());
      void inner.advance(Math.max(0, next - inner.now())).then(kick);
    }, 0);
  }

  function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const key = Symbol("sleep");
    dues.set(key, inner.now() + Math.max(0, ms));
    const done = () => void dues.delete(key);
    const p = inner.sleep(ms, signal);
    p.then(done, done);
    kick();
    return p;
  }

  return {
    now: () => inner.now(),
    sleep,
    advance: (ms) => inner.advance(ms),
    wrapFetch(fetchFn) {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        holds += 1;
        try {
          const response = await fetchFn(input, init);
          const body = await response.arrayBuffer();
          return new Response(response.status === 204 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
        } finally {
          holds -= 1;
          kick();
        }
      }) as typeof fetch;
    },
    view: { now: () => inner.now(), sleep: () => Promise.resolve() },
  };
}
