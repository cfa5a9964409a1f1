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

function incidentList(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data === null || typeof data !== "object") return [];
  const inner = (data as { incidents?: unknown; open?: unknown }).incidents ?? (data as { open?: unknown }).open;
  if (Array.isArray(inner)) return inner;
  if (inner !== null && typeof inner === "object") return Object.entries(inner).map(([key, value]) => ({ key, ...(value as object) }));
  return [];
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
  const { spans, problems } = readIncidentSpans(text);
  const incidents = spans.filter((s) => s.status === "open").map(({ status: _status, resolvedAt: _resolvedAt, ...incident }) => incident);
  return { incidents, problems };
}

/** An incident as a span of time (open or resolved), for charts. */
export interface IncidentSpan extends OpenIncident {
  /** `open` or `resolved`. */
  status: "open" | "resolved";
  /** When it ended (ISO); undefined while open. */
  resolvedAt: string | undefined;
}

/**
 * Every incident of the incident state file, open and resolved (the file keeps
 * resolved ones for a week), as spans: from `since` (else when it opened) to
 * `resolved_at`. Same tolerant reading as {@link readOpenIncidents}.
 *
 * @param text The file's text, or undefined when absent.
 * @returns The spans (sorted by tenant, then start) and problems.
 * @example
 * ```ts
 * import { readIncidentSpans } from "./read-incidents.ts";
 * const { spans } = readIncidentSpans('{"incidents":[{"tenant":"acme","kind":"stale","status":"resolved","since":"2026-11-23T10:00:00Z","resolved_at":"2026-11-23T11:00:00Z"}]}');
 * console.assert(spans[0]?.resolvedAt === "2026-11-23T11:00:00Z");
 * ```
 */
export function readIncidentSpans(text: string | undefined): { spans: IncidentSpan[]; problems: string[] } {
  if (text === undefined) return { spans: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { spans: [], problems: [`Cannot read the incident state: ${(error as Error).message}`] };
  }
  const spans: IncidentSpan[] = [];
  for (const item of incidentList(data)) {
    if (item === null || typeof item !== "object") continue;
    const record = item as Record<string, unknown>;
    const word = str(record, ["status", "state", "phase"])?.toLowerCase();
    const resolvedAt = str(record, ["resolved_at", "resolvedAt"]);
    const resolved = (word !== undefined && CLOSED.has(word)) || resolvedAt !== undefined;
    spans.push({
      tenant: str(record, ["tenant", "tenant_id", "tenantId"]) ?? "*",
      kind: str(record, ["kind", "type", "condition", "check", "key"]) ?? "incident",
      subject: str(record, ["subject", "connection", "node"]),
      severity: str(record, ["severity", "level"]),
      since: str(record, ["since", "opened_at", "openedAt", "started_at", "first_seen_at"]) ?? numberToIso(record.openedAt ?? record.since),
      summary: str(record, ["summary", "title", "message", "what"]),
      status: resolved ? "resolved" : "open",
      resolvedAt,
    });
  }
  spans.sort((a, b) => a.tenant.localeCompare(b.tenant) || (a.since ?? "").localeCompare(b.since ?? ""));
  return { spans, problems: [] };
}
