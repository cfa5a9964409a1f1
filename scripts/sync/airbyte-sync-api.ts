import { type AirbyteClient, type Attempt, type Connection, isAirbyteError, type JobWithAttempts } from "../airbyte/mod.ts";
import { type JobFailure, type JobStatus, type RemoteConnection, type SyncApi, SyncApiError, type SyncApiErrorKind, type StreamRecords, type SyncJob } from "./sync-api.ts";

const MANAGED_KEY = /\badops:[a-z0-9][a-z0-9-]*:[a-z0-9_]+\b/;

/**
 * Reads the adops managed key (`adops:<tenant>:<template>`) from a name.
 * Provisioning names each managed connection's source with the key; a key in
 * the connection's own name (`... [adops:acme:meta_metrics]`) is accepted too.
 *
 * @param name A source or connection name.
 * @returns The key, or undefined for things adops does not manage.
 * @example
 * ```ts
 * import { managedKeyFromName } from "./airbyte-sync-api.ts";
 * console.assert(managedKeyFromName("adops:acme:meta_metrics") === "adops:acme:meta_metrics");
 * console.assert(managedKeyFromName("Acme Meta metrics [adops:acme:meta_metrics]") === "adops:acme:meta_metrics");
 * console.assert(managedKeyFromName("hand made") === undefined);
 * ```
 */
export function managedKeyFromName(name: string): string | undefined {
  return MANAGED_KEY.exec(name)?.[0];
}

function failureOf(attempts: readonly Attempt[]): JobFailure | undefined {
  for (const attempt of [...attempts].reverse()) {
    const f = attempt.failureSummary?.failures[0];
    if (f !== undefined) return { origin: f.failureOrigin, type: f.failureType, message: f.externalMessage ?? f.internalMessage, retryable: f.retryable };
  }
  return undefined;
}

/** Records committed per stream, summed over the attempts' `streamStats` (undefined when no attempt has any). */
function streamsOf(attempts: readonly Attempt[]): StreamRecords[] | undefined {
  if (!attempts.some((a) => a.streamStats !== undefined && a.streamStats.length > 0)) return undefined;
  const byKey = new Map<string, StreamRecords>();
  for (const st of attempts.flatMap((a) => a.streamStats ?? [])) {
    const namespace = st.streamNamespace ?? undefined;
    const key = `${namespace ?? ""}\u0000${st.streamName}`;
    const entry = byKey.get(key) ?? { name: st.streamName, namespace, recordsCommitted: 0 };
    entry.recordsCommitted += st.stats?.recordsCommitted ?? 0;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * Converts a Config API job (epoch seconds, stats per attempt) to the sync
 * engine's {@link SyncJob} (epoch ms). Progress counts come from the running
 * attempt's `totalStats`; committed counts from the job's `aggregatedStats`.
 *
 * @param info The job and its attempts.
 * @returns The job.
 * @example
 * ```ts
 * import { toSyncJob } from "./airbyte-sync-api.ts";
 * const job = toSyncJob({ job: { id: 7, configType: "sync", configId: "c1", createdAt: 100, updatedAt: 160, status: "succeeded", aggregatedStats: { recordsCommitted: 5, bytesCommitted: 50 } }, attempts: [{ id: 0, status: "succeeded", createdAt: 100, updatedAt: 160, endedAt: 160 }] });
 * console.assert(job.createdAt === 100_000 && job.endedAt === 160_000 && job.recordsCommitted === 5);
 * ```
 */
export function toSyncJob(info: JobWithAttempts): SyncJob {
  const { job, attempts } = info;
  const last = attempts.at(-1);
  const progress = last?.totalStats ?? job.aggregatedStats;
  const committed = job.aggregatedStats ?? last?.totalStats;
  const status = job.status as JobStatus;
  const terminal = status === "succeeded" || status === "failed" || status === "cancelled";
  const streams = streamsOf(attempts);
  return {
    id: job.id,
    connectionId: job.configId,
    ...(job.configType === "sync" ? {} : { configType: job.configType }),
    status,
    createdAt: job.createdAt * 1000,
    updatedAt: job.updatedAt * 1000,
    endedAt: terminal ? (last?.endedAt ?? job.updatedAt) * 1000 : undefined,
    attempts: attempts.length,
    recordsEmitted: progress?.recordsEmitted ?? 0,
    bytesEmitted: progress?.bytesEmitted ?? 0,
    recordsCommitted: committed?.recordsCommitted ?? 0,
    bytesCommitted: committed?.bytesCommitted ?? 0,
    failure: status === "succeeded" ? undefined : failureOf(attempts),
    ...(streams === undefined ? {} : { streams }),
  };
}

function classify(error: unknown): SyncApiError | unknown {
  if (!isAirbyteError(error)) return error;
  const message = error.airbyteMessage ?? "";
  let kind: SyncApiErrorKind = "failed";
  if (error.status === 409) kind = "conflict";
  else if (/Can only sync an active connection/i.test(message)) kind = "inactive";
  else if (error.status === 404 || /Could not find job with id/i.test(message)) kind = "not_found";
  else if (error.status === undefined || error.status === 429 || error.status >= 500) kind = "transient";
  // No answer, a timeout or a 5xx may hide a request Airbyte acted on; a 429 refused it unhandled.
  const answerLost = kind === "transient" && error.status !== 429;
  return new SyncApiError(error.message, { reason: kind, ...(error.status === undefined ? {} : { httpStatus: error.status }), answerLost, cause: error });
}

async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw classify(error);
  }
}

