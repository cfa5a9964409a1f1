import type { ConnectionFields } from "./client.ts";
import type { DesiredConnection } from "./desired-connections.ts";
import type { ActualState } from "./read-actual-state.ts";
import type { Catalog, Connection, Source } from "./schemas.ts";

/** What provisioning will do with one desired connection. */
export type PlanAction = "create" | "update" | "unchanged" | "recreate" | "error";

/** One field that differs. Secret changes carry no values. */
export interface FieldChange {
  /** Dotted field name, or `secret changed: <field>` for secrets. */
  field: string;
  from?: unknown;
  to?: unknown;
}

/** What happens to the connection's source. */
export interface PlannedSource {
  action: "create" | "update" | "unchanged";
  /** Existing source id. */
  sourceId: string | undefined;
  definitionId: string | undefined;
  changes: FieldChange[];
  /** Secret fields whose real values must be sent (the others are sent masked and kept). */
  secretsToWrite: string[];
}

/** One desired connection's plan. */
export interface PlannedConnection {
  key: string;
  tenant: string;
  template: string;
  workspaceId: string;
  action: PlanAction;
  /** Existing connection id (update, unchanged, recreate). */
  connectionId: string | undefined;
  source: PlannedSource;
  /** Connection field changes. */
  changes: FieldChange[];
  /** The patch for `connections/update` (changed fields only; `syncCatalog` filled by the applier). */
  patch: ConnectionFields;
  /** Whether the catalog must be (re)written. */
  catalogChanged: boolean;
  /** Why a recreate is needed or why the item is in error. */
  reasons: string[];
  /** Set when a recreate is needed but `allowRecreate` is off. */
  blocked: boolean;
  /** Notes that do not stop the item. */
  warnings: string[];
  /** The desired state, for the applier. */
  desired: DesiredConnection;
  /** The template connection's catalog to copy, when one is used. */
  templateCatalog: Catalog | undefined;
  /** Operation ids to set (template's, same workspace only). */
  operationIds: string[] | undefined;
}

/** A connection in a tenant workspace that no desired connection matches. */
export interface UnmanagedConnection {
  workspaceId: string;
  connectionId: string;
  name: string;
  /** The tenant whose managed key it carries, when adops created it. */
  tenant: string | undefined;
  /** `prune` deletes it (managed only, with `prune`), `keep` leaves it. */
  action: "prune" | "keep";
}

/** The whole plan. */
export interface ConnectionPlan {
  connections: PlannedConnection[];
  unmanaged: UnmanagedConnection[];
  summary: { create: number; update: number; unchanged: number; recreate: number; error: number; prune: number; blocked: number };
  /** Whether applying would write anything. */
  hasChanges: boolean;
}

/** Options of {@link planConnections}. */
export interface PlanOptions {
  /** Fingerprints of the secrets as configured now (undefined: env var not set), by key then field. */
  desiredFingerprints: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
  /** Fingerprints recorded when secrets were last written, by key then field. */
  recordedFingerprints: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Allow recreating connections (resets sync state). @default false */
  allowRecreate?: boolean;
  /** Delete managed connections no desired connection matches. @default false */
  prune?: boolean;
}

/** The parts of a stream config that define the sync; compared order-insensitively. */
function selections(catalog: Catalog): string {
  const rows = catalog.streams
    .filter((s) => s.config.selected !== false)
    .map((s) => ({
      name: s.stream.name,
      namespace: s.stream.namespace ?? "",
      syncMode: s.config.syncMode,
      destinationSyncMode: s.config.destinationSyncMode,
      cursorField: s.config.syncMode === "incremental" ? (s.config.cursorField ?? []) : [],
      primaryKey: s.config.destinationSyncMode.endsWith("dedup") ? (s.config.primaryKey ?? []) : [],
    }))
    .sort((a, b) => `${a.namespace}.${a.name}`.localeCompare(`${b.namespace}.${b.name}`));
  return stable(rows);
}

function selectionsFromTemplate(d: DesiredConnection): string {
  return stable((d.streams ?? []).map((s) => ({
    name: s.name,
    namespace: "",
    syncMode: s.sync_mode,
    destinationSyncMode: s.destination_sync_mode,
    cursorField: s.sync_mode === "incremental" ? (s.cursor_field ?? []) : [],
    primaryKey: s.destination_sync_mode.endsWith("dedup") ? (s.primary_key ?? []) : [],
  })).sort((a, b) => a.name.localeCompare(b.name)));
}

