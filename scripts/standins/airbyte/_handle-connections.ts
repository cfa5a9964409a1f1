// Connections and jobs.
import { discoverStreams } from "./_discover.ts";
import type { Handler, HandlerInput } from "./_handle-actors.ts";
import type { ConfiguredStream } from "./destination-writer.ts";
import { type JobRecord, jobPhase, jobView, TERMINAL } from "./_jobs.ts";
import { validateQuartzCron } from "./validate-quartz-cron.ts";
import { internal, notFound, ReplyError, syncConflict, unprocessable } from "./_replies.ts";
import type { ConnectionRecord, StandinState } from "./_state.ts";

/** The job timing and failure plan for a new job (everything but ids and times). */
export type JobPlan = Pick<JobRecord, "pendingMs" | "attemptMs" | "gapMs" | "failAttempts" | "maxAttempts" | "failureType" | "failureOrigin" | "message" | "hang" | "ignoreCancel">;

/** Handler input for connections and jobs: adds the job planner. */
export interface ConnectionHandlerInput extends HandlerInput {
  /** Plans a new sync job for a connection (fault rules, header, default durations). */
  planJob(connection: ConnectionRecord, jobId: number): JobPlan;
}

type ConnectionHandler = (input: ConnectionHandlerInput) => ReturnType<Handler>;

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function connectionOf(state: StandinState, id: unknown): ConnectionRecord {
  const c = state.connections[String(id)];
  if (c === undefined) throw notFound("STANDARD_SYNC", id);
  return c;
}

/**
 * The `ConnectionRead` of a stored connection (no `workspaceId`, as 1.8's
 * `connections/get` and `connections/list` leave it out).
 *
 * @param c The connection.
 * @returns The read.
 */
export function connectionRead(c: ConnectionRecord): Record<string, unknown> {
  const basic = c.scheduleType === "basic" ? (c.scheduleData?.basicSchedule as { timeUnit: string; units: number } | undefined) : undefined;
  return {
    connectionId: c.connectionId,
    name: c.name,
    namespaceDefinition: c.namespaceDefinition,
    ...(c.namespaceFormat !== undefined ? { namespaceFormat: c.namespaceFormat } : {}),
    prefix: c.prefix,
    sourceId: c.sourceId,
    destinationId: c.destinationId,
    operationIds: c.operationIds,
    syncCatalog: c.syncCatalog,
    scheduleType: c.scheduleType,
    ...(c.scheduleData !== undefined ? { scheduleData: c.scheduleData } : {}),
    ...(basic !== undefined ? { schedule: { units: basic.units, timeUnit: basic.timeUnit } } : {}),
    status: c.status,
    ...(c.sourceCatalogId !== undefined ? { sourceCatalogId: c.sourceCatalogId } : {}),
    breakingChange: false,
    notifySchemaChanges: c.notifySchemaChanges ?? false,
    nonBreakingChangesPreference: c.nonBreakingChangesPreference ?? "ignore",
    backfillPreference: c.backfillPreference ?? "disabled",
    created_at: seconds(c.createdAt),
  };
}

/** Applies schedule fields with Airbyte's validation (ConnectionScheduleHelper). */
function applySchedule(target: ConnectionRecord, body: Record<string, unknown>, creating: boolean): void {
  const type = body.scheduleType as ConnectionRecord["scheduleType"] | undefined;
  const legacy = body.schedule as { units: number; timeUnit: string } | undefined;
  if (creating && legacy !== undefined && type !== undefined) throw unprocessable("supply old or new schedule schema but not both");
  if (type === undefined) {
    if (legacy !== undefined) {
      target.scheduleType = "basic";
      target.scheduleData = { basicSchedule: { timeUnit: legacy.timeUnit, units: legacy.units } };
    } else if (creating) {
      target.scheduleType = "manual";
    }
    return;
  }
  const data = body.scheduleData as { cron?: Record<string, unknown>; basicSchedule?: Record<string, unknown> } | undefined;
  if (type === "manual") {
    target.scheduleType = "manual";
    delete target.scheduleData;
    return;
  }
  if (type === "cron") {
    const problem = validateQuartzCron(data?.cron);
    if (problem !== undefined) throw new ReplyError({ status: 400, body: problem });
  } else if (data === undefined) {
    throw unprocessable("schedule data must be populated if schedule type is populated");
  } else if (data.basicSchedule === undefined) {
    throw unprocessable("if schedule type is basic, then scheduleData.basic must be populated");
  }
  target.scheduleType = type;
  target.scheduleData = type === "cron" ? { cron: data?.cron } : { basicSchedule: data?.basicSchedule };
}

