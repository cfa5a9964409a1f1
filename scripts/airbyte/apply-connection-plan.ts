import { mapPoolSettled } from "../core/mod.ts";
import type { AirbyteClient, CallOptions } from "./client.ts";
import { isAirbyteError } from "./errors.ts";
import type { ConnectionPlan, PlannedConnection, UnmanagedConnection } from "./plan-connections.ts";
import type { Catalog } from "./schemas.ts";

/** The result for one planned connection. */
export interface ConnectionOutcome {
  key: string;
  tenant: string;
  template: string;
  action: PlannedConnection["action"];
  /**
   * `applied`: written; `unchanged`: nothing to do; `failed`: stopped (see `error`); `blocked`: recreate refused;
   * `interrupted`: started, then stopped by the signal after `steps` (its `writes` were made); `skipped`: not started (interrupted).
   */
  status: "applied" | "unchanged" | "failed" | "blocked" | "interrupted" | "skipped";
  /** Writes made for this connection (including before a failure). */
  writes: number;
  connectionId: string | undefined;
  sourceId: string | undefined;
  /** What was done, in order (e.g. `source created`, `check succeeded`, `connection created`). */
  steps: string[];
  /** Why it failed. */
  error: string | undefined;
  /** Fingerprints of the secrets written (record them for the next plan). */
  fingerprints: Record<string, string> | undefined;
}

/** The result of applying a plan. */
export interface ApplyResult {
  outcomes: ConnectionOutcome[];
  /** Connections `--prune` deleted, failed to delete, or did not start deleting (interrupted). */
  pruned: { connectionId: string; tenant: string | undefined; status: "deleted" | "failed" | "skipped"; error?: string }[];
  /** Total writes, the ones made before an interrupt included. */
  writes: number;
  /** Whether the signal aborted: no write was started after it, the ones in flight were finished and counted. */
  interrupted: boolean;
  /** Per tenant: ok (everything applied or unchanged), failed (nothing applied), partial. */
  tenants: Record<string, "ok" | "partial" | "failed">;
}

/** Options of {@link applyConnectionPlan}. */
export interface ApplyOptions {
  /** The Airbyte client. */
  client: AirbyteClient;
  /** Tenants applied at once. @default 4 */
  concurrency?: number;
  /**
   * Stops starting new work: no write starts after it aborts; a write in
   * flight is not aborted but finished and counted (only reads, the check and
   * discover included, are cut short).
   */
  signal?: AbortSignal;
  /** Reads a secret env var (undefined when unset). */
  secretValue: (envName: string) => string | undefined;
  /** Fingerprint of a secret value (see `fingerprintSecret`). */
  fingerprint: (field: string, value: string) => string;
  /** Called when a connection's outcome is known. */
  onOutcome?: (outcome: ConnectionOutcome) => void;
}

const MASK = "**********";

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (node[part] = next !== null && typeof next === "object" && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {}) as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class StepError extends Error {}

/** Thrown between steps once the signal aborted: the connection stops where it is. */
class Interrupt extends Error {}

