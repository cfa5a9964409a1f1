import type { RunReport, StatusEntry, StatusState } from "../../schemas/report.ts";
import { classifyStatus, type StatusTone } from "./classify-status.ts";
import type { OpenIncident } from "./read-incidents.ts";
import { ALL_TENANTS, pickStatusEntry, type StatusKind } from "./update-status-state.ts";
import { markdownCell, markdownTable } from "./_table.ts";
import { formatUtc } from "./render-markdown.ts";
import { percent } from "./_site-html.ts";
import type { SlaAttainment } from "./sla-attainment.ts";

/** SLA attainment per tenant over the last `days` days (see `tenantAttainment`). */
export interface StatusPageAttainment {
  /** The window, days back from now. */
  days: number;
  /** Per tenant slug: Airbyte freshness and dbt attainment. */
  tenants: ReadonlyMap<string, { airbyte: SlaAttainment; dbt: SlaAttainment }>;
}

/** What the status page is rendered from. */
export interface StatusPageInput {
  /** Per-tenant memory (see `updateStatusState`). */
  state: StatusState;
  /** The newest report of each command (`reports/latest/*.json`). */
  latest: readonly RunReport[];
  /** Open incidents. */
  incidents: readonly OpenIncident[];
  /** When the page is rendered (ISO). */
  now: string;
  /** Tenants to list even when no run mentioned them yet (from config). @default [] */
  tenants?: readonly string[];
  /** Notes shown under the title (e.g. an unreadable incident file). @default [] */
  notes?: readonly string[];
  /** SLA attainment of the last days, from the dated health reports. @default no such section */
  attainment?: StatusPageAttainment;
}

const ICON: Record<StatusTone, string> = { ok: "✅", warning: "⚠️", error: "❌", neutral: "▫️" };

function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function entryCell(entry: StatusEntry | undefined, shared: boolean): string {
  if (entry === undefined) return "—";
  const word = entry.run_url ? `[${markdownCell(entry.status)}](${entry.run_url})` : markdownCell(entry.status);
  const detail = entry.detail ? ` · ${markdownCell(entry.detail, 120)}` : "";
  return `${ICON[entry.tone ?? classifyStatus(entry.status)]} ${word} · ${minute(entry.at)}${detail}${shared ? " (all tenants)" : ""}`;
}

function attainmentSection(attainment: StatusPageAttainment, tenants: readonly string[]): string[] {
  const names = [...new Set([...tenants, ...attainment.tenants.keys()])].sort();
  const rows = names.map((t) => {
    const a = attainment.tenants.get(t);
    return [markdownCell(t), percent(a?.airbyte.ratio ?? null), percent(a?.dbt.ratio ?? null), percent(a?.airbyte.coverage ?? null)];
  });
  const judged = rows.length > 0 && names.some((t) => (attainment.tenants.get(t)?.airbyte.judgedMs ?? 0) + (attainment.tenants.get(t)?.dbt.judgedMs ?? 0) > 0);
  return [
    `## SLA attainment, last ${attainment.days} days`,
    "",
    "_Share of the time in which the health checks found the SLA met: Airbyte, the newest sync fresher than its group's SLA; dbt, the last run within its SLA with every node green (platform-wide). Airbyte coverage: the share of the window the health runs judged the tenant's connections._",
    "",
    judged ? markdownTable(["Tenant", "Airbyte freshness", "dbt", "Airbyte coverage"], rows) : `_No health run judged anything in the last ${attainment.days} days._`,
    "",
  ];
}

/**
 * Renders `reports/STATUS.md`: one row per tenant (last sync, last dbt run,
 * health, open incidents), SLA attainment of the last days when given, the
 * open incidents, and the latest run of each command. Times are UTC. Pure.
 *
 * @param input State, latest reports, incidents and time.
 * @returns The Markdown page.
 * @example
 * ```ts
 * import { renderStatusPage } from "./render-status-page.ts";
 * const md = renderStatusPage({ state: { schema_version: 1, updated_at: "2026-11-23T12:00:00.000Z", tenants: {} }, latest: [], incidents: [], now: "2026-11-23T12:00:00.000Z" });
 * console.assert(md.startsWith("# adops status"));
 * ```
 */
export function renderStatusPage(input: StatusPageInput): string {
  const shared = input.state.tenants[ALL_TENANTS] ?? {};
  const names = new Set<string>(input.tenants ?? []);
  for (const name of Object.keys(input.state.tenants)) if (name !== ALL_TENANTS) names.add(name);
  for (const incident of input.incidents) if (incident.tenant !== ALL_TENANTS) names.add(incident.tenant);
  const tenants = [...names].sort();

  const open = input.incidents.length;
  const lines = [
    "# adops status",
    "",
    `_Generated ${formatUtc(input.now)} from \`reports/latest/\`, \`reports/status.json\` and the incident state. All times UTC. Do not edit: the commit-reports step rewrites this page._`,
    "",
  ];
  for (const note of input.notes ?? []) lines.push(`> ${markdownCell(note, 500)}`, "");
  lines.push(`**Open incidents:** ${open === 0 ? "none ✅" : `${open} ❌`}`, "");

  const pick = (tenant: string, kind: StatusKind): string => {
    const picked = pickStatusEntry(input.state, tenant, kind);
    return entryCell(picked?.entry, picked?.shared ?? false);
  };
  const rows = tenants.map((t) => {
    const mine = input.incidents.filter((i) => i.tenant === t || i.tenant === ALL_TENANTS).length;
    return [markdownCell(t), pick(t, "sync"), pick(t, "dbt"), pick(t, "health"), mine === 0 ? "none" : `❌ ${mine}`];
  });
  if (rows.length === 0 && Object.keys(shared).length > 0) rows.push(["all tenants", pick(ALL_TENANTS, "sync"), pick(ALL_TENANTS, "dbt"), pick(ALL_TENANTS, "health"), open === 0 ? "none" : `❌ ${open}`]);
  lines.push("## Tenants", "");
  lines.push(rows.length === 0 ? "_No runs reported yet._" : markdownTable(["Tenant", "Last sync", "Last dbt run", "Health", "Open incidents"], rows), "");

  if (input.attainment !== undefined) lines.push(...attainmentSection(input.attainment, tenants));

  if (open > 0) {
    lines.push("## Open incidents", "");
    lines.push(markdownTable(
      ["Tenant", "What", "Severity", "Since", "Summary"],
      input.incidents.map((i) => [
        markdownCell(i.tenant === ALL_TENANTS ? "all tenants" : i.tenant),
        markdownCell(i.subject ? `${i.kind} (${i.subject})` : i.kind),
        markdownCell(i.severity ?? "—"),
        i.since ? minute(i.since) : "—",
        markdownCell(i.summary ?? "", 200),
      ]),
    ), "");
  }

  if (input.latest.length > 0) {
    const latest = [...input.latest].sort((a, b) => a.command.localeCompare(b.command));
    lines.push("## Latest run of each command", "");
    lines.push(markdownTable(
      ["Command", "Status", "Ended", "Run", "Summary"],
      latest.map((r) => [
        markdownCell(r.command),
        `${ICON[classifyStatus(r.status)]} ${markdownCell(r.status)} (exit ${r.exit_code})`,
        minute(r.ended_at),
        r.trigger.run_url ? `[${markdownCell(r.run_id)}](${r.trigger.run_url})` : markdownCell(r.run_id),
        markdownCell(Object.entries(r.summary).map(([k, v]) => `${k} ${v}`).join(", ")),
      ]),
    ), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
