import type { AirbyteClient, JobWithAttempts } from "../airbyte/mod.ts";
import type { OpsRow, OpsRows } from "./ops-tables.ts";

/** Whom a connection belongs to, by Airbyte connection id. */
export type ConnectionOwners = ReadonlyMap<string, { tenant: string; connectionName: string }>;

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

function iso(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}

/**
 * Turns Airbyte job history (`jobs/list`, attempts with `streamStats`) into
 * `airbyte_jobs` and `airbyte_job_streams` rows (pure). A job's records and
 * bytes are its aggregated stats, else its last attempt's; its failure is the
 * last attempt's first failure reason; `ended_at` is the last attempt's end
 * (NULL while the job runs); streams are the last attempt's. Unknown values are
 * NULL, never 0.
 *
 * @param jobs The jobs with their attempts.
 * @param options Whom each connection belongs to, and when the history was read (ISO).
 * @returns The rows.
 * @example
 * ```ts
 * import { factsFromAirbyteJobs } from "./airbyte-job-facts.ts";
 * const rows = factsFromAirbyteJobs([{ job: { id: 7, configType: "sync", configId: "c1", createdAt: 1, updatedAt: 2, status: "succeeded" }, attempts: [] }], { owners: new Map([["c1", { tenant: "acme", connectionName: "acme_meta" }]]), observedAt: "2026-11-23T10:00:00.000Z" });
 * console.assert(rows.airbyte_jobs?.[0]?.tenant === "acme");
 * ```
 */
export function factsFromAirbyteJobs(jobs: readonly JobWithAttempts[], options: { owners: ConnectionOwners; observedAt: string }): OpsRows {
  const jobRows: OpsRow<"airbyte_jobs">[] = [];
  const streamRows: OpsRow<"airbyte_job_streams">[] = [];
  for (const { job, attempts } of jobs) {
    const owner = options.owners.get(job.configId);
    const last = attempts.at(-1);
    const failure = last?.failureSummary?.failures[0];
    const endedSeconds = TERMINAL.has(job.status) ? (last?.endedAt ?? job.updatedAt) : undefined;
    const stats = job.aggregatedStats ?? last?.totalStats;
    const ended = iso(endedSeconds);
    jobRows.push({
      job_id: job.id, connection_id: job.configId, tenant: owner?.tenant ?? null, connection_name: owner?.connectionName ?? null, status: job.status,
      created_at: iso(job.createdAt), ended_at: ended, duration_seconds: endedSeconds === undefined ? null : endedSeconds - (job.startedAt ?? job.createdAt),
      attempts: attempts.length, records_committed: stats?.recordsCommitted ?? null, bytes_committed: stats?.bytesCommitted ?? null,
      failure_origin: failure?.failureOrigin ?? null, failure_type: failure?.failureType ?? null, failure_message: failure?.externalMessage ?? null, observed_at: options.observedAt,
    });
    for (const s of last?.streamStats ?? []) {
      streamRows.push({
        job_id: job.id, tenant: owner?.tenant ?? null, connection_name: owner?.connectionName ?? null, stream_namespace: s.streamNamespace ?? "", stream_name: s.streamName,
        records_committed: s.stats?.recordsCommitted ?? null, bytes_committed: s.stats?.bytesCommitted ?? null, ended_at: ended,
      });
    }
  }
  return { airbyte_jobs: jobRows, airbyte_job_streams: streamRows };
}

/** Options of {@link readAirbyteJobFacts}. */
export interface ReadAirbyteJobFactsOptions {
  /** When the history is read (ISO). */
  observedAt: string;
  /** Newest jobs read per connection. @default 100 */
  jobsPerConnection?: number;
}

/**
 * Reads each tenant's connections and their newest jobs through the Airbyte
 * client and turns them into rows ({@link factsFromAirbyteJobs}). Throws the
 * client's error when Airbyte cannot be asked (the caller loads the reports
 * anyway and says so).
 *
 * @param client The Airbyte client.
 * @param tenants Tenant slugs and their workspaces.
 * @param options When, and how many jobs per connection.
 * @returns The rows and the count of connections read.
 * @example
 * ```ts
 * import { readAirbyteJobFacts } from "./airbyte-job-facts.ts";
 * const client = { listConnections: () => Promise.resolve([]), listJobs: () => Promise.resolve({ jobs: [], total: 0 }) };
 * const read = await readAirbyteJobFacts(client, [{ slug: "acme", workspaceId: "w1" }], { observedAt: "2026-11-23T10:00:00.000Z" });
 * console.assert(read.connections === 0);
 * ```
 */
export async function readAirbyteJobFacts(
  client: Pick<AirbyteClient, "listConnections" | "listJobs">,
  tenants: readonly { slug: string; workspaceId: string }[],
  options: ReadAirbyteJobFactsOptions,
): Promise<{ rows: OpsRows; connections: number }> {
  const owners = new Map<string, { tenant: string; connectionName: string }>();
  const jobs: JobWithAttempts[] = [];
  for (const tenant of tenants) {
    for (const connection of await client.listConnections(tenant.workspaceId)) {
      owners.set(connection.connectionId, { tenant: tenant.slug, connectionName: connection.name });
      jobs.push(...(await client.listJobs({ connectionId: connection.connectionId, configTypes: ["sync"], limit: options.jobsPerConnection ?? 100 })).jobs);
    }
  }
  return { rows: factsFromAirbyteJobs(jobs, { owners, observedAt: options.observedAt }), connections: owners.size };
}