/** JSON with object keys sorted, so key order never counts as a change. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v);
}

interface ScheduleLike {
  scheduleType?: string | undefined;
  scheduleData?: { basicSchedule?: { timeUnit: string; units: number } | undefined; cron?: { cronExpression: string; cronTimeZone: string } | undefined } | undefined;
}

function scheduleKey(c: ScheduleLike): string {
  if (c.scheduleType === "cron") {
    const cron = c.scheduleData?.cron;
    return `cron ${(cron?.cronExpression ?? "").trim().replace(/\s+/g, " ")} ${cron?.cronTimeZone ?? ""}`;
  }
  if (c.scheduleType === "basic") return `basic ${c.scheduleData?.basicSchedule?.units ?? ""} ${c.scheduleData?.basicSchedule?.timeUnit ?? ""}`;
  return "manual";
}

function withoutPaths(config: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(config);
  for (const path of paths) {
    const parts = path.split(".");
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) node = node?.[part] as Record<string, unknown> | undefined;
    if (node !== undefined) delete node[parts.at(-1) as string];
    // Drop parents left empty by the removal (e.g. `credentials: {}`).
    if (parts.length > 1 && node !== undefined && Object.keys(node).length === 0) {
      let parent: Record<string, unknown> | undefined = copy;
      for (const part of parts.slice(0, -2)) parent = parent?.[part] as Record<string, unknown> | undefined;
      if (parent !== undefined) delete parent[parts.at(-2) as string];
    }
  }
  return copy;
}

/** What Airbyte returns in place of a value its connector's spec marks `airbyte_secret`. */
const SECRET_MASK = "**********";

/**
 * Equal as far as Airbyte lets adops see: a masked value read back matches any
 * desired value. A connector spec may mark a plain setting secret (Bing's
 * `tenant_id`); it cannot be compared, and is written with the next update.
 */
function sameAsRead(actual: unknown, desired: unknown): boolean {
  if (actual === SECRET_MASK) return true;
  if (Array.isArray(actual) && Array.isArray(desired)) return actual.length === desired.length && actual.every((v, i) => sameAsRead(v, desired[i]));
  if (actual !== null && desired !== null && typeof actual === "object" && typeof desired === "object" && !Array.isArray(actual) && !Array.isArray(desired)) {
    const a = actual as Record<string, unknown>;
    const d = desired as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(d)]);
    return [...keys].every((k) => sameAsRead(a[k], d[k]));
  }
  return stable(actual) === stable(desired);
}

function configChanges(actual: Record<string, unknown>, desired: Record<string, unknown>, secretPaths: readonly string[]): FieldChange[] {
  const a = withoutPaths(actual, secretPaths);
  const d = withoutPaths(desired, secretPaths);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(d)])].sort();
  return keys
    .filter((k) => !sameAsRead(a[k], d[k]))
    .map((k) => ({ field: `configuration.${k}`, from: a[k], to: d[k] }));
}

function planSource(d: DesiredConnection, existing: Source | undefined, definitionId: string | undefined, options: PlanOptions, warnings: string[], reasons: string[]): PlannedSource {
  const secretFields = Object.keys(d.source.secretEnv).sort();
  const now = options.desiredFingerprints[d.key] ?? {};
  const recorded = options.recordedFingerprints[d.key] ?? {};
  if (existing === undefined) {
    const missing = secretFields.filter((f) => now[f] === undefined);
    for (const f of missing) reasons.push(`Secret '${f}' cannot be written: env '${d.source.secretEnv[f]}' is not set`);
    return { action: "create", sourceId: undefined, definitionId, changes: [{ field: "source", to: d.source.name }], secretsToWrite: secretFields };
  }
  const changes: FieldChange[] = [];
  if (existing.name !== d.source.name) changes.push({ field: "source.name", from: existing.name, to: d.source.name });
  changes.push(...configChanges(existing.connectionConfiguration, d.source.configuration, secretFields));
  const secretsToWrite: string[] = [];
  for (const f of secretFields) {
    const fp = now[f];
    if (fp === undefined) {
      warnings.push(`Secret '${f}' not checked: env '${d.source.secretEnv[f]}' is not set`);
      continue;
    }
    if (recorded[f] !== fp) {
      changes.push({ field: `secret changed: ${f}${recorded[f] === undefined ? " (no fingerprint on record)" : ""}` });
      secretsToWrite.push(f);
    }
  }
  return { action: changes.length > 0 ? "update" : "unchanged", sourceId: existing.sourceId, definitionId, changes, secretsToWrite };
}

/**
 * Plans provisioning: compares desired connections with what exists, field by
 * field, and decides create / update / unchanged / recreate / error for each,
 * plus the unmanaged connections of the same workspaces. Pure: never calls
 * Airbyte. Matching is by adopted connection id, then by the managed source
 * name (`adops:<tenant>:<template>`), then by connection name. Order-only
 * differences (streams, keys) are not changes; secrets are compared by keyed
 * fingerprint and shown as `secret changed: <field>`.
 *
 * @param desired The desired connections (see `buildDesiredConnections`).
 * @param actual What exists (see `readActualState`).
 * @param options Fingerprints, allowRecreate, prune.
 * @returns The plan.
 * @example
 * ```ts
 * import { planConnections } from "./plan-connections.ts";
 * const plan = planConnections([], { workspaces: {}, destinations: {}, templates: {}, adopted: {}, definitions: {} }, { desiredFingerprints: {}, recordedFingerprints: {} });
 * console.assert(!plan.hasChanges);
 * ```
 */
