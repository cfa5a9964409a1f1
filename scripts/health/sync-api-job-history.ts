import type { ResolvedTenant } from "../config/mod.ts";
import type { SyncApi } from "../sync/mod.ts";
import type { JobHistoryPort } from "./types.ts";

/** Options of {@link createSyncApiJobHistory}. */
export interface SyncApiJobHistoryOptions {
  /** Tenants, for the workspace in which a connection without an id is looked up by managed key. */
  tenants: readonly ResolvedTenant[];
  /**
   * Jobs read per connection (newest first). 100 covers more than four days of hourly syncs.
   * @default 100
   */
  limit?: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The health checks' job history over the sync engine's Airbyte port
 * (`createAirbyteSyncApi` from scripts/sync). A connection without a configured
 * id is found by its managed key in the tenant's workspace (one listing per
 * workspace per run). Read errors become `{ ok: false }` results.
 *
 * @param api The Airbyte port of the sync engine.
 * @param options Tenants and the per-connection job limit.
 * @returns The port.
 * @example
 * ```ts ignore
 * const jobs = createSyncApiJobHistory(createAirbyteSyncApi(client), { tenants: config.tenants });
 * ```
 */
export function createSyncApiJobHistory(api: SyncApi, options: SyncApiJobHistoryOptions): JobHistoryPort {
  const limit = options.limit ?? 100;
  const listings = new Map<string, Promise<Map<string, string>>>();
  function connectionsOf(workspaceId: string, signal: AbortSignal | undefined): Promise<Map<string, string>> {
    let listing = listings.get(workspaceId);
    if (listing === undefined) {
      listing = api.listConnections(workspaceId, signal ? { signal } : {}).then((all) =>
        new Map(all.filter((c) => c.status !== "deprecated" && c.managedKey !== undefined).map((c) => [c.managedKey as string, c.connectionId]))
      );
      listings.set(workspaceId, listing);
    }
    return listing;
  }
  return {
    async listJobs(connection, { since, signal, maxJobs }) {
      const call = signal ? { signal } : {};
      let connectionId = connection.connectionId;
      try {
        if (connectionId === undefined) {
          const tenant = options.tenants.find((t) => t.slug === connection.tenant);
          if (tenant === undefined) return { ok: false, reason: "not_found", message: `Unknown tenant '${connection.tenant}'` };
          connectionId = (await connectionsOf(tenant.workspaceId, signal)).get(connection.managedKey);
          if (connectionId === undefined) {
            return { ok: false, reason: "not_found", message: `No connection '${connection.managedKey}' in workspace '${tenant.workspaceId}' (not provisioned?)` };
          }
        }
        let jobs = await api.listJobs(connectionId, { ...call, limit });
        // A long history (the volume baseline): when the usual read does not reach back to `since`,
        // read again in pages of 100 until a page does, at most maxJobs jobs.
        if (maxJobs !== undefined && maxJobs > limit && jobs.length >= limit && (jobs.at(-1)?.createdAt ?? 0) >= since) {
          jobs = await api.listJobs(connectionId, { ...call, limit: maxJobs, createdAfter: since });
        }
        const lastSuccess = jobs.findIndex((j) => j.status === "succeeded");
        return { ok: true, connectionId, jobs: jobs.filter((j, i) => j.createdAt >= since || i <= lastSuccess) };
      } catch (error) {
        if (signal?.aborted) throw error;
        return { ok: false, reason: "error", message: messageOf(error) };
      }
    },
  };
}