function selectedCatalog(catalog: unknown): ConnectionRecord["syncCatalog"] {
  const streams = ((catalog as ConnectionRecord["syncCatalog"] | undefined)?.streams ?? []).filter((s) => s.config?.selected === true);
  const names = new Set<string>();
  for (const s of streams) {
    const key = `${String(s.stream.namespace ?? "")}.${String(s.stream.name)}`;
    if (names.has(key)) throw unprocessable(`Duplicate stream found in configured sync catalog: ${String(s.stream.name)}`);
    names.add(key);
  }
  return { streams };
}

function activeJob(state: StandinState, connectionId: string, now: number): JobRecord | undefined {
  return Object.values(state.jobs).find((j) => j.connectionId === connectionId && !TERMINAL.has(jobPhase(j, now).status));
}

function jobOf(state: StandinState, id: unknown): JobRecord {
  const job = state.jobs[String(id)];
  if (job === undefined) throw internal(`Could not find job with id: ${String(id)}`, "java.lang.RuntimeException");
  return job;
}

/** `JobInfoRead`: the job, its attempts and each attempt's formatted log lines. */
function jobInfo(job: JobRecord, now: number): Record<string, unknown> {
  const view = jobView(job, now);
  return { job: view.job, attempts: view.attempts.map((attempt, i) => ({ attempt, logType: "formatted", logs: { logLines: view.logs[i] ?? [] } })) };
}

function configuredStreams(c: ConnectionRecord): ConfiguredStream[] {
  return c.syncCatalog.streams.map((s) => ({
    name: String(s.stream.name),
    syncMode: s.config.syncMode as ConfiguredStream["syncMode"],
    destinationSyncMode: s.config.destinationSyncMode as ConfiguredStream["destinationSyncMode"],
    cursorField: (s.config.cursorField as string[] | undefined) ?? [],
    primaryKey: (s.config.primaryKey as string[][] | undefined) ?? [],
  }));
}

/**
 * The failure a sync of streams the source does not have ends with. The
 * server accepts such a catalog (ConnectionsHandler validates duplicates,
 * field selection and size, never the source's streams); the source then
 * refuses it at read time, as the CDK's AbstractSource.read does.
 */
function missingStreamFailure(state: StandinState, c: ConnectionRecord): string | undefined {
  const source = state.sources[c.sourceId];
  const definitionName = source ? state.sourceDefinitions[source.definitionId]?.name ?? "" : "";
  const discovered = discoverStreams(definitionName, source?.configuration ?? {}, state.seededStreams?.[definitionName] ?? []);
  if (!discovered.ok) return discovered.message;
  const missing = c.syncCatalog.streams.map((s) => String(s.stream.name)).find((name) => !discovered.streams.some((d) => d.name === name));
  return missing === undefined
    ? undefined
    : `The stream '${missing}' in your connection configuration was not found in the source. Refresh the schema in your replication settings and remove this stream from future sync attempts.`;
}

function newJob(input: ConnectionHandlerInput, c: ConnectionRecord, configType: JobRecord["configType"]): JobRecord {
  const id = input.state.nextJobId++;
  let plan: JobPlan = configType === "sync"
    ? input.planJob(c, id)
    : { pendingMs: 0, attemptMs: 2_000, gapMs: 0, failAttempts: 0, maxAttempts: 1, failureType: "system_error", failureOrigin: "source", message: "", hang: false, ignoreCancel: false };
  const missing = configType === "sync" ? missingStreamFailure(input.state, c) : undefined;
  if (missing !== undefined) plan = { ...plan, failAttempts: 99, failureType: "config_error", failureOrigin: "source", message: missing, hang: false };
  const source = input.state.sources[c.sourceId];
  const sourceDefinition = source ? input.state.sourceDefinitions[source.definitionId] : undefined;
  const destination = input.state.destinations[c.destinationId];
  const destinationDefinition = destination ? input.state.destinationDefinitions[destination.definitionId] : undefined;
  const job: JobRecord = {
    id,
    configType,
    connectionId: c.connectionId,
    createdAt: input.now,
    ...plan,
    streams: c.syncCatalog.streams.map((s) => ({ name: String(s.stream.name), ...(s.stream.namespace ? { namespace: String(s.stream.namespace) } : {}) })),
    configuredStreams: configuredStreams(c),
    images: {
      source: sourceDefinition ? `${sourceDefinition.dockerRepository}:${sourceDefinition.dockerImageTag}` : "airbyte/source",
      destination: destinationDefinition ? `${destinationDefinition.dockerRepository}:${destinationDefinition.dockerImageTag}` : "airbyte/destination",
    },
  };
  input.state.jobs[String(id)] = job;
  return job;
}

