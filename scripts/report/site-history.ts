import type { RunReport } from "../../schemas/report.ts";
import { classifyStatus, rowTenant } from "./classify-status.ts";
import type { SlaSample } from "./sla-attainment.ts";

/** One sync of one connection, from an `adops sync` report row (times epoch ms). */
export interface SiteSyncRun {
  /** Connection name. */
  connection: string;
  /** The row's final status (`succeeded`, `failed`, ...). */
  status: string;
  /** When its first job started or was attached. */
  start: number;
  /** When it ended; null while running. */
  end: number | null;
  /** Seconds from start to end, when known. */
  seconds: number | null;
  /** Records committed by the last job. */
  records: number;
  /** Airbyte's job id, when any. */
  job: number | null;
  /** Failure origin/type: message, when it failed. */
  failure: string | null;
}

/** One health run's freshness reading of one connection (times epoch ms). */
export interface SiteFreshnessPoint {
  /** Connection name. */
  connection: string;
  /** When health judged it. */
  at: number;
  /** The `airbyte_sync` status word. */
  status: string;
  /** Minutes since the newest success ended; null when there was none. */
  age: number | null;
  /** The age limit health applied (the group's SLA, or the interval when longer); null outside the window. */
  limit: number | null;
}

/** One step of an orchestrator run (times epoch ms). */
export interface SiteStep {
  name: string;
  status: string;
  skipReason: string | null;
  start: number | null;
  end: number | null;
  seconds: number;
  retries: number;
  error: string | null;
}

/** One dbt node of a run. */
export interface SiteDbtNode {
  id: string;
  name: string;
  type: string;
  step: string;
  status: string;
  seconds: number;
  message: string | null;
}

/** What the history of reports holds for the site, gathered one report at a time. */
export interface SiteHistory {
  /** Airbyte freshness verdicts per tenant (one per health run that checked it). */
  airbyte: Map<string, SlaSample[]>;
  /** dbt verdicts (platform-wide), one per health run. */
  dbt: SlaSample[];
  /** Syncs per tenant since the detail window began. */
  syncs: Map<string, SiteSyncRun[]>;
  /** Freshness readings per tenant since the detail window began. */
  freshness: Map<string, SiteFreshnessPoint[]>;
  /** Every tenant a report mentioned. */
  tenants: Set<string>;
  /** The newest orchestrator run that ran steps (not a dry run). */
  orchestrate: RunReport | undefined;
  /** The newest dbt run that built nodes. */
  dbtRun: RunReport | undefined;
}

/** Options of {@link createSiteHistory}. */
export interface SiteHistoryOptions {
  /** Per-run detail (syncs, freshness readings) is kept from this instant (epoch ms) on. */
  detailSince: number;
}

