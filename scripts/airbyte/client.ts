import * as v from "valibot";
import { type Clock, type Redactor } from "../core/mod.ts";
import type { AirbyteAuth } from "./auth.ts";
import { type AirbyteRetryOptions, type CallOptions, createTransport, type RetryEvent } from "./_transport.ts";
import {
  type Catalog,
  CatalogSchema,
  type CheckConnectionResult,
  CheckConnectionSchema,
  type Connection,
  ConnectionListSchema,
  ConnectionSchema,
  type ConnectionStatus,
  ConnectionStatusListSchema,
  type Destination,
  DestinationListSchema,
  DestinationSchema,
  type DiscoverResult,
  DiscoverSchema,
  JobInfoSchema,
  JobListSchema,
  type JobWithAttempts,
  type Source,
  type SourceDefinition,
  SourceDefinitionListSchema,
  SourceListSchema,
  SourceSchema,
  type Workspace,
  WorkspaceSchema,
} from "./schemas.ts";

export type { AirbyteRetryOptions, CallOptions, RetryEvent };

/** A schedule as the Config API takes it. */
export type AirbyteSchedule =
  | { scheduleType: "manual" }
  | { scheduleType: "basic"; scheduleData: { basicSchedule: { timeUnit: "minutes" | "hours" | "days" | "weeks" | "months"; units: number } } }
  | { scheduleType: "cron"; scheduleData: { cron: { cronExpression: string; cronTimeZone: string } } };

/** The fields adops sets on a connection (create: all required ones; update: any). */
export interface ConnectionFields {
  name?: string;
  status?: "active" | "inactive";
  namespaceDefinition?: "source" | "destination" | "customformat";
  namespaceFormat?: string;
  prefix?: string;
  operationIds?: string[];
  syncCatalog?: Catalog;
  sourceCatalogId?: string;
  scheduleType?: AirbyteSchedule["scheduleType"];
  scheduleData?: { basicSchedule?: { timeUnit: string; units: number }; cron?: { cronExpression: string; cronTimeZone: string } };
}

/** Options of the cursor-paged lists (`listSources`, `listDestinations`). */
export interface ListOptions extends CallOptions {
  /**
   * End paging on a short page (fewer items than the page size asked for).
   * `false` is the old rule, kept only as the baseline of `bench:provision`:
   * ask for pages until one brings nothing new (one call more per list).
   * @default true
   */
  stopOnShortPage?: boolean;
}

/** Options of {@link listJobs}. */
export interface ListJobsOptions extends CallOptions {
  /** Connection id (`configId`). */
  connectionId?: string;
  /** Job types. @default ["sync", "reset_connection"] */
  configTypes?: string[];
  /** Status filter. */
  statuses?: string[];
  /** Stop after this many jobs (newest first). @default all */
  limit?: number;
  /** Page size. @default 100 */
  pageSize?: number;
  /**
   * Stop after the page that reaches a job created before this instant (epoch
   * ms): jobs come newest first, so older pages are not needed. That page is
   * returned whole. @default read to `limit`
   */
  createdAfter?: number;
}

/** The typed Config API client. Every method throws an AirbyteError subclass on failure. */
export interface AirbyteClient {
  getWorkspace(workspaceId: string, options?: CallOptions): Promise<Workspace>;
  listSourceDefinitions(options?: CallOptions): Promise<SourceDefinition[]>;
  /** All sources of a workspace (follows 1.8's cursor pages; a short page is the last). */
  listSources(workspaceId: string, options?: ListOptions): Promise<Source[]>;
  getSource(sourceId: string, options?: CallOptions): Promise<Source>;
  createSource(body: { workspaceId: string; name: string; sourceDefinitionId: string; connectionConfiguration: Record<string, unknown> }, options?: CallOptions): Promise<Source>;
  updateSource(body: { sourceId: string; name: string; connectionConfiguration: Record<string, unknown> }, options?: CallOptions): Promise<Source>;
  /** Synchronous; long timeout. A failed check is a result, not an error. */
  checkSource(sourceId: string, options?: CallOptions): Promise<CheckConnectionResult>;
  /** Synchronous; long timeout. `catalog` is absent when discover failed. */
  discoverSchema(sourceId: string, options?: CallOptions & { disableCache?: boolean }): Promise<DiscoverResult>;
  getDestination(destinationId: string, options?: CallOptions): Promise<Destination>;
  /** All destinations of a workspace (follows 1.8's cursor pages; a short page is the last). */
  listDestinations(workspaceId: string, options?: ListOptions): Promise<Destination[]>;
  createConnection(body: ConnectionFields & { sourceId: string; destinationId: string; status: "active" | "inactive" }, options?: CallOptions): Promise<Connection>;
  /** A patch: only the fields given change. */
  updateConnection(body: ConnectionFields & { connectionId: string }, options?: CallOptions): Promise<Connection>;
  getConnection(connectionId: string, options?: CallOptions): Promise<Connection>;
  /** Deletes (deprecates) a connection. */
  deleteConnection(connectionId: string, options?: CallOptions): Promise<void>;
  /** Non-deprecated connections of a workspace. */
  listConnections(workspaceId: string, options?: CallOptions): Promise<Connection[]>;
  getConnectionStatuses(connectionIds: string[], options?: CallOptions): Promise<ConnectionStatus[]>;
  /** Starts a sync; never retried blindly. A running sync gives AirbyteConflictError (409). */
  syncConnection(connectionId: string, options?: CallOptions): Promise<JobWithAttempts>;
  /** Starts a reset (cancels a running sync); never retried blindly. */
  resetConnection(connectionId: string, options?: CallOptions): Promise<JobWithAttempts>;
  getJob(jobId: number, options?: CallOptions): Promise<JobWithAttempts>;
  /** Jobs newest first, all pages unless `limit`. */
  listJobs(options?: ListJobsOptions): Promise<{ jobs: JobWithAttempts[]; total: number }>;
  cancelJob(jobId: number, options?: CallOptions): Promise<JobWithAttempts>;
}

