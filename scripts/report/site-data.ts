import type { StatusState } from "../../schemas/report.ts";
import { classifyStatus, type StatusTone } from "./classify-status.ts";
import type { IncidentSpan, OpenIncident } from "./read-incidents.ts";
import { type SiteDbtNode, type SiteFreshnessPoint, type SiteHistory, type SiteStep, type SiteSyncRun, nodesOf, stepsOf } from "./site-history.ts";
import { type SlaAttainment, slaAttainment } from "./sla-attainment.ts";
import { ALL_TENANTS, pickStatusEntry, type StatusKind } from "./update-status-state.ts";

const DAY_MS = 86_400_000;

/** A tenant's newest known status of one kind (sync, dbt, health). */
export interface SiteStatusCell {
  status: string;
  tone: StatusTone;
  /** When that run ended (ISO). */
  at: string;
  detail: string | null;
  runUrl: string | null;
  /** Whether it is a run every tenant shares (a dbt run). */
  shared: boolean;
}

/** An incident band (times epoch ms). */
export interface SiteIncident {
  kind: string;
  subject: string | null;
  severity: string | null;
  status: "open" | "resolved";
  from: number | null;
  to: number | null;
  summary: string | null;
  /** Whether it is platform-wide (tenant `*`). */
  shared: boolean;
}

/** One tenant of the site. */
export interface SiteTenant {
  slug: string;
  health: SiteStatusCell | null;
  sync: SiteStatusCell | null;
  dbt: SiteStatusCell | null;
  /** The worst tone of its health, sync and open incidents: what the overview marks it with. */
  tone: StatusTone;
  openIncidents: number;
  /** When its oldest open incident started (epoch ms), or null. */
  openSince: number | null;
  /** Airbyte freshness and dbt SLA attainment over the last 7 and 30 days. */
  attainment: { airbyte7: SlaAttainment; airbyte30: SlaAttainment; dbt7: SlaAttainment; dbt30: SlaAttainment };
  /** Connection names seen in the detail window, sorted. */
  connections: string[];
  syncs: SiteSyncRun[];
  freshness: SiteFreshnessPoint[];
  incidents: SiteIncident[];
}

/** Everything the site shows, computed once (plain JSON: it is embedded in the pages). */
export interface SiteData {
  /** When it was built (ISO). */
  generatedAt: string;
  /** The detail window of the tenant pages (epoch ms). */
  detailFrom: number;
  to: number;
  /** The SLAs the verdicts were judged by (platform.yml `sla`). */
  sla: { airbyteFreshMinutes: number; dbtFreshHours: number };
  tenants: SiteTenant[];
  orchestrate: { runId: string; status: string; start: number; end: number; runUrl: string | null; steps: SiteStep[] } | null;
  dbt: { runId: string; status: string; end: number; runUrl: string | null; total: number; slowest: SiteDbtNode[]; failing: SiteDbtNode[] } | null;
  openIncidents: number;
  problems: string[];
}

/** Inputs of {@link buildSiteData}. */
export interface SiteDataInput {
  /** The gathered history. */
  history: SiteHistory;
  /** The status memory (`gatherStatus`). */
  state: StatusState;
  /** Open incidents (`gatherStatus`). */
  open: readonly OpenIncident[];
  /** Every incident of the state file (`readIncidentSpans`). */
  spans: readonly IncidentSpan[];
  /** Now (epoch ms). */
  now: number;
  /** Days of per-run detail on tenant pages. */
  detailDays: number;
  /** Tenants from config, listed even without runs. @default [] */
  tenants?: readonly string[];
  /** The SLAs (from platform.yml). */
  sla: { airbyteFreshMinutes: number; dbtFreshHours: number };
  /** How many of the slowest dbt nodes to show. @default 15 */
  slowest?: number;
  /** Problems met while reading. @default [] */
  problems?: readonly string[];
}

function cell(state: StatusState, tenant: string, kind: StatusKind): SiteStatusCell | null {
  const picked = pickStatusEntry(state, tenant, kind);
  if (picked === undefined) return null;
  const { entry, shared } = picked;
  return { status: entry.status, tone: entry.tone ?? classifyStatus(entry.status), at: entry.at, detail: entry.detail ?? null, runUrl: entry.run_url ?? null, shared };
}

const RANK: Record<StatusTone, number> = { neutral: 0, ok: 1, warning: 2, error: 3 };

function worst(tones: readonly StatusTone[]): StatusTone {
  return tones.reduce<StatusTone>((w, t) => (RANK[t] > RANK[w] ? t : w), "neutral");
}

function msOf(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * A tenant's Airbyte freshness and dbt SLA attainment over one window: the
 * site's and the status page's one reading of {@link slaAttainment} on
 * health's verdicts (dbt's verdicts are platform-wide, the same for every tenant).
 *
 * @param history The gathered report history.
 * @param tenant The tenant slug.
 * @param window The window (epoch ms).
 * @returns Airbyte and dbt attainment.
 * @example
 * ```ts
 * import { tenantAttainment } from "./site-data.ts";
 * import { createSiteHistory } from "./site-history.ts";
 * console.assert(tenantAttainment(createSiteHistory({ detailSince: 0 }).history, "acme", { from: 0, to: 1 }).airbyte.ratio === null);
 * ```
 */