async function applyOne(item: PlannedConnection, options: ApplyOptions): Promise<ConnectionOutcome> {
  const out: ConnectionOutcome = {
    key: item.key,
    tenant: item.tenant,
    template: item.template,
    action: item.action,
    status: "unchanged",
    writes: 0,
    connectionId: item.connectionId,
    sourceId: item.source.sourceId,
    steps: [],
    error: undefined,
    fingerprints: undefined,
  };
  if (item.action === "unchanged") return out;
  if (item.action === "error") return { ...out, status: "failed", error: item.reasons.join("; ") };
  if (item.blocked) return { ...out, status: "blocked", error: `Recreate refused without --allow-recreate: ${item.reasons.join("; ")}` };
  const { client, signal } = options;
  const d = item.desired;
  // Writes never carry the signal: one in flight when it aborts finishes, so the report can count it.
  const write: CallOptions = { tenant: d.tenant, connectionId: item.connectionId ?? d.key };
  const call: CallOptions = { ...write, ...(signal ? { signal } : {}) };
  /** Before each step: once interrupted, start nothing more. */
  const next = () => {
    if (signal?.aborted) throw new Interrupt("Interrupted");
  };
  try {
    next();
    // 1. The source.
    let sourceId = item.source.sourceId;
    const sourceWritten = item.source.action !== "unchanged";
    if (sourceWritten) {
      const configuration = structuredClone(d.source.configuration);
      const fingerprints: Record<string, string> = {};
      for (const [field, envName] of Object.entries(d.source.secretEnv)) {
        const value = options.secretValue(envName);
        if (item.source.secretsToWrite.includes(field)) {
          if (value === undefined) throw new StepError(`Secret '${field}' cannot be written: env '${envName}' is not set`);
          setPath(configuration, field, value);
        } else setPath(configuration, field, MASK);
        if (value !== undefined) fingerprints[field] = options.fingerprint(field, value);
      }
      if (item.source.action === "create") {
        const body = { workspaceId: d.workspaceId, name: d.source.name, sourceDefinitionId: item.source.definitionId as string, connectionConfiguration: configuration };
        try {
          sourceId = (await client.createSource(body, write)).sourceId;
        } catch (error) {
          // A lost answer may hide a created source: look before failing (even when interrupted, to count it).
          if (!isAirbyteError(error) || !error.ambiguous) throw error;
          sourceId = (await client.listSources(d.workspaceId, write)).find((s) => s.name === d.source.name)?.sourceId;
          if (sourceId === undefined) throw error;
          out.steps.push("source create answer lost; found it created");
        }
        out.steps.push("source created");
      } else {
        await client.updateSource({ sourceId: sourceId as string, name: d.source.name, connectionConfiguration: configuration }, write);
        out.steps.push(`source updated (${item.source.changes.map((c) => c.field).join(", ")})`);
      }
      out.writes += 1;
      out.sourceId = sourceId;
      out.fingerprints = fingerprints;
      next();
      const check = await client.checkSource(sourceId as string, call);
      if (check.status !== "succeeded") {
        const reason = check.message ?? check.jobInfo.failureReason?.externalMessage ?? "the check job failed";
        throw new StepError(`Source check failed: ${reason}`);
      }
      out.steps.push("check succeeded");
    }

    // 2. The catalog, when it is written.
    let syncCatalog: Catalog | undefined;
    let sourceCatalogId: string | undefined;
    const creating = item.action === "create" || item.action === "recreate";
    if (item.catalogChanged || creating) {
      const needDiscover = item.templateCatalog === undefined || item.source.action === "create" || creating;
      next();
      const discovered = needDiscover ? await client.discoverSchema(sourceId as string, call) : undefined;
      if (needDiscover && discovered?.catalog === undefined) {
        throw new StepError(`Discover failed: ${discovered?.jobInfo.failureReason?.externalMessage ?? "no catalog returned"}`);
      }
      sourceCatalogId = discovered?.catalogId;
      if (item.templateCatalog !== undefined) {
        syncCatalog = { streams: item.templateCatalog.streams.map((s) => ({ stream: s.stream, config: { ...s.config, selected: true } })) };
      } else {
        const streams = (d.streams ?? []).map((sel) => {
          const found = discovered?.catalog?.streams.find((s) => s.stream.name === sel.name);
          if (found === undefined) throw new StepError(`Stream '${sel.name}' is not in the catalog discovered for source '${sourceId}'`);
          return {
            stream: found.stream,
            config: {
              ...found.config,
              syncMode: sel.sync_mode,
              destinationSyncMode: sel.destination_sync_mode,
              cursorField: sel.cursor_field ?? found.config.cursorField ?? [],
              primaryKey: sel.primary_key ?? found.config.primaryKey ?? [],
              selected: true,
              aliasName: sel.name,
            },
          };
        });
        syncCatalog = { streams };
      }
      if (discovered !== undefined) out.steps.push("schema discovered");
    }

    // 3. The connection.
    if (creating) {
      const body = {
        ...item.patch,
        sourceId: sourceId as string,
        destinationId: d.destinationId,
        status: d.connection.status,
        ...(syncCatalog ? { syncCatalog } : {}),
        ...(sourceCatalogId ? { sourceCatalogId } : {}),
      };
      let created: string | undefined;
      next();
      try {
        created = (await client.createConnection(body as Parameters<AirbyteClient["createConnection"]>[0], write)).connectionId;
      } catch (error) {
        if (!isAirbyteError(error) || !error.ambiguous) throw error;
        created = (await client.listConnections(d.workspaceId, write)).find((c) => c.sourceId === sourceId && c.destinationId === d.destinationId && c.connectionId !== item.connectionId)?.connectionId;
        if (created === undefined) throw error;
        out.steps.push("connection create answer lost; found it created");
      }
      out.writes += 1;
      out.steps.push("connection created");
      const previous = item.connectionId;
      out.connectionId = created;
      if (item.action === "recreate" && previous !== undefined) {
        next();
        await client.deleteConnection(previous, write);
        out.writes += 1;
        out.steps.push(`old connection '${previous}' deleted`);
      }
    } else if (Object.keys(item.patch).length > 0 || syncCatalog !== undefined) {
      next();
      await client.updateConnection({ connectionId: item.connectionId as string, ...item.patch, ...(syncCatalog ? { syncCatalog } : {}) }, write);
      out.writes += 1;
      out.steps.push(`connection updated (${item.changes.map((c) => c.field).join(", ")})`);
    }
    out.status = "applied";
    return out;
  } catch (error) {
    if (signal?.aborted) {
      // What was written stays counted; a connection with nothing done yet was not started.
      if (out.steps.length === 0) return { ...out, status: "skipped", error: "Interrupted before any step" };
      return { ...out, status: "interrupted", error: `Interrupted after: ${out.steps.join(", ")}` };
    }
    const text = error instanceof StepError ? error.message : message(error);
    return { ...out, status: "failed", error: out.steps.length > 0 ? `${text} (after: ${out.steps.join(", ")})` : text };
  }
}

