/** An open incident as the status page shows it. */
export interface OpenIncident {
  /** Tenant slug, or `*` when the incident is not tied to one. */
  tenant: string;
  /** What is wrong (`stale`, `sync_failed`, `dbt_failing`, ...). */
  kind: string;
  /** What it is about (a connection, `dbt`, a source), when known. */
  subject: string | undefined;
  /** `critical`, `warning`, ... when known. */
  severity: string | undefined;
  /** When it opened (ISO), when known. */
  since: string | undefined;
  /** One line for people. */
  summary: string | undefined;
}

/** Where the incident state is committed, unless told otherwise. */
export const DEFAULT_INCIDENTS_PATH = "reports/state/incidents.json";

const CLOSED = new Set(["resolved", "closed", "cleared", "recovered"]);

function str(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function numberToIso(value: unknown): string | undefined {
  return typeof value === "number" && Number.isFinite(value) ? new Date(value).toISOString() : undefined;
}

/**
 * Reads the open incidents out of the incident state file
 * (`reports/state/incidents.json`, schemas/incident.ts), tolerating other
 * shapes too: an array of incidents, or an object with `incidents` (array or
 * record keyed by incident key). An incident is open unless its `status`/`state` says
 * resolved or it has a `resolved_at`. Unreadable text gives no incidents and a
 * problem, never an exception: the status page must render without the file.
 *
 * @param text The file's text, or undefined when absent.
 * @returns The open incidents (sorted by tenant, then since) and problems.
 * @example
 * ```ts
 * import { readOpenIncidents } from "./read-incidents.ts";
 * const { incidents } = readOpenIncidents('{"incidents":[{"tenant":"acme","kind":"stale","status":"open"}]}');
 * console.assert(incidents[0]?.kind === "stale");
 * ```
 */
export function readOpenIncidents(text: string | undefined): { incidents: OpenIncident[]; problems: string[] } {
  if (text === undefined) return { incidents: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { incidents: [], problems: [`Cannot read the incident state: ${(error as Error).message}`] };
  }
  let list: unknown[] = [];
  if (Array.isArray(data)) list = data;
  else if (data !== null && typeof data === "object") {
    const inner = (data as { incidents?: unknown; open?: unknown }).incidents ?? (data as { open?: unknown }).open;
    if (Array.isArray(inner)) list = inner;
    else if (inner !== null && typeof inner === "object") list = Object.entries(inner).map(([key, value]) => ({ key, ...(value as object) }));
  }
  const incidents: OpenIncident[] = [];
  for (const item of list) {
    if (item === null || typeof item !== "object") continue;
    const record = item as Record<string, unknown>;
    const status = str(record, ["status", "state", "phase"])?.toLowerCase();
    if ((status !== undefined && CLOSED.has(status)) || record.resolved_at != null || record.resolvedAt != null) continue;
    incidents.push({
      tenant: str(record, ["tenant", "tenant_id", "tenantId"]) ?? "*",
      kind: str(record, ["kind", "type", "condition", "check", "key"]) ?? "incident",
      subject: str(record, ["subject", "connection", "node"]),
      severity: str(record, ["severity", "level"]),
      since: str(record, ["since", "opened_at", "openedAt", "started_at", "first_seen_at"]) ?? numberToIso(record.openedAt ?? record.since),
      summary: str(record, ["summary", "title", "message", "what"]),
    });
  }
  incidents.sort((a, b) => a.tenant.localeCompare(b.tenant) || (a.since ?? "").localeCompare(b.since ?? ""));
  return { incidents, problems: [] };
}
