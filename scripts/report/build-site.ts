import { gatherStatus, type ReadFile } from "./build-status-page.ts";
import { readIncidentSpans } from "./read-incidents.ts";
import { renderSite } from "./render-site.ts";
import { reportHistory } from "./report-history.ts";
import { buildSiteData, type SiteData } from "./site-data.ts";
import { createSiteHistory } from "./site-history.ts";

const DAY_MS = 86_400_000;

/** The commands whose history the site reads. */
const SITE_COMMANDS = ["health", "sync", "dbt", "orchestrate"] as const;

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** The report folder. @default "reports" */
  dir?: string;
  /** Every file path under the report folder (`listFilesDeep`). */
  paths: readonly string[];
  /** The incident state file's path. @default "<dir>/state/incidents.json" */
  incidentsPath?: string;
  /** Tenants from config, listed even without runs. @default [] */
  tenants?: readonly string[];
  /** Now (epoch ms). */
  now: number;
  /** The SLAs (platform.yml `sla`). @default 60 minutes and 24 hours */
  sla?: { airbyteFreshMinutes: number; dbtFreshHours: number };
  /** Days of per-run detail on the tenant pages. @default 7 */
  detailDays?: number;
  /** Days of history read for SLA attainment. @default 30 */
  historyDays?: number;
  /** The chart library's code, copied into the site. */
  chartLibrary: string;
}

/** What {@link buildSite} made. */
export interface BuiltSite {
  /** Path relative to the site root → content. */
  files: Map<string, string>;
  /** The data the pages show. */
  data: SiteData;
  /** Reports read from the history. */
  reports: number;
  /** Files that could not be read (skipped). */
  problems: string[];
}

/**
 * Builds the status site from the report folder through `read`: the status
 * memory and open incidents as the status page gathers them, the dated run
 * reports of the last `historyDays` days (read one at a time, newer days
 * only), the incident state's spans, then {@link buildSiteData} and
 * {@link renderSite}. Writes nothing.
 *
 * @param read Reads a file of the report folder, undefined when absent.
 * @param options Paths, folder, tenants, clock, SLAs and the chart library.
 * @returns The site's files and data.
 * @example
 * ```ts ignore
 * const site = await buildSite((p) => files.tryReadText(p), { paths: await listFilesDeep(files, "reports"), dir: "reports", now: clock.now(), chartLibrary });
 * ```
 */
export async function buildSite(read: ReadFile, options: BuildSiteOptions): Promise<BuiltSite> {
  const dir = options.dir ?? "reports";
  const now = options.now;
  const detailDays = options.detailDays ?? 7;
  const historyDays = Math.max(options.historyDays ?? 30, detailDays);
  const latestNames = options.paths.filter((p) => p.startsWith(`${dir}/latest/`) && p.endsWith(".json")).map((p) => p.slice(dir.length + 8));
  const status = await gatherStatus(read, {
    dir,
    latestNames,
    incidentsPath: options.incidentsPath ?? `${dir}/state/incidents.json`,
    now: new Date(now).toISOString(),
  });
  const problems = [...status.problems];
  const { history, add } = createSiteHistory({ detailSince: now - detailDays * DAY_MS });
  let reports = 0;
  for await (const entry of reportHistory(read, { paths: options.paths, dir, since: now - historyDays * DAY_MS, commands: SITE_COMMANDS, onProblem: (p) => problems.push(p) })) {
    add(entry.report);
    reports += 1;
  }
  // The newest orchestrator run and dbt build may be older than the history window.
  for (const report of status.latest.values()) if (report.command === "orchestrate" || report.command === "dbt") add(report);
  const spans = readIncidentSpans(status.incidentsText);
  const data = buildSiteData({
    history,
    state: status.state,
    open: status.incidents,
    spans: spans.spans,
    now,
    detailDays,
    sla: options.sla ?? { airbyteFreshMinutes: 60, dbtFreshHours: 24 },
    ...(options.tenants ? { tenants: options.tenants } : {}),
    problems,
  });
  return { files: renderSite(data, { chartLibrary: options.chartLibrary }), data, reports, problems };
}
