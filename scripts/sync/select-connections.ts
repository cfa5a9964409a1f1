import { UsageError } from "../core/mod.ts";
import type { AdopsConfig, ResolvedConnection, ResolvedTenant } from "../config/mod.ts";
import type { RemoteConnection } from "./sync-api.ts";

/** One configured connection picked for this run. */
export interface SelectedConnection {
  /** Its tenant. */
  tenant: ResolvedTenant;
  /** The connection. */
  connection: ResolvedConnection;
}

/** Narrowing of a run (`--tenant`, `--connection`, `--platform`). Empty lists mean everything. */
export interface SelectFilter {
  /** Tenant slugs. */
  tenants?: readonly string[];
  /** Template names, connection names, connection ids or managed keys. */
  connections?: readonly string[];
  /** One platform id (`meta`, `google_ads`, ...). */
  platform?: string | undefined;
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * Picks the configured connections a run syncs, in config order (tenants by
 * slug). Values may be repeated or comma-separated.
 *
 * @param config The loaded config.
 * @param filter Tenants, connections and platform to keep.
 * @returns The selected connections.
 * @throws {UsageError} When a named tenant does not exist, or a `--connection` value matches nothing.
 * @example
 * ```ts
 * import { makeConfig } from "../config/testing.ts";
 * import { selectConnections } from "./select-connections.ts";
 * console.assert(selectConnections(makeConfig(), { tenants: ["acme"] }).length === 1);
 * ```
 */
export function selectConnections(config: AdopsConfig, filter: SelectFilter = {}): SelectedConnection[] {
  const tenants = splitList(filter.tenants);
  const connections = splitList(filter.connections);
  for (const slug of tenants) {
    if (!config.tenants.some((t) => t.slug === slug)) {
      throw new UsageError(`Unknown tenant '${slug}'`, `Known tenants: ${config.tenants.map((t) => t.slug).join(", ") || "none"}`);
    }
  }
  const matchesConnection = (c: ResolvedConnection) =>
    connections.length === 0 || connections.some((x) => x === c.template || x === c.name || x === c.connectionId || x === c.managedKey);
  const selected: SelectedConnection[] = [];
  for (const tenant of config.tenants) {
    if (tenants.length > 0 && !tenants.includes(tenant.slug)) continue;
    for (const connection of tenant.connections) {
      if (filter.platform !== undefined && filter.platform !== "" && connection.platform !== filter.platform) continue;
      if (matchesConnection(connection)) selected.push({ tenant, connection });
    }
  }
  for (const x of connections) {
    if (!selected.some(({ connection: c }) => x === c.template || x === c.name || x === c.connectionId || x === c.managedKey)) {
      throw new UsageError(`No configured connection matches '${x}'`, "Use a template name, connection name, connection id or managed key");
    }
  }
  return selected;
}

/**
 * Finds the Airbyte connection of a configured one: by its configured id, else
 * by its managed key (`adops:<tenant>:<template>`), else by its configured name
 * among unmanaged connections (as provisioning matches), preferring active ones.
 *
 * @param connection The configured connection.
 * @param remotes The workspace's connections.
 * @returns The match, or undefined.
 * @example
 * ```ts
 * import { makeConnection } from "../config/testing.ts";
 * import { matchRemoteConnection } from "./select-connections.ts";
 * const remote = { connectionId: "c1", name: "x", status: "active", managedKey: "adops:acme:meta_metrics" } as const;
 * console.assert(matchRemoteConnection(makeConnection(), [remote])?.connectionId === "c1");
 * ```
 */
export function matchRemoteConnection(connection: ResolvedConnection, remotes: readonly RemoteConnection[]): RemoteConnection | undefined {
  if (connection.connectionId !== undefined && connection.connectionId !== "") {
    return remotes.find((r) => r.connectionId === connection.connectionId);
  }
  const byKey = remotes.filter((r) => r.managedKey === connection.managedKey && r.status !== "deprecated");
  const byName = remotes.filter((r) => r.managedKey === undefined && r.name === connection.name && r.status !== "deprecated");
  return byKey.find((r) => r.status === "active") ?? byKey[0] ?? byName.find((r) => r.status === "active") ?? byName[0];
}