export function planConnections(desired: readonly DesiredConnection[], actual: ActualState, options: PlanOptions): ConnectionPlan {
  const matched = new Set<string>();
  const connections: PlannedConnection[] = [];
  for (const d of desired) {
    const reasons: string[] = [];
    const warnings: string[] = [];
    const item: PlannedConnection = {
      key: d.key,
      tenant: d.tenant,
      template: d.template,
      workspaceId: d.workspaceId,
      action: "error",
      connectionId: undefined,
      source: { action: "unchanged", sourceId: undefined, definitionId: undefined, changes: [], secretsToWrite: [] },
      changes: [],
      patch: {},
      catalogChanged: false,
      reasons,
      blocked: false,
      warnings,
      desired: d,
      templateCatalog: undefined,
      operationIds: undefined,
    };
    connections.push(item);
    const ws = actual.workspaces[d.workspaceId];
    if (ws === undefined || !ws.ok) {
      reasons.push(ws?.status === 404 ? `Workspace '${d.workspaceId}' does not exist` : `Cannot read workspace '${d.workspaceId}': ${ws?.error ?? "not read"}`);
      continue;
    }
    const destination = actual.destinations[d.destinationId];
    if (destination === undefined || !destination.ok) {
      reasons.push(destination?.status === 404 ? `Destination '${d.destinationId}' does not exist` : `Cannot read destination '${d.destinationId}': ${destination?.error ?? "not read"}`);
    } else if (destination.value.workspaceId !== d.workspaceId) {
      reasons.push(`Destination '${d.destinationId}' belongs to workspace '${destination.value.workspaceId}', not the tenant's '${d.workspaceId}'`);
    }
    const definitionId = actual.definitions[d.source.definitionName];
    if (definitionId === undefined) reasons.push(`Source definition '${d.source.definitionName}' is not installed in Airbyte`);
    if (d.connection.schedule === undefined) reasons.push(d.connection.scheduleError ?? "Schedule cannot be expressed in Airbyte");
    let desiredSelections: string;
    if (d.templateConnectionId !== undefined) {
      const t = actual.templates[d.templateConnectionId];
      if (t === undefined || !t.ok) {
        reasons.push(t?.status === 404 ? `Template connection '${d.templateConnectionId}' does not exist` : `Cannot read template connection '${d.templateConnectionId}': ${t?.error ?? "not read"}`);
        desiredSelections = "";
      } else {
        item.templateCatalog = t.value.connection.syncCatalog;
        desiredSelections = selections(t.value.connection.syncCatalog);
        const ops = t.value.connection.operationIds ?? [];
        if (ops.length > 0 && t.value.workspaceId !== d.workspaceId) {
          warnings.push(`Template connection '${d.templateConnectionId}' has ${ops.length} operation(s) in another workspace; they are not copied`);
        } else item.operationIds = ops;
      }
    } else if (d.streams === undefined || d.streams.length === 0) {
      reasons.push(`Template '${d.template}' has neither a template connection nor streams`);
      desiredSelections = "";
    } else desiredSelections = selectionsFromTemplate(d);

    // Match the existing connection and source.
    const { connections: existingConnections, sources } = ws.value;
    const managedSource = sources.find((s) => s.name === d.source.name);
    let existing: Connection | undefined;
    if (d.adoptConnectionId !== undefined) {
      existing = existingConnections.find((c) => c.connectionId === d.adoptConnectionId);
      const adopted = actual.adopted[d.adoptConnectionId];
      if (existing === undefined && adopted?.ok) existing = adopted.value;
      if (existing === undefined) reasons.push(`Connection '${d.adoptConnectionId}' to adopt does not exist${adopted && !adopted.ok && adopted.status !== 404 ? `: ${adopted.error}` : ""}`);
    } else {
      existing = (managedSource ? existingConnections.find((c) => c.sourceId === managedSource.sourceId && !matched.has(c.connectionId)) : undefined) ??
        existingConnections.find((c) => c.name === d.connection.name && !matched.has(c.connectionId));
    }
    if (existing !== undefined) matched.add(existing.connectionId);
    if (reasons.length > 0) continue;

    const source = managedSource ?? (existing ? sources.find((s) => s.sourceId === existing?.sourceId) : undefined);
    item.source = planSource(d, source, definitionId, options, warnings, reasons);
    if (reasons.length > 0) {
      item.action = "error";
      continue;
    }
    const schedule = d.connection.schedule as NonNullable<typeof d.connection.schedule>;
    const want: Required<Pick<ConnectionFields, "name" | "status" | "namespaceDefinition" | "namespaceFormat" | "prefix">> = {
      name: d.connection.name,
      status: d.connection.status,
      namespaceDefinition: d.connection.namespaceDefinition,
      namespaceFormat: d.connection.namespaceFormat,
      prefix: d.connection.prefix,
    };
    if (existing === undefined) {
      item.action = "create";
      item.changes = [{ field: "connection", to: d.connection.name }];
      item.patch = { ...want, scheduleType: schedule.scheduleType, ...("scheduleData" in schedule ? { scheduleData: schedule.scheduleData } : {}), ...(item.operationIds ? { operationIds: item.operationIds } : {}) };
      item.catalogChanged = true;
      continue;
    }
    item.connectionId = existing.connectionId;
    if (existing.status === "deprecated") reasons.push(`Connection '${existing.connectionId}' is deprecated and cannot be re-activated`);
    if (existing.destinationId !== d.destinationId) reasons.push(`Destination changes from '${existing.destinationId}' to '${d.destinationId}'`);
    if (managedSource !== undefined && existing.sourceId !== managedSource.sourceId) reasons.push(`Source changes from '${existing.sourceId}' to '${managedSource.sourceId}'`);
    if (source !== undefined && definitionId !== undefined && source.sourceDefinitionId !== definitionId) {
      reasons.push(`Source definition changes to '${d.source.definitionName}'`);
    }
    if (reasons.length > 0) {
      item.action = "recreate";
      item.blocked = !(options.allowRecreate ?? false);
      item.changes = reasons.map((r) => ({ field: "recreate", to: r }));
      continue;
    }
    const patch: ConnectionFields = {};
    const changes: FieldChange[] = [];
    for (const field of ["name", "status", "namespaceDefinition", "namespaceFormat", "prefix"] as const) {
      const from = existing[field] ?? (field === "prefix" ? "" : undefined);
      if (from !== want[field]) {
        changes.push({ field, from, to: want[field] });
        (patch as Record<string, unknown>)[field] = want[field];
      }
    }
    const fromSchedule = scheduleKey(existing);
    const toSchedule = scheduleKey(schedule as ScheduleLike);
    if (fromSchedule !== toSchedule) {
      changes.push({ field: "schedule", from: fromSchedule, to: toSchedule });
      patch.scheduleType = schedule.scheduleType;
      if ("scheduleData" in schedule) patch.scheduleData = schedule.scheduleData;
    }
    const currentSelections = selections(existing.syncCatalog);
    if (currentSelections !== desiredSelections) {
      changes.push({ field: "syncCatalog", from: summarise(currentSelections), to: summarise(desiredSelections) });
      item.catalogChanged = true;
    }
    if (item.operationIds !== undefined && stable([...item.operationIds].sort()) !== stable([...(existing.operationIds ?? [])].sort())) {
      changes.push({ field: "operationIds", from: existing.operationIds ?? [], to: item.operationIds });
      patch.operationIds = item.operationIds;
    }
    item.changes = changes;
    item.patch = patch;
    item.action = changes.length > 0 || item.source.action !== "unchanged" ? "update" : "unchanged";
  }

  const unmanaged: UnmanagedConnection[] = [];
  const tenants = new Set(desired.map((d) => d.tenant));
  const keys = new Set(desired.map((d) => d.key));
  for (const [workspaceId, ws] of Object.entries(actual.workspaces)) {
    if (!ws.ok) continue;
    const sourceName = new Map(ws.value.sources.map((s) => [s.sourceId, s.name]));
    for (const c of ws.value.connections) {
      if (matched.has(c.connectionId)) continue;
      const managed = /^adops:([^:]+):([^:]+)$/.exec(sourceName.get(c.sourceId) ?? "");
      const tenant = managed?.[1];
      const prunable = managed !== null && tenant !== undefined && tenants.has(tenant) && !keys.has(managed[0]);
      unmanaged.push({ workspaceId, connectionId: c.connectionId, name: c.name, tenant, action: prunable && options.prune ? "prune" : "keep" });
    }
  }
  const count = (a: PlanAction) => connections.filter((c) => c.action === a).length;
  const summary = {
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    recreate: count("recreate"),
    error: count("error"),
    prune: unmanaged.filter((u) => u.action === "prune").length,
    blocked: connections.filter((c) => c.blocked).length,
  };
  return { connections, unmanaged, summary, hasChanges: summary.create + summary.update + summary.recreate + summary.prune > 0 };
}

function summarise(selection: string): string {
  if (selection === "") return "(none)";
  const rows = JSON.parse(selection) as { name: string; syncMode: string; destinationSyncMode: string }[];
  return rows.map((r) => `${r.name} ${r.syncMode}/${r.destinationSyncMode}`).join(", ");
}