function toRemote(c: Connection, sourceNames: ReadonlyMap<string, string>): RemoteConnection {
  const managedKey = managedKeyFromName(sourceNames.get(c.sourceId) ?? "") ?? managedKeyFromName(c.name);
  return { connectionId: c.connectionId, name: c.name, status: c.status, managedKey };
}

/**
 * The sync engine's Airbyte port over the Config API client: jobs converted to
 * {@link SyncJob}, errors classified (409 `conflict`, 500 "Can only sync an
 * active connection" `inactive`, 404 / unknown job `not_found`, 429 / 5xx /
 * no response `transient`, the latter two with `answerLost`). The client's own retries of reads stay in place.
 * A connection's managed key is its source's name (provisioning's convention),
 * else a key in its own name.
 *
 * @param client The Config API client (`createAirbyteClient`).
 * @returns The port.
 * @example
 * ```ts ignore
 * const api = createAirbyteSyncApi(createAirbyteClient({ baseUrl, clock: ctx.clock }));
 * ```
 */
export function createAirbyteSyncApi(client: AirbyteClient): SyncApi {
  return {
    listConnections: (workspaceId, call) =>
      mapped(async () => {
        const connections = await client.listConnections(workspaceId, call);
        const sources = await client.listSources(workspaceId, call);
        const names = new Map(sources.map((s) => [s.sourceId, s.name]));
        return connections.map((c) => toRemote(c, names));
      }),
    triggerSync: (connectionId, call) => mapped(async () => toSyncJob(await client.syncConnection(connectionId, { ...call, connectionId }))),
    getJob: (jobId, call) => mapped(async () => toSyncJob(await client.getJob(jobId, call))),
    listJobs: (connectionId, call = {}) =>
      mapped(async () => {
        const { includeResets, limit, ...rest } = call;
        const types = includeResets ? ["sync", "reset_connection", "refresh", "clear"] : ["sync"];
        // Long reads (the volume baseline) go in pages of 100, as Airbyte's own UI asks.
        const { jobs } = await client.listJobs({ ...rest, connectionId, configTypes: types, limit: limit ?? 20, pageSize: Math.min(limit ?? 20, 100) });
        return jobs.map(toSyncJob);
      }),
    cancelJob: (jobId, call) => mapped(async () => toSyncJob(await client.cancelJob(jobId, call))),
  };
}