/** Options of {@link createAirbyteClient}. */
export interface AirbyteClientOptions {
  /** Airbyte URL without `/api` (`config.platform.airbyte.base_url`). */
  baseUrl: string;
  /** Authentication (see `resolveAirbyteAuth`). @default { mode: "none" } */
  auth?: AirbyteAuth;
  /** The environment; unused by the client itself, kept for symmetry with other factories. */
  env?: Readonly<Record<string, string | undefined>>;
  /** fetch to use (tests, instrumentation). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Clock for backoff sleeps and token expiry (the runtime's system clock in production). */
  clock: Clock;
  /** Aborts every call. */
  signal?: AbortSignal;
  /** Retry settings. @default 5 attempts, 500 ms doubling to at most 30 s, full jitter, Retry-After up to 300 s */
  retry?: AirbyteRetryOptions;
  /** Redacts Airbyte messages; fetched tokens are added to it. */
  redactor?: Redactor;
  /** Timeout of ordinary calls. @default 30_000 */
  timeoutMs?: number;
  /** Timeout of check_connection and discover_schema. @default 600_000 */
  longTimeoutMs?: number;
  /** Called before each retry. */
  onRetry?: (event: RetryEvent) => void;
  /** Called before each HTTP request (including retries), with the operation path. */
  onRequest?: (path: string) => void;
  /** Headers added to every request. */
  headers?: Record<string, string>;
}

const READ = { idempotent: true } as const;
const EmptySchema = v.unknown();
const WRITE = { idempotent: false } as const;
const LONG = { idempotent: true, long: true } as const;
/** Items asked for per page of `sources/list` and `destinations/list`. */
const PAGE_SIZE = 100;

function flatten(info: v.InferOutput<typeof JobInfoSchema>): JobWithAttempts {
  return { job: info.job, attempts: info.attempts.map((a) => a.attempt) };
}

/**
 * Creates the Airbyte Config API client (`/api/v1`, POST + JSON) over ky.
 * Reads, updates and cancels are retried on network errors, 5xx and 429
 * (exponential backoff, full jitter, Retry-After honoured); creates, sync and
 * reset are retried only on 429. A 401 under client credentials refreshes the
 * token once. Responses are parsed with valibot schemas naming only the
 * fields used.
 *
 * @param options Base URL, auth, fetch, clock, retry policy, redactor.
 * @returns The client.
 * @example
 * ```ts ignore
 * import { createAirbyteClient } from "./client.ts";
 * const airbyte = createAirbyteClient({ baseUrl: "http://localhost:8000" });
 * const connections = await airbyte.listConnections("a1b2...");
 * ```
 */