/**
 * Applies a plan: tenants in parallel (bounded), each tenant's connections in
 * order; a failure stops only that connection, and is reported with the
 * steps already done so nothing half-applied goes unreported. Sources are
 * created or updated, then checked (a failed check stops the connection with
 * Airbyte's reason); catalogs are copied from the template connection or
 * built from a fresh discover; connections are created, patched, or (with
 * allowRecreate) recreated. Ambiguous create failures are resolved by
 * reading back before giving up. When the signal aborts, no step starts after
 * it: a write in flight finishes and is counted (the connection is
 * `interrupted`, its `steps` and `writes` say how far it got), connections not
 * started are `skipped`, and `interrupted` is set on the result.
 *
 * @param plan The plan (see `planConnections`).
 * @param options Client, concurrency, secrets and fingerprints.
 * @returns The outcomes.
 */
export async function applyConnectionPlan(plan: ConnectionPlan, options: ApplyOptions): Promise<ApplyResult> {
  const byTenant = new Map<string, PlannedConnection[]>();
  for (const item of plan.connections) byTenant.set(item.tenant, [...(byTenant.get(item.tenant) ?? []), item]);
  const prunes = new Map<string, UnmanagedConnection[]>();
  for (const u of plan.unmanaged) if (u.action === "prune") prunes.set(u.tenant ?? "", [...(prunes.get(u.tenant ?? "") ?? []), u]);
  const tenants = [...new Set([...byTenant.keys(), ...prunes.keys()])];
  const outcomes: ConnectionOutcome[] = [];
  const pruned: ApplyResult["pruned"] = [];
  await mapPoolSettled(tenants, async (tenant) => {
    for (const item of byTenant.get(tenant) ?? []) {
      let outcome: ConnectionOutcome;
      if (options.signal?.aborted) {
        outcome = { key: item.key, tenant, template: item.template, action: item.action, status: "skipped", writes: 0, connectionId: item.connectionId, sourceId: item.source.sourceId, steps: [], error: "Interrupted", fingerprints: undefined };
      } else {
        try {
          outcome = await applyOne(item, options);
        } catch (error) {
          outcome = { key: item.key, tenant, template: item.template, action: item.action, status: options.signal?.aborted ? "skipped" : "failed", writes: 0, connectionId: item.connectionId, sourceId: item.source.sourceId, steps: [], error: message(error), fingerprints: undefined };
        }
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    for (const u of prunes.get(tenant) ?? []) {
      if (options.signal?.aborted) {
        pruned.push({ connectionId: u.connectionId, tenant: u.tenant, status: "skipped", error: "Interrupted" });
        continue;
      }
      try {
        await options.client.deleteConnection(u.connectionId, { tenant: u.tenant });
        pruned.push({ connectionId: u.connectionId, tenant: u.tenant, status: "deleted" });
      } catch (error) {
        pruned.push({ connectionId: u.connectionId, tenant: u.tenant, status: "failed", error: message(error) });
      }
    }
  }, { limit: options.concurrency ?? 4 });
  const order = new Map(plan.connections.map((c, i) => [c.key, i]));
  outcomes.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  const result: ApplyResult = {
    outcomes,
    pruned,
    writes: outcomes.reduce((n, o) => n + o.writes, 0) + pruned.filter((p) => p.status === "deleted").length,
    interrupted: options.signal?.aborted === true,
    tenants: {},
  };
  for (const tenant of tenants) {
    const mine = outcomes.filter((o) => o.tenant === tenant);
    const bad = mine.filter((o) => o.status === "failed" || o.status === "blocked" || o.status === "interrupted" || o.status === "skipped").length + pruned.filter((p) => p.tenant === tenant && p.status !== "deleted").length;
    result.tenants[tenant] = bad === 0 ? "ok" : bad >= mine.length && mine.every((o) => o.writes === 0) ? "failed" : "partial";
  }
  return result;
}
