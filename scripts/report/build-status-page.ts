import { type RunReport, type StatusState, StatusStateSchema } from "../../schemas/report.ts";
import { parseJsonWith, parseRunReport } from "./parse-run-report.ts";
import { type OpenIncident, readOpenIncidents } from "./read-incidents.ts";
import { renderStatusPage, type StatusPageAttainment } from "./render-status-page.ts";
import { reportHistory } from "./report-history.ts";
import { tenantAttainment } from "./site-data.ts";
import { createSiteHistory } from "./site-history.ts";
import { ALL_TENANTS, updateStatusState } from "./update-status-state.ts";

const DAY_MS = 86_400_000;

/** Reads a file of the report folder, wherever it lives (disk or a branch). */
export type ReadFile = (path: string) => Promise<string | undefined>;

/** Options of {@link buildStatusPage}. */
export interface BuildStatusPageOptions {
  /** The report folder. @default "reports" */
  dir?: string;
  /** Names of the files in `<dir>/latest/` (e.g. `sync.json`). */
  latestNames: readonly string[];
  /** Reports to fold in on top of what is stored (this run's). @default [] */
  extra?: readonly RunReport[];
  /** The incident state file's path. */
  incidentsPath: string;
  /** Tenants to list even when no run mentioned them yet. @default [] */
  tenants?: readonly string[];
  /** Render time (ISO). */
  now: string;
  /**
   * Paths of the dated reports (`<dir>/YYYY/MM/DD/*.json`, e.g. `recentReportPaths`): the health
   * reports among them of the last `slaDays` days give the page's SLA attainment.
   * @default no SLA attainment section
   */
  paths?: Iterable<string>;
  /** Days of SLA attainment shown. @default 7 */
  slaDays?: number;
}

/** Files the status page is made of: path → content. */
export interface StatusPageFiles {
  /** `<dir>/STATUS.md`. */
  page: { path: string; content: string };
  /** `<dir>/status.json`. */
  state: { path: string; content: string };
  /** Latest report per command after folding in `extra` (newest wins). */
  latest: Map<string, RunReport>;
  /** Files that could not be read (skipped). */
  problems: string[];
}

/** What the status page and the site are made from. */
export interface GatheredStatus {
  /** The per-tenant memory after folding in the latest and extra reports. */
  state: StatusState;
  /** Latest report per command after folding in `extra` (newest wins). */
  latest: Map<string, RunReport>;
  /** Open incidents. */
  incidents: OpenIncident[];
  /** The incident state file's text, when there is one. */
  incidentsText: string | undefined;
  /** Files that could not be read (skipped). */
  problems: string[];
}

/**
 * Gathers what the status page (and the status site) show through `read`:
 * the latest report of each command, this run's reports folded in, the
 * per-tenant status memory and the open incidents. Tolerates a missing or
 * unreadable incident file and unreadable latest reports (listed in `problems`).
 *
 * @param read Reads a file, undefined when absent.
 * @param options Folder, latest names, extra reports, incident path, time.
 * @returns The state, the merged latest reports, the open incidents and problems.
 * @example
 * ```ts ignore
 * const status = await gatherStatus((p) => ctx.files.tryReadText(p), { latestNames, incidentsPath, now });
 * ```
 */
export async function gatherStatus(read: ReadFile, options: BuildStatusPageOptions): Promise<GatheredStatus> {
  const dir = options.dir ?? "reports";
  const problems: string[] = [];
  const latest = new Map<string, RunReport>();
  for (const name of options.latestNames) {
    if (!name.endsWith(".json")) continue;
    const text = await read(`${dir}/latest/${name}`);
    if (text === undefined) continue;
    // Other files live in latest/ too (e.g. the orchestrator's execution report): only run reports count.
    if (!text.includes('"schema_version"')) continue;
    const parsed = parseRunReport(text);
    if (parsed.ok) latest.set(parsed.value.command, parsed.value);
    else problems.push(`Skipped unreadable ${dir}/latest/${name}: ${parsed.issues[0]}`);
  }
  for (const report of options.extra ?? []) {
    const current = latest.get(report.command);
    if (current === undefined || current.ended_at <= report.ended_at) latest.set(report.command, report);
  }
  const stateText = await read(`${dir}/status.json`);
  let previous: StatusState | undefined;
  if (stateText !== undefined) {
    const parsed = parseJsonWith(StatusStateSchema, stateText);
    if (parsed.ok) previous = parsed.value;
    else problems.push(`Rebuilt ${dir}/status.json: ${parsed.issues[0]}`);
  }
  const state = updateStatusState(previous, [...latest.values(), ...(options.extra ?? [])], { now: options.now });
  const incidentsText = await read(options.incidentsPath);
  const incidents = readOpenIncidents(incidentsText);
  problems.push(...incidents.problems);
  return { state, latest, incidents: incidents.incidents, incidentsText, problems };
}