function ms(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** An `airbyte_sync` status: met, missed, or not judged (the history could not be read). */
function freshnessMet(status: unknown): boolean | undefined {
  if (status === "ok" || status === "inactive") return true;
  if (status === "check_failed") return undefined;
  return false;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function addHealth(history: SiteHistory, report: RunReport, detailSince: number): void {
  const at = Date.parse(report.ended_at);
  const perTenant = new Map<string, boolean | undefined>();
  for (const row of report.rows) {
    if (row.check === "dbt_run") {
      history.dbt.push({ at, met: row.status === "ok" });
      continue;
    }
    if (row.check !== "airbyte_sync") continue;
    const tenant = rowTenant(row);
    if (tenant === undefined) continue;
    history.tenants.add(tenant);
    const met = freshnessMet(row.status);
    const so = perTenant.get(tenant);
    // A tenant meets the SLA in a run when every connection judged is fresh.
    perTenant.set(tenant, so === false || met === false ? false : so === true || met === true ? true : undefined);
    if (at >= detailSince) {
      const d = (row.details ?? {}) as Record<string, unknown>;
      push(history.freshness, tenant, {
        connection: String(row.subject ?? ""),
        at,
        status: String(row.status ?? ""),
        age: num(d.age_minutes),
        limit: d.in_window === false ? null : num(d.fresh_minutes),
      });
    }
  }
  for (const [tenant, met] of perTenant) push(history.airbyte, tenant, { at, met });
}

function addSync(history: SiteHistory, report: RunReport, detailSince: number): void {
  for (const row of report.rows) {
    const tenant = rowTenant(row);
    const start = ms(row.started_at);
    if (tenant === undefined) continue;
    history.tenants.add(tenant);
    if (start === null || start < detailSince) continue;
    const failure = text(row.failure_message) ?? text(row.reason);
    push(history.syncs, tenant, {
      connection: String(row.connection_name ?? row.connection ?? row.template ?? ""),
      status: String(row.status ?? ""),
      start,
      end: ms(row.ended_at),
      seconds: num(row.duration_seconds),
      records: num(row.records_committed) ?? 0,
      job: num(row.job_id),
      failure: classifyStatus(row.status) === "ok" ? null : `${text(row.failure_origin) ?? "?"}/${text(row.failure_type) ?? "?"}${failure ? `: ${failure.slice(0, 200)}` : ""}`,
    });
  }
}

/**
 * Gathers the site's history from run reports, one at a time (pure; call
 * `add` for each report of the history, in any order): health verdicts for SLA
 * attainment, syncs and freshness readings for the tenant pages, the newest
 * orchestrator run and the newest dbt build.
 *
 * @param options Where per-run detail starts.
 * @returns The history being gathered and `add`.
 * @example
 * ```ts
 * import { createSiteHistory } from "./site-history.ts";
 * import { makeRunReport, makeSyncReportRow } from "./testing.ts";
 * const h = createSiteHistory({ detailSince: 0 });
 * h.add(makeRunReport({ rows: [makeSyncReportRow()] }));
 * console.assert(h.history.syncs.get("acme")?.length === 1);
 * ```
 */
export function createSiteHistory(options: SiteHistoryOptions): { history: SiteHistory; add: (report: RunReport) => void } {
  const history: SiteHistory = {
    airbyte: new Map(),
    dbt: [],
    syncs: new Map(),
    freshness: new Map(),
    tenants: new Set(),
    orchestrate: undefined,
    dbtRun: undefined,
  };
  const add = (report: RunReport): void => {
    if (report.command === "health") addHealth(history, report, options.detailSince);
    else if (report.command === "sync") addSync(history, report, options.detailSince);
    else if (report.command === "orchestrate") {
      const ran = report.rows.some((r) => typeof r.status === "string");
      if (ran && (history.orchestrate === undefined || history.orchestrate.ended_at <= report.ended_at)) history.orchestrate = report;
    } else if (report.command === "dbt") {
      const built = report.rows.some((r) => r.resource_type !== "source" && typeof r.unique_id === "string");
      if (built && (history.dbtRun === undefined || history.dbtRun.ended_at <= report.ended_at)) history.dbtRun = report;
    }
  };
  return { history, add };
}

/**
 * The steps of an orchestrator run report, for the Gantt chart.
 *
 * @param report An `adops orchestrate` report.
 * @returns Its steps, in start order (steps that never started last).
 * @example
 * ```ts
 * import { stepsOf } from "./site-history.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(stepsOf(makeRunReport({ command: "orchestrate", rows: [] })).length === 0);
 * ```
 */
export function stepsOf(report: RunReport): SiteStep[] {
  return report.rows
    .filter((r) => typeof r.status === "string")
    .map((r) => ({
      name: String(r.platform_name ?? r.name ?? ""),
      status: String(r.status),
      skipReason: text(r.skip_reason),
      start: ms(r.started_at),
      end: ms(r.ended_at),
      seconds: num(r.duration_seconds) ?? 0,
      retries: num(r.retry_count) ?? 0,
      error: text(r.error_message),
    }))
    .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.name.localeCompare(b.name));
}

/**
 * The built nodes of a dbt run report (sources' freshness rows left out).
 *
 * @param report An `adops dbt` report.
 * @returns Its nodes.
 * @example
 * ```ts
 * import { nodesOf } from "./site-history.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(nodesOf(makeRunReport({ command: "dbt", rows: [] })).length === 0);
 * ```
 */
export function nodesOf(report: RunReport): SiteDbtNode[] {
  return report.rows
    .filter((r) => r.resource_type !== "source" && typeof r.unique_id === "string")
    .map((r) => ({
      id: String(r.unique_id),
      name: String(r.name ?? r.unique_id),
      type: String(r.resource_type ?? ""),
      step: String(r.step ?? ""),
      status: String(r.status ?? ""),
      seconds: num(r.execution_time) ?? 0,
      message: text(r.message)?.slice(0, 500) ?? null,
    }));
}