export function createAirbyteClient(options: AirbyteClientOptions): AirbyteClient {
  const t = createTransport({
    baseUrl: options.baseUrl,
    auth: options.auth ?? { mode: "none" },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    clock: options.clock,
    signal: options.signal,
    retry: options.retry ?? {},
    redactor: options.redactor,
    timeoutMs: options.timeoutMs ?? 30_000,
    longTimeoutMs: options.longTimeoutMs ?? 600_000,
    onRetry: options.onRetry,
    onRequest: options.onRequest,
    headers: options.headers ?? {},
  });

  async function cursorPages<T>(path: string, workspaceId: string, pick: (body: unknown) => T[], id: (item: T) => string, schema: v.GenericSchema, options: ListOptions = {}): Promise<T[]> {
    const { stopOnShortPage = true, ...call } = options;
    const out: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = pick(await t.post(path, { workspaceId, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, schema, READ, call));
      const fresh = page.filter((item) => !seen.has(id(item)));
      // Stop on a page bringing nothing new: the server ignores the cursor (≤1.7 returns everything at once).
      if (fresh.length === 0) return out;
      for (const item of fresh) {
        seen.add(id(item));
        out.push(item);
      }
      // 1.8 fills every page but the last: a short one ends the list (≤1.7 ignores pageSize: a longer one is the whole list).
      if (stopOnShortPage && page.length !== PAGE_SIZE) return out;
      cursor = id(page[page.length - 1] as T);
    }
  }

  return {
    getWorkspace: (workspaceId, call) => t.post("workspaces/get", { workspaceId }, WorkspaceSchema, READ, call),
    listSourceDefinitions: async (call) => (await t.post("source_definitions/list", {}, SourceDefinitionListSchema, READ, call)).sourceDefinitions,
    listSources: (workspaceId, call) =>
      cursorPages("sources/list", workspaceId, (b) => (b as v.InferOutput<typeof SourceListSchema>).sources, (s) => s.sourceId, SourceListSchema, call),
    getSource: (sourceId, call) => t.post("sources/get", { sourceId }, SourceSchema, READ, call),
    createSource: (body, call) => t.post("sources/create", body, SourceSchema, WRITE, call),
    updateSource: (body, call) => t.post("sources/update", body, SourceSchema, READ, call),
    checkSource: (sourceId, call) => t.post("sources/check_connection", { sourceId }, CheckConnectionSchema, LONG, call),
    discoverSchema: (sourceId, call) => t.post("sources/discover_schema", { sourceId, disable_cache: call?.disableCache ?? true }, DiscoverSchema, LONG, call),
    getDestination: (destinationId, call) => t.post("destinations/get", { destinationId }, DestinationSchema, READ, call),
    listDestinations: (workspaceId, call) =>
      cursorPages("destinations/list", workspaceId, (b) => (b as v.InferOutput<typeof DestinationListSchema>).destinations, (d) => d.destinationId, DestinationListSchema, call),
    createConnection: (body, call) => t.post("connections/create", body, ConnectionSchema, WRITE, call),
    updateConnection: (body, call) => t.post("connections/update", body, ConnectionSchema, READ, { connectionId: body.connectionId, ...call }),
    deleteConnection: async (connectionId, call) => {
      await t.post("connections/delete", { connectionId }, EmptySchema, READ, { connectionId, ...call });
    },
    getConnection: (connectionId, call) => t.post("connections/get", { connectionId }, ConnectionSchema, READ, { connectionId, ...call }),
    listConnections: async (workspaceId, call) => (await t.post("connections/list", { workspaceId }, ConnectionListSchema, READ, call)).connections,
    getConnectionStatuses: (connectionIds, call) => t.post("connections/status", { connectionIds }, ConnectionStatusListSchema, READ, call),
    syncConnection: async (connectionId, call) => flatten(await t.post("connections/sync", { connectionId }, JobInfoSchema, WRITE, { connectionId, ...call })),
    resetConnection: async (connectionId, call) => flatten(await t.post("connections/reset", { connectionId }, JobInfoSchema, WRITE, { connectionId, ...call })),
    getJob: async (id, call) => flatten(await t.post("jobs/get", { id }, JobInfoSchema, READ, call)),
    cancelJob: async (id, call) => flatten(await t.post("jobs/cancel", { id }, JobInfoSchema, READ, call)),
    async listJobs(call = {}) {
      const { connectionId, configTypes = ["sync", "reset_connection"], statuses, limit, pageSize = 100, createdAfter, ...rest } = call;
      const jobs: JobWithAttempts[] = [];
      let total = 0;
      for (let offset = 0;; offset += pageSize) {
        const size = limit === undefined ? pageSize : Math.min(pageSize, limit - jobs.length);
        const page = await t.post("jobs/list", {
          configTypes,
          ...(connectionId ? { configId: connectionId } : {}),
          ...(statuses ? { statuses } : {}),
          pagination: { pageSize: size, rowOffset: offset },
          orderByField: "createdAt",
          orderByMethod: "DESC",
        }, JobListSchema, READ, { ...rest, ...(connectionId ? { connectionId } : {}) });
        total = page.totalJobCount;
        jobs.push(...page.jobs.map((j) => ({ job: j.job, attempts: j.attempts })));
        if (page.jobs.length < size || jobs.length >= total || (limit !== undefined && jobs.length >= limit)) return { jobs, total };
        if (createdAfter !== undefined && (page.jobs.at(-1)?.job.createdAt ?? 0) * 1000 < createdAfter) return { jobs, total };
      }
    },
  };
}

/** The catalog schema, for callers that copy catalogs. */
export { CatalogSchema };
