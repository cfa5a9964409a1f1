import type { SyncApi } from "../sync/mod.ts";
import type { SyncJobStatus, SyncStatusPort } from "./wait-for-sync.ts";

/**
 * A {@link SyncStatusPort} over the sync engine's Airbyte port: for each tenant's
 * workspace, the newest job of every active connection.
 *
 * @param api The sync engine's Airbyte port (`createAirbyteSyncApi`).
 * @param workspaces Tenant slug to workspace id.
 * @returns The port.
 * @example
 * ```ts ignore
 * import { createSyncStatusFromSyncApi } from "./sync-status-from-sync-api.ts";
 * const port = createSyncStatusFromSyncApi(api, new Map([["acme", "ws-1"]]));
 * ```
 */
export function createSyncStatusFromSyncApi(api: Pick<SyncApi, "listConnections" | "listJobs">, workspaces: ReadonlyMap<string, string>): SyncStatusPort {
  return {
    async latestJobs(tenants, signal) {
      const out: SyncJobStatus[] = [];
      const call = signal === undefined ? {} : { signal };
      for (const tenant of tenants) {
        const workspaceId = workspaces.get(tenant);
        if (workspaceId === undefined) continue;
        for (const connection of await api.listConnections(workspaceId, call)) {
          if (connection.status !== "active") continue;
          const [job] = await api.listJobs(connection.connectionId, { ...call, limit: 1 });
          if (job !== undefined) out.push({ tenant, connectionId: connection.connectionId, status: job.status, jobId: job.id });
        }
      }
      return out;
    },
  };
}