export function tenantAttainment(history: SiteHistory, tenant: string, window: { from: number; to: number }): { airbyte: SlaAttainment; dbt: SlaAttainment } {
  return { airbyte: slaAttainment(history.airbyte.get(tenant) ?? [], window), dbt: slaAttainment(history.dbt, window) };
}

/**
 * Assembles the site's data (pure): per tenant its newest status (the status
 * page's memory and rule), open incidents, 7- and 30-day SLA attainment for
 * Airbyte freshness and dbt ({@link slaAttainment} over health's own
 * verdicts), syncs and freshness readings of the detail window and incident
 * bands; the newest orchestrator run and dbt build.
 *
 * @param input History, status, incidents, clock, tenants and SLAs.
 * @returns The site data.
 * @example
 * ```ts
 * import { buildSiteData } from "./site-data.ts";
 * import { createSiteHistory } from "./site-history.ts";
 * const { history } = createSiteHistory({ detailSince: 0 });
 * const data = buildSiteData({ history, state: { schema_version: 1, updated_at: "2026-11-23T12:00:00.000Z", tenants: {} }, open: [], spans: [], now: 0, detailDays: 7, tenants: ["acme"], sla: { airbyteFreshMinutes: 60, dbtFreshHours: 24 } });
 * console.assert(data.tenants[0]?.slug === "acme");
 * ```
 */
export function buildSiteData(input: SiteDataInput): SiteData {
  const { history, state, now } = input;
  const detailFrom = now - input.detailDays * DAY_MS;
  const names = new Set<string>([...(input.tenants ?? []), ...history.tenants]);
  for (const name of Object.keys(state.tenants)) if (name !== ALL_TENANTS) names.add(name);
  for (const incident of input.open) if (incident.tenant !== ALL_TENANTS) names.add(incident.tenant);
  const window = (days: number) => ({ from: now - days * DAY_MS, to: now });

  const tenants = [...names].sort().map((slug): SiteTenant => {
    const health = cell(state, slug, "health");
    const sync = cell(state, slug, "sync");
    const dbt = cell(state, slug, "dbt");
    const mine = input.open.filter((i) => i.tenant === slug || i.tenant === ALL_TENANTS);
    const open = mine.length;
    const starts = mine.map((i) => msOf(i.since)).filter((t): t is number => t !== null);
    const week = tenantAttainment(history, slug, window(7));
    const month = tenantAttainment(history, slug, window(30));
    const syncs = (history.syncs.get(slug) ?? []).sort((a, b) => a.start - b.start);
    const freshness = (history.freshness.get(slug) ?? []).sort((a, b) => a.at - b.at);
    const incidents = input.spans
      .filter((s) => s.tenant === slug || s.tenant === ALL_TENANTS)
      .map((s): SiteIncident => ({
        kind: s.kind,
        subject: s.subject ?? null,
        severity: s.severity ?? null,
        status: s.status,
        from: msOf(s.since),
        to: msOf(s.resolvedAt),
        summary: s.summary ?? null,
        shared: s.tenant === ALL_TENANTS,
      }))
      .filter((s) => s.to === null || s.to >= detailFrom);
    return {
      slug,
      health,
      sync,
      dbt,
      tone: worst([health?.tone ?? "neutral", sync?.tone ?? "neutral", open > 0 ? "error" : "neutral"]),
      openIncidents: open,
      openSince: starts.length === 0 ? null : Math.min(...starts),
      attainment: { airbyte7: week.airbyte, airbyte30: month.airbyte, dbt7: week.dbt, dbt30: month.dbt },
      connections: [...new Set([...syncs.map((s) => s.connection), ...freshness.map((f) => f.connection)])].sort(),
      syncs,
      freshness,
      incidents,
    };
  });

  const o = history.orchestrate;
  const d = history.dbtRun;
  const nodes = d === undefined ? [] : nodesOf(d);
  return {
    generatedAt: new Date(now).toISOString(),
    detailFrom,
    to: now,
    sla: input.sla,
    tenants,
    orchestrate: o === undefined ? null : {
      runId: o.run_id,
      status: o.status,
      start: Date.parse(o.started_at),
      end: Date.parse(o.ended_at),
      runUrl: o.trigger.run_url ?? null,
      steps: stepsOf(o),
    },
    dbt: d === undefined ? null : {
      runId: d.run_id,
      status: d.status,
      end: Date.parse(d.ended_at),
      runUrl: d.trigger.run_url ?? null,
      total: nodes.length,
      slowest: [...nodes].sort((a, b) => b.seconds - a.seconds || a.id.localeCompare(b.id)).slice(0, input.slowest ?? 15),
      failing: nodes.filter((n) => classifyStatus(n.status) === "error"),
    },
    openIncidents: input.open.length,
    problems: [...(input.problems ?? [])],
  };
}