/**
 * SLA attainment per tenant over the last `days` days, from the dated health
 * reports (only those days' health reports are opened) and this run's: the
 * site's data path (`createSiteHistory`, `tenantAttainment`), so the page and
 * the site agree.
 *
 * @param read Reads a file, undefined when absent.
 * @param options Folder, paths, extra reports, tenants, time and days.
 * @returns The attainment and the files skipped.
 * @example
 * ```ts
 * import { recentAttainment } from "./build-status-page.ts";
 * const { attainment } = await recentAttainment(() => Promise.resolve(undefined), { paths: [], now: "2026-11-23T12:00:00.000Z", tenants: ["acme"] });
 * console.assert(attainment.tenants.get("acme")?.airbyte.ratio === null);
 * ```
 */
export async function recentAttainment(
  read: ReadFile,
  options: { dir?: string; paths: Iterable<string>; extra?: readonly RunReport[]; tenants?: readonly string[]; now: string; days?: number },
): Promise<{ attainment: StatusPageAttainment; problems: string[] }> {
  const days = options.days ?? 7;
  const to = Date.parse(options.now);
  const from = to - days * DAY_MS;
  const problems: string[] = [];
  const { history, add } = createSiteHistory({ detailSince: to });
  for await (const entry of reportHistory(read, { paths: options.paths, dir: options.dir ?? "reports", since: from, commands: ["health"], onProblem: (p) => problems.push(p) })) add(entry.report);
  for (const report of options.extra ?? []) if (report.command === "health" && Date.parse(report.ended_at) >= from) add(report);
  const names = new Set([...(options.tenants ?? []), ...history.airbyte.keys()]);
  names.delete(ALL_TENANTS);
  return { attainment: { days, tenants: new Map([...names].map((t) => [t, tenantAttainment(history, t, { from, to })])) }, problems };
}

/**
 * Gathers what the status page needs through `read` (the local folder or the
 * branch being committed to; see {@link gatherStatus}), folds in this run's
 * reports, with `paths` the last days' SLA attainment ({@link recentAttainment}),
 * and renders `STATUS.md` plus the `status.json` memory behind it.
 * Unreadable inputs are noted on the page.
 *
 * @param read Reads a file, undefined when absent.
 * @param options Folder, latest names, extra reports, incident path, time.
 * @returns The page, the state and the merged latest reports.
 * @example
 * ```ts ignore
 * const files = await buildStatusPage((p) => ctx.files.tryReadText(p), { latestNames, incidentsPath, now });
 * ```
 */
export async function buildStatusPage(read: ReadFile, options: BuildStatusPageOptions): Promise<StatusPageFiles> {
  const dir = options.dir ?? "reports";
  const { state, latest, incidents, problems } = await gatherStatus(read, options);
  const sla = options.paths === undefined ? undefined : await recentAttainment(read, {
    dir,
    paths: options.paths,
    ...(options.extra ? { extra: options.extra } : {}),
    tenants: [...(options.tenants ?? []), ...Object.keys(state.tenants)],
    now: options.now,
    ...(options.slaDays === undefined ? {} : { days: options.slaDays }),
  });
  problems.push(...(sla?.problems ?? []));
  const page = renderStatusPage({
    ...(sla ? { attainment: sla.attainment } : {}),
    state,
    latest: [...latest.values()],
    incidents,
    now: options.now,
    ...(options.tenants ? { tenants: options.tenants } : {}),
    notes: problems,
  });
  return {
    page: { path: `${dir}/STATUS.md`, content: page },
    state: { path: `${dir}/status.json`, content: `${JSON.stringify(state, null, 2)}\n` },
    latest,
    problems,
  };
}