function syncStatus(state: StandinState, c: ConnectionRecord, now: number): Record<string, unknown> {
  const jobs = Object.values(state.jobs).filter((j) => j.connectionId === c.connectionId).sort((a, b) => b.id - a.id);
  const active = jobs.find((j) => !TERMINAL.has(jobPhase(j, now).status));
  const lastSync = jobs.find((j) => j.configType === "sync" && TERMINAL.has(jobPhase(j, now).status));
  const lastSuccess = jobs.find((j) => j.configType === "sync" && jobPhase(j, now).status === "succeeded");
  const lastPhase = lastSync ? jobPhase(lastSync, now) : undefined;
  let status = "pending";
  if (active !== undefined) status = "running";
  else if (c.status !== "active") status = "paused";
  else if (lastPhase?.status === "failed") status = lastSync?.failureType === "config_error" ? "failed" : "incomplete";
  else if (lastPhase?.status === "succeeded") status = "synced";
  const lastView = lastSync ? jobView(lastSync, now) : undefined;
  const failure = (lastView?.attempts.at(-1)?.failureSummary as { failures: unknown[] } | undefined)?.failures[0];
  return {
    connectionId: c.connectionId,
    connectionSyncStatus: status,
    ...(c.scheduleData ? { scheduleData: c.scheduleData } : {}),
    ...(active ? { activeJob: jobView(active, now).job } : {}),
    ...(lastSuccess && lastSuccess !== undefined ? { lastSuccessfulSync: seconds(jobPhase(lastSuccess, now).updatedAt) } : {}),
    ...(lastSync ? { lastSyncJobId: lastSync.id, lastSyncAttemptNumber: Math.max(0, (lastPhase?.attempts.length ?? 1) - 1), lastSyncJobCreatedAt: seconds(lastSync.createdAt) } : {}),
    ...(failure && lastPhase?.status === "failed" ? { failureReason: failure } : {}),
  };
}

