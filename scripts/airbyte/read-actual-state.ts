import { mapPool } from "../core/mod.ts";
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

/**
 * How {@link readActualState} reads. The defaults make the fewest calls a
 * plan needs; {@link BASELINE_READ_OPTIONS} is the older way, kept only so
 * `bench:provision` can measure the difference. Both give the same state.
 */
export interface ReadOptions {
  /**
   * Skip `destinations/get` when a managed connection in the tenant's
   * workspace (its source named `adops:<tenant>:<template>`, or the connection
   * to adopt) already uses the destination: a connection listed in a
   * workspace joins a source and a destination of that workspace.
   * @default true
   */
  trustProvenDestination?: boolean;
  /** End source paging on a short page (see `ListOptions.stopOnShortPage`). @default true */
  stopOnShortPage?: boolean;
  /**
   * Read in barriered phases (every workspace, then every destination, then
   * adopted connections one by one) instead of each tenant running all its
   * reads as soon as a slot is free.
   * @default false
   */
  barriered?: boolean;
}

/** The reads before issue #16 (4 calls per tenant on a no-op plan): the bench's baseline only. */
export const BASELINE_READ_OPTIONS: Readonly<Required<ReadOptions>> = Object.freeze({ trustProvenDestination: false, stopOnShortPage: false, barriered: true });

/** Options of {@link readActualState}. */
export interface ReadActualStateOptions {
  /** Tenants (workspaces) read at once. @default 4 */
  concurrency?: number;
  /** Aborts every call. */
  signal?: AbortSignal;
  /** How to read. @default the fewest calls, pipelined per tenant */
  readOptions?: ReadOptions;
}

type WorkspaceRead = ActualState["workspaces"][string];
type DestinationRead = ActualState["destinations"][string];

async function read<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (!isAirbyteError(error)) throw error;
    return { ok: false, error: error.message, status: error.status };
  }
}

/** Like `read`, but any rejection is a failed read (a pool item never rejects). */
async function settled<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return await read(fn);
  } catch (reason) {
    return { ok: false, error: String(reason), status: undefined };
  }
}

/** Destinations that managed connections listed in the workspace already use. */
function provenDestinations(desired: readonly DesiredConnection[], ws: WorkspaceRead): Set<string> {
  if (!ws.ok) return new Set();
  const names = new Set(desired.map((d) => d.source.name));
  const adopt = new Set(desired.flatMap((d) => (d.adoptConnectionId === undefined ? [] : [d.adoptConnectionId])));
  const managedSources = new Set(ws.value.sources.filter((s) => names.has(s.name)).map((s) => s.sourceId));
  return new Set(
    ws.value.connections.filter((c) => c.status !== "deprecated" && (managedSources.has(c.sourceId) || adopt.has(c.connectionId))).map((c) => c.destinationId),
  );
}

/**
 * Reads what exists in Airbyte for a set of desired connections: one
 * connection list and one (paginated) source list per workspace, each
 * destination no managed connection proves, each template connection,
 * adopted connections, and source definitions. By default each tenant runs
 * its reads back to back as soon as one of `concurrency` slots is free, so a
 * no-op plan costs 2 calls per tenant (plus one for the definitions).
 * Failures are kept per item so one tenant's 404 does not stop the others.
 *
 * @param client The Airbyte client.
 * @param desired The desired connections.
 * @param options Concurrency, signal and how to read.
 * @returns The actual state.
 */
export async function readActualState(
  client: AirbyteClient,
  desired: readonly DesiredConnection[],
  options: ReadActualStateOptions = {},
): Promise<ActualState> {
  const limit = options.concurrency ?? 4;
  const { trustProvenDestination = true, stopOnShortPage = true, barriered = false } = options.readOptions ?? {};
  const call = options.signal ? { signal: options.signal } : {};
  const state: ActualState = { workspaces: {}, destinations: {}, templates: {}, adopted: {}, definitions: {} };
  for (const d of await client.listSourceDefinitions(call)) state.definitions[d.name] = d.sourceDefinitionId;

  const byWorkspace = new Map<string, DesiredConnection[]>();
  for (const d of desired) byWorkspace.set(d.workspaceId, [...(byWorkspace.get(d.workspaceId) ?? []), d]);
  const workspaces = [...byWorkspace.keys()];
  const destinationReads = new Map<string, Promise<DestinationRead>>();
  const proven = new Map<string, DestinationRead>();

  function readWorkspace(id: string): Promise<WorkspaceRead> {
    const ctx = { ...call, tenant: byWorkspace.get(id)?.[0]?.tenant };
    return settled(async () => {
      const connections = await client.listConnections(id, ctx);
      const sources = await client.listSources(id, { ...ctx, stopOnShortPage });
      return { connections, sources };
    });
  }
  function readDestination(id: string): Promise<DestinationRead> {
    let pending = destinationReads.get(id);
    if (pending === undefined) {
      pending = settled(async () => ({ workspaceId: (await client.getDestination(id, call)).workspaceId }));
      destinationReads.set(id, pending);
    }
    return pending;
  }
  /** The workspace's destinations still to read, noting the proven ones. */
  function unproven(id: string, ws: WorkspaceRead): string[] {
    const mine = byWorkspace.get(id) ?? [];
    const known = trustProvenDestination ? provenDestinations(mine, ws) : new Set<string>();
    const out: string[] = [];
    for (const destinationId of new Set(mine.map((d) => d.destinationId))) {
      if (known.has(destinationId)) proven.set(destinationId, { ok: true, value: { workspaceId: id } });
      else out.push(destinationId);
    }
    return out;
  }
  async function readAdopted(d: DesiredConnection): Promise<void> {
    if (d.adoptConnectionId === undefined) return;
    const ws = state.workspaces[d.workspaceId];
    if (ws?.ok && ws.value.connections.some((c) => c.connectionId === d.adoptConnectionId)) return;
    state.adopted[d.adoptConnectionId] = await read(() => client.getConnection(d.adoptConnectionId as string, { ...call, tenant: d.tenant }));
  }

  if (barriered) {
    const reads = await mapPool(workspaces, readWorkspace, { limit });
    workspaces.forEach((id, i) => (state.workspaces[id] = reads[i] as WorkspaceRead));
    const toRead = [...new Set(workspaces.flatMap((id) => unproven(id, state.workspaces[id] as WorkspaceRead)))];
    await mapPool(toRead, readDestination, { limit });
  } else {
    await mapPool(workspaces, async (id) => {
      const ws = await readWorkspace(id);
      state.workspaces[id] = ws;
      for (const destinationId of unproven(id, ws)) await readDestination(destinationId);
      for (const d of byWorkspace.get(id) ?? []) await readAdopted(d);
    }, { limit });
    // Keep the workspaces in desired order, as the barriered read does (the plan lists unmanaged connections in it).
    const done = state.workspaces;
    state.workspaces = Object.fromEntries(workspaces.map((id) => [id, done[id] as WorkspaceRead]));
  }
  for (const id of new Set(desired.map((d) => d.destinationId))) {
    const r = destinationReads.has(id) ? await destinationReads.get(id) : proven.get(id);
    if (r !== undefined) state.destinations[id] = r;
  }

  const templates = [...new Set(desired.flatMap((d) => (d.templateConnectionId ? [d.templateConnectionId] : [])))];
  for (const id of templates) {
    state.templates[id] = await read(async () => {
      const connection = await client.getConnection(id, call);
      const source = await client.getSource(connection.sourceId, call);
      return { connection, workspaceId: source.workspaceId };
    });
  }
  if (barriered) for (const d of desired) await readAdopted(d);
  return state;
}
