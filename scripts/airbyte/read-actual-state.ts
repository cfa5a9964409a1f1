import { mapPoolSettled } from "../core/mod.ts";
import type { AirbyteClient } from "./client.ts";
import type { DesiredConnection } from "./desired-connections.ts";
import { isAirbyteError } from "./errors.ts";
import type { Connection, Source } from "./schemas.ts";

/** A read that may have failed, with Airbyte's message. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string; status: number | undefined };

/** What exists in Airbyte for the desired connections: the planner's second input. */
export interface ActualState {
  /** Connections and sources of each workspace the desired connections live in. */
  workspaces: Record<string, Read<{ connections: Connection[]; sources: Source[] }>>;
  /** Each destination the desired connections use, with its workspace. */
  destinations: Record<string, Read<{ workspaceId: string }>>;
  /** Each template connection, with its workspace (from its source). */
  templates: Record<string, Read<{ connection: Connection; workspaceId: string }>>;
  /** Adopted connections that were not in their workspace's list. */
  adopted: Record<string, Read<Connection>>;
  /** Source definition ids by name. */
  definitions: Record<string, string>;
}

async function read<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (!isAirbyteError(error)) throw error;
    return { ok: false, error: error.message, status: error.status };
  }
}

/**
 * Reads what exists in Airbyte for a set of desired connections: one
 * connection list and one (paginated) source list per workspace, each
 * destination, each template connection, adopted connections, and source
 * definitions. Failures are kept per item so one tenant's 404 does not stop
 * the others.
 *
 * @param client The Airbyte client.
 * @param desired The desired connections.
 * @param options Concurrency and signal.
 * @returns The actual state.
 */
export async function readActualState(
  client: AirbyteClient,
  desired: readonly DesiredConnection[],
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<ActualState> {
  const limit = options.concurrency ?? 4;
  const call = options.signal ? { signal: options.signal } : {};
  const state: ActualState = { workspaces: {}, destinations: {}, templates: {}, adopted: {}, definitions: {} };
  for (const d of await client.listSourceDefinitions(call)) state.definitions[d.name] = d.sourceDefinitionId;

  const tenantOf = new Map(desired.map((d) => [d.workspaceId, d.tenant]));
  const workspaces = [...new Set(desired.map((d) => d.workspaceId))];
  const workspaceReads = await mapPoolSettled(workspaces, (id) =>
    read(async () => {
      const ctx = { ...call, tenant: tenantOf.get(id) };
      const [connections, sources] = [await client.listConnections(id, ctx), await client.listSources(id, ctx)];
      return { connections, sources };
    }), { limit });
  workspaces.forEach((id, i) => {
    const r = workspaceReads[i];
    state.workspaces[id] = r?.status === "fulfilled" ? r.value : { ok: false, error: String(r?.reason), status: undefined };
  });

  const destinations = [...new Set(desired.map((d) => d.destinationId))];
  const destinationReads = await mapPoolSettled(destinations, (id) => read(async () => ({ workspaceId: (await client.getDestination(id, call)).workspaceId })), { limit });
  destinations.forEach((id, i) => {
    const r = destinationReads[i];
    state.destinations[id] = r?.status === "fulfilled" ? r.value : { ok: false, error: String(r?.reason), status: undefined };
  });

  const templates = [...new Set(desired.flatMap((d) => (d.templateConnectionId ? [d.templateConnectionId] : [])))];
  for (const id of templates) {
    state.templates[id] = await read(async () => {
      const connection = await client.getConnection(id, call);
      const source = await client.getSource(connection.sourceId, call);
      return { connection, workspaceId: source.workspaceId };
    });
  }

  for (const d of desired) {
    if (d.adoptConnectionId === undefined) continue;
    const ws = state.workspaces[d.workspaceId];
    if (ws?.ok && ws.value.connections.some((c) => c.connectionId === d.adoptConnectionId)) continue;
    state.adopted[d.adoptConnectionId] = await read(() => client.getConnection(d.adoptConnectionId as string, { ...call, tenant: d.tenant }));
  }
  return state;
}