/** Handlers by operation path. */
export const connectionHandlers: Record<string, ConnectionHandler> = {
  "connections/create": ({ state, body, now }) => {
    const source = state.sources[String(body.sourceId)];
    if (source === undefined) throw notFound("SOURCE_CONNECTION", body.sourceId);
    const destination = state.destinations[String(body.destinationId)];
    if (destination === undefined) throw notFound("DESTINATION_CONNECTION", body.destinationId);
    if (source.workspaceId !== destination.workspaceId) throw internal("Source and destination do not belong to the same workspace", "java.lang.IllegalArgumentException");
    const c: ConnectionRecord = {
      connectionId: crypto.randomUUID(),
      workspaceId: source.workspaceId,
      name: typeof body.name === "string" ? body.name : `${source.name} <> ${destination.name}`,
      sourceId: source.id,
      destinationId: destination.id,
      status: body.status as ConnectionRecord["status"],
      namespaceDefinition: (body.namespaceDefinition as ConnectionRecord["namespaceDefinition"] | undefined) ?? "source",
      ...(typeof body.namespaceFormat === "string" ? { namespaceFormat: body.namespaceFormat } : {}),
      prefix: typeof body.prefix === "string" ? body.prefix : "",
      operationIds: (body.operationIds as string[] | undefined) ?? [],
      syncCatalog: selectedCatalog(body.syncCatalog),
      scheduleType: "manual",
      ...(typeof body.sourceCatalogId === "string" ? { sourceCatalogId: body.sourceCatalogId } : {}),
      createdAt: now,
    };
    if (c.operationIds.length > 0) throw internal("Operation and connection do not belong to the same workspace", "java.lang.IllegalArgumentException");
    applySchedule(c, body, true);
    state.connections[c.connectionId] = c;
    return { status: 200, body: connectionRead(c), write: true };
  },
  "connections/update": ({ state, body }) => {
    const c = connectionOf(state, body.connectionId);
    const next: ConnectionRecord = structuredClone(c);
    for (const key of ["name", "namespaceDefinition", "namespaceFormat", "prefix", "status", "sourceCatalogId", "nonBreakingChangesPreference", "backfillPreference", "notifySchemaChanges"] as const) {
      if (body[key] !== undefined && body[key] !== null) (next as unknown as Record<string, unknown>)[key] = body[key];
    }
    if (c.status === "deprecated" && next.status !== "deprecated") throw unprocessable("Cannot re-activate a deprecated connection");
    if (Array.isArray(body.operationIds)) next.operationIds = body.operationIds as string[];
    if (body.syncCatalog !== undefined && body.syncCatalog !== null) next.syncCatalog = selectedCatalog(body.syncCatalog);
    applySchedule(next, body, false);
    state.connections[c.connectionId] = next;
    return { status: 200, body: connectionRead(next), write: true };
  },
  "connections/delete": ({ state, body }) => {
    const c = connectionOf(state, body.connectionId);
    c.status = "deprecated";
    return { status: 204, body: undefined, write: true };
  },
  "connections/get": ({ state, body }) => ({ status: 200, body: connectionRead(connectionOf(state, body.connectionId)) }),
  "connections/list": ({ state, body }) => {
    if (state.workspaces[String(body.workspaceId)] === undefined) throw notFound("STANDARD_WORKSPACE", body.workspaceId);
    const list = Object.values(state.connections).filter((c) => c.workspaceId === body.workspaceId && c.status !== "deprecated");
    return { status: 200, body: { connections: list.map(connectionRead) } };
  },
  "connections/status": ({ state, body, now }) => {
    const ids = (body.connectionIds as string[] | undefined) ?? [];
    return { status: 200, body: ids.map((id) => syncStatus(state, connectionOf(state, id), now)) };
  },
  "connections/sync": (input) => {
    const c = connectionOf(input.state, input.body.connectionId);
    if (c.status !== "active") throw internal("Can only sync an active connection");
    if (activeJob(input.state, c.connectionId, input.now) !== undefined) throw syncConflict(c.connectionId);
    const job = newJob(input, c, "sync");
    return { status: 200, body: jobInfo(job, input.now), write: true };
  },
  "connections/reset": (input) => {
    const c = connectionOf(input.state, input.body.connectionId);
    const running = activeJob(input.state, c.connectionId, input.now);
    if (running !== undefined) running.cancelledAt = input.now;
    const job = newJob(input, c, "reset_connection");
    return { status: 200, body: jobInfo(job, input.now), write: true };
  },
  "jobs/get": ({ state, body, now }) => ({ status: 200, body: jobInfo(jobOf(state, body.id), now) }),
  "jobs/cancel": ({ state, body, now }) => {
    const job = jobOf(state, body.id);
    if (!TERMINAL.has(jobPhase(job, now).status) && !job.ignoreCancel) job.cancelledAt = now;
    return { status: 200, body: jobInfo(job, now), write: true };
  },
  "jobs/list": ({ state, body, now }) => {
    const types = body.configTypes as string[];
    if (types.length === 0) throw internal("configTypes must not be empty", "java.lang.IllegalArgumentException");
    const statuses = body.statuses as string[] | undefined;
    let jobs = Object.values(state.jobs).filter((j) =>
      types.includes(j.configType) && (body.configId === undefined || j.connectionId === body.configId) &&
      (statuses === undefined || statuses.includes(jobPhase(j, now).status))
    );
    const field = body.orderByField === "updatedAt" ? "updatedAt" : "createdAt";
    const sign = body.orderByMethod === "ASC" ? 1 : -1;
    const key = (j: JobRecord) => (field === "createdAt" ? j.createdAt : jobPhase(j, now).updatedAt);
    jobs = jobs.sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
    const pagination = body.pagination as { pageSize?: number; rowOffset?: number } | undefined;
    const size = pagination?.pageSize ?? 200;
    const offset = pagination?.rowOffset ?? 0;
    return { status: 200, body: { jobs: jobs.slice(offset, offset + size).map((j) => {
      const { job, attempts } = jobView(j, now);
      return { job, attempts };
    }), totalJobCount: jobs.length } };
  },
};
