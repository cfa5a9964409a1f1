import { classifyStatus, type StatusTone } from "./classify-status.ts";
import { badge, type ChartSeries, esc, figure, minute, page, percent, table } from "./_site-html.ts";
import { SITE_CSS, SITE_SCRIPT } from "./site-assets.ts";
import type { SiteData, SiteStatusCell, SiteTenant } from "./site-data.ts";
import type { SlaAttainment } from "./sla-attainment.ts";

/** Point shapes per outcome, so a sync's outcome reads without its colour. */
const SHAPES: Record<string, string> = {
  succeeded: "circle",
  failed: "triangle",
  cancelled: "crossRot",
  timed_out_cancelled: "rectRot",
  timed_out_orphaned: "rectRot",
  stuck: "rectRot",
  running: "star",
};

/**
 * The path of a tenant's page inside the site (what Slack alerts link to).
 *
 * @param slug The tenant slug.
 * @returns `tenants/<slug>.html`, with anything outside `[A-Za-z0-9._-]` replaced.
 * @example
 * ```ts
 * import { tenantPagePath } from "./render-site.ts";
 * console.assert(tenantPagePath("acme-retail") === "tenants/acme-retail.html");
 * ```
 */
export function tenantPagePath(slug: string): string {
  return `tenants/${slug.replace(/[^A-Za-z0-9._-]/g, "_")}.html`;
}

function statusCell(c: SiteStatusCell | null): string {
  if (c === null) return badge(null, "neutral");
  const word = c.runUrl ? `<a href="${esc(c.runUrl)}">${badge(c.status, c.tone)}</a>` : badge(c.status, c.tone);
  return `${word} <span class="when">${esc(minute(c.at))}${c.shared ? " (all tenants)" : ""}</span>${c.detail ? `<br><span class="detail">${esc(c.detail)}</span>` : ""}`;
}

function sla(a: SlaAttainment): string {
  return `<span title="${esc(`health runs covered ${percent(a.coverage)} of the window`)}">${percent(a.ratio)}</span>`;
}

function seconds(value: number | null): string {
  if (value === null) return "—";
  return value < 120 ? `${value.toFixed(1)} s` : `${(value / 60).toFixed(1)} min`;
}

function toneOf(status: string): StatusTone {
  return classifyStatus(status);
}

function bySeries<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function overview(data: SiteData): string {
  const order: Record<StatusTone, number> = { error: 0, warning: 1, neutral: 2, ok: 3 };
  const tenants = [...data.tenants].sort((a, b) => order[a.tone] - order[b.tone] || a.slug.localeCompare(b.slug));
  const attention = tenants.filter((t) => t.tone === "error" || t.tone === "warning");
  const first = data.tenants[0];
  const rows = tenants.map((t) =>
    `<tr data-tenant="${esc(t.slug)}" data-tone="${t.tone}"><th scope="row"><a href="${tenantPagePath(t.slug)}">${esc(t.slug)}</a></th>` +
    `<td>${statusCell(t.health)}</td><td>${statusCell(t.sync)}</td><td>${statusCell(t.dbt)}</td>` +
    `<td>${t.openIncidents === 0 ? "none" : badge(`${t.openIncidents} open`, "error")}</td>` +
    `<td>${sla(t.attainment.airbyte7)}</td><td>${sla(t.attainment.airbyte30)}</td><td>${sla(t.attainment.dbt7)}</td><td>${sla(t.attainment.dbt30)}</td></tr>`
  ).join("\n");
  const head = ["Tenant", "Health", "Last sync", "Last dbt run", "Open incidents", "Airbyte 7 d", "Airbyte 30 d", "dbt 7 d", "dbt 30 d"];
  const chartSeries: ChartSeries[] = [
    { label: "Airbyte freshness, 7 days", color: 0, points: data.tenants.map((t) => [pct(t.attainment.airbyte7), t.slug] as const) },
    { label: "Airbyte freshness, 30 days", color: 1, points: data.tenants.map((t) => [pct(t.attainment.airbyte30), t.slug] as const) },
  ];
  const attainmentTable = table("SLA attainment per tenant", ["Tenant", "Airbyte 7 d", "Airbyte 30 d", "coverage 30 d"], data.tenants.map((t) => [esc(t.slug), percent(t.attainment.airbyte7.ratio), percent(t.attainment.airbyte30.ratio), percent(t.attainment.airbyte30.coverage)]));
  return `<h1>Status</h1>
<p class="lede">${data.tenants.length} tenants · <strong>${attention.length}</strong> need attention · <strong>${data.openIncidents}</strong> open incident(s) · dbt SLA (&lt; ${data.sla.dbtFreshHours} h, every node green) met ${first ? percent(first.attainment.dbt7.ratio) : "—"} of the last 7 days, ${first ? percent(first.attainment.dbt30.ratio) : "—"} of 30.</p>
${data.problems.length ? `<div class="note" role="note"><p>Read with problems:</p><ul>${data.problems.slice(0, 20).map((p) => `<li>${esc(p)}</li>`).join("")}</ul></div>` : ""}
<section aria-labelledby="attention-h"><h2 id="attention-h">Needs attention</h2>
${attention.length === 0 ? `<p class="all-ok">${badge("every tenant ok", "ok")}</p>` : `<ul class="attention" id="attention">${attention.map((t) => `<li data-tenant="${esc(t.slug)}"><a href="${tenantPagePath(t.slug)}">${esc(t.slug)}</a> ${badge(t.health?.status ?? t.sync?.status ?? "incident", t.tone)}${t.openSince !== null ? ` <span class="when">since ${esc(minute(t.openSince))}</span>` : t.health ? ` <span class="when">checked ${esc(minute(t.health.at))}</span>` : ""}</li>`).join("")}</ul>`}
</section>
<section aria-labelledby="tenants-h"><h2 id="tenants-h">Tenants</h2>
<p class="hint">SLA attainment: the share of the window's time in which health found the SLA met (Airbyte: newest success fresher than ${data.sla.airbyteFreshMinutes} min; dbt: last run under ${data.sla.dbtFreshHours} h, nodes green). Hover a figure for the health runs' coverage.</p>
<div class="table-wrap"><table id="tenants"><caption>Every tenant, worst first</caption><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>
${rows}
</tbody></table></div>
</section>
${figure("attainment", "Airbyte freshness SLA attainment", `Share of time each tenant's data was fresher than ${data.sla.airbyteFreshMinutes} minutes, over 7 and 30 days.`, { kind: "bars", x: "attainment (%)", y: "tenant", xType: "percent", categories: data.tenants.map((t) => t.slug), series: chartSeries }, attainmentTable, Math.max(220, 60 + data.tenants.length * 26))}`;
}

function pct(a: SlaAttainment): number | null {
  return a.ratio === null ? null : Math.round(a.ratio * 1000) / 10;
}

function tenantPage(data: SiteData, t: SiteTenant): string {
  const window = `the last ${Math.round((data.to - data.detailFrom) / 86_400_000)} days`;
  const statuses = [...new Set(t.syncs.map((s) => s.status))].sort();
  const timeline: ChartSeries[] = statuses.map((status) => ({
    label: status,
    tone: toneOf(status),
    shape: SHAPES[status] ?? "rect",
    points: t.syncs.filter((s) => s.status === status).map((s) => [s.start, s.connection] as const),
  }));
  const runRows = [...t.syncs].reverse().map((s) => [
    esc(s.connection), esc(minute(s.start)), esc(minute(s.end)), badge(s.status, toneOf(s.status)), seconds(s.seconds), s.records.toLocaleString("en-US"), s.job === null ? "—" : String(s.job), esc(s.failure ?? ""),
  ]);
  const bands = t.incidents.filter((i) => i.from !== null).map((i) => ({
    from: i.from as number,
    to: i.to,
    label: `${i.kind}${i.subject ? ` · ${i.subject}` : ""}`,
    tone: (i.severity === "critical" ? "error" : "warning") as StatusTone,
  }));
  const byConn = bySeries(t.freshness, (f) => f.connection);
  const freshness: ChartSeries[] = [...byConn].map(([name, points], i) => ({ label: name, color: i, shape: ["circle", "rect", "triangle", "rectRot", "star", "crossRot"][i % 6] as string, points: points.map((p) => [p.at, p.age] as const) }));
  freshness.push({ label: `SLA ${data.sla.airbyteFreshMinutes} min`, tone: "error", dash: true, points: [[data.detailFrom, data.sla.airbyteFreshMinutes], [data.to, data.sla.airbyteFreshMinutes]] });
  const freshRows = [...t.freshness].reverse().map((f) => [esc(minute(f.at)), esc(f.connection), badge(f.status, toneOf(f.status)), f.age === null ? "—" : f.age.toFixed(1), f.limit === null ? "not judged" : String(f.limit)]);
  const syncsByConn = bySeries(t.syncs, (s) => s.connection);
  const shapes = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];
  const durations: ChartSeries[] = [...syncsByConn].map(([name, runs], i) => ({ label: name, color: i, shape: shapes[i % 6] as string, points: runs.filter((r) => r.seconds !== null).map((r) => [r.end ?? r.start, r.seconds] as const) }));
  const records: ChartSeries[] = [...syncsByConn].map(([name, runs], i) => ({ label: name, color: i, shape: shapes[i % 6] as string, points: runs.filter((r) => classifyStatus(r.status) === "ok").map((r) => [r.end ?? r.start, r.records] as const) }));
  const daily: string[][] = [];
  for (const [name, runs] of syncsByConn) {
    for (const [day, list] of bySeries(runs, (r) => minute(r.start).slice(0, 10))) {
      const secs = list.map((r) => r.seconds).filter((s): s is number => s !== null);
      daily.push([esc(day), esc(name), String(list.length), seconds(median(secs)), seconds(secs.length ? Math.max(...secs) : null), list.reduce((n, r) => n + r.records, 0).toLocaleString("en-US"), String(list.filter((r) => classifyStatus(r.status) === "error").length)]);
    }
  }
  daily.sort((a, b) => (b[0] as string).localeCompare(a[0] as string) || (a[1] as string).localeCompare(b[1] as string));
  const dailyTable = table("Per connection and day", ["Day", "Connection", "Runs", "Median duration", "Longest", "Records", "Failed"], daily, { empty: "No syncs in the window." });
  const timeAxis = { xType: "time" as const, min: data.detailFrom, max: data.to };
  const incidentRows = t.incidents.map((i) => [esc(i.kind), esc(i.subject ?? "—"), badge(i.status, i.status === "open" ? "error" : "ok"), esc(i.severity ?? "—"), esc(minute(i.from)), esc(i.to === null ? "still open" : minute(i.to)), esc(`${i.shared ? "(all tenants) " : ""}${i.summary ?? ""}`)]);
  return `<p class="crumbs"><a href="../index.html">Overview</a> › ${esc(t.slug)}</p>
<h1 data-tone="${t.tone}">${esc(t.slug)} ${badge(t.health?.status ?? "no health run", t.health?.tone ?? "neutral")}</h1>
<dl class="cards">
<div><dt>Health</dt><dd>${statusCell(t.health)}</dd></div>
<div><dt>Last sync</dt><dd>${statusCell(t.sync)}</dd></div>
<div><dt>Last dbt run</dt><dd>${statusCell(t.dbt)}</dd></div>
<div><dt>Open incidents</dt><dd>${t.openIncidents === 0 ? "none" : badge(`${t.openIncidents} open`, "error")}</dd></div>
<div><dt>Airbyte SLA 7 d / 30 d</dt><dd>${sla(t.attainment.airbyte7)} / ${sla(t.attainment.airbyte30)}</dd></div>
<div><dt>dbt SLA 7 d / 30 d</dt><dd>${sla(t.attainment.dbt7)} / ${sla(t.attainment.dbt30)}</dd></div>
</dl>
<section aria-labelledby="incidents-h"><h2 id="incidents-h">Incidents</h2>
${table("Open and recent incidents", ["What", "Subject", "Status", "Severity", "Since", "Until", "Summary"], incidentRows, { id: "incidents", empty: `No incident in ${window}.` })}
</section>
<h2>Over ${esc(window)}</h2>
${figure("syncs", "Syncs per connection", `Every sync of ${window}, one row per connection; the marker's shape and the legend name the outcome.`, { kind: "timeline", x: "time (UTC)", y: "connection", ...timeAxis, categories: t.connections, series: timeline, labels: true }, table("Every sync", ["Connection", "Started", "Ended", "Status", "Duration", "Records", "Job", "Failure"], runRows, { empty: "No syncs in the window." }), Math.max(160, 70 + t.connections.length * 40))}
${figure("freshness", "Freshness age", `Minutes since each connection's newest success, as health read it, against the ${data.sla.airbyteFreshMinutes}-minute SLA (dashed); shaded bands are incidents.`, { kind: "line", x: "time (UTC)", y: "age (min)", ...timeAxis, series: freshness, bands }, table("Freshness readings", ["Time", "Connection", "Status", "Age (min)", "Limit (min)"], freshRows, { empty: "No health run in the window." }))}
${figure("durations", "Sync durations", "Seconds from start to end of each sync, per connection. Every run is in the table of syncs above.", { kind: "line", x: "time (UTC)", y: "duration (s)", ...timeAxis, series: durations, points: true }, dailyTable)}
${figure("records", "Records per run", "Records committed by each successful sync, per connection.", { kind: "line", x: "time (UTC)", y: "records", ...timeAxis, series: records, points: true }, dailyTable)}`;
}

function orchestratorPage(data: SiteData): string {
  const o = data.orchestrate;
  if (o === null) return `<h1>Orchestrator</h1><p class="empty">No orchestrator run in the reports yet.</p>`;
  const statuses = [...new Set(o.steps.map((s) => s.status))].sort();
  const rel = (t: number | null) => (t === null ? 0 : Math.max(0, (t - o.start) / 1000));
  const series: ChartSeries[] = statuses.map((status) => ({
    label: status,
    tone: toneOf(status),
    points: o.steps.filter((s) => s.status === status).map((s) => [rel(s.start), rel(s.end ?? s.start), s.name] as const),
  }));
  const rows = o.steps.map((s) => [esc(s.name), badge(s.status, toneOf(s.status)), esc(minute(s.start)), esc(minute(s.end)), seconds(s.seconds), String(s.retries), esc(s.skipReason ? `skipped: ${s.skipReason}` : s.error ?? "")]);
  return `<h1>Orchestrator</h1>
<p class="lede">Run ${o.runUrl ? `<a href="${esc(o.runUrl)}">${esc(o.runId)}</a>` : esc(o.runId)} ${badge(o.status, toneOf(o.status))} from ${esc(minute(o.start))} to ${esc(minute(o.end))} UTC, ${o.steps.length} steps.</p>
${figure("gantt", "Latest orchestrator run", "Each step from its start to its end, in seconds from the run's start; the label names its status.", { kind: "gantt", x: "seconds from the run's start", y: "step", xType: "seconds", categories: o.steps.map((s) => s.name), series, labels: true }, table("Steps", ["Step", "Status", "Started", "Ended", "Duration", "Retries", "Error or skip reason"], rows), Math.max(180, 70 + o.steps.length * 30))}`;
}

function dbtPage(data: SiteData): string {
  const d = data.dbt;
  if (d === null) return `<h1>dbt</h1><p class="empty">No dbt run in the reports yet.</p>`;
  const statuses = [...new Set(d.slowest.map((n) => n.status))].sort();
  const series: ChartSeries[] = statuses.map((status) => ({ label: status, tone: toneOf(status), points: d.slowest.filter((n) => n.status === status).map((n) => [n.seconds, n.name] as const) }));
  const slowRows = d.slowest.map((n) => [esc(n.name), esc(n.type), badge(n.status, toneOf(n.status)), n.seconds.toFixed(2), esc(n.step)]);
  const failRows = d.failing.map((n) => [esc(n.name), esc(n.type), badge(n.status, toneOf(n.status)), esc(n.step), esc(n.message ?? "")]);
  return `<h1>dbt</h1>
<p class="lede">Latest build ${d.runUrl ? `<a href="${esc(d.runUrl)}">${esc(d.runId)}</a>` : esc(d.runId)} ${badge(d.status, toneOf(d.status))} ended ${esc(minute(d.end))} UTC: ${d.total} nodes, <strong>${d.failing.length}</strong> failing.</p>
<section aria-labelledby="failing-h"><h2 id="failing-h">Failing nodes</h2>
${table("Failing nodes", ["Node", "Type", "Status", "Step", "Message"], failRows, { id: "failing", empty: "No node failed." })}
</section>
${figure("slowest", `Slowest ${d.slowest.length} nodes`, "Seconds dbt spent on each node; the label names its status.", { kind: "bars", x: "seconds", y: "node", xType: "number", categories: d.slowest.map((n) => n.name), series, labels: true }, table("Slowest nodes", ["Node", "Type", "Status", "Seconds", "Step"], slowRows), Math.max(200, 70 + d.slowest.length * 26))}`;
}

/**
 * Renders the status site (pure): `index.html` (every tenant), one page per
 * tenant, `orchestrator.html`, `dbt.html`, the stylesheet, the page script
 * and the chart library's file, so nothing is fetched from elsewhere at view
 * time. Every chart's data is JSON inside its page, with the same data as a
 * table behind it.
 *
 * @param data The site data.
 * @param options The chart library's code (Chart.js's UMD build).
 * @returns Path (relative to the site root) → content.
 * @example
 * ```ts
 * import { renderSite } from "./render-site.ts";
 * import { buildSiteData } from "./site-data.ts";
 * import { createSiteHistory } from "./site-history.ts";
 * const data = buildSiteData({ history: createSiteHistory({ detailSince: 0 }).history, state: { schema_version: 1, updated_at: "2026-11-23T12:00:00.000Z", tenants: {} }, open: [], spans: [], now: 0, detailDays: 7, tenants: ["acme"], sla: { airbyteFreshMinutes: 60, dbtFreshHours: 24 } });
 * console.assert(renderSite(data, { chartLibrary: "" }).has("tenants/acme.html"));
 * ```
 */
export function renderSite(data: SiteData, options: { chartLibrary: string }): Map<string, string> {
  const files = new Map<string, string>();
  const at = data.generatedAt;
  files.set("index.html", page({ title: "Overview", root: "", active: "index.html", generatedAt: at, body: overview(data) }));
  for (const t of data.tenants) {
    files.set(tenantPagePath(t.slug), page({ title: t.slug, root: "../", active: "", generatedAt: at, body: tenantPage(data, t) }));
  }
  files.set("orchestrator.html", page({ title: "Orchestrator", root: "", active: "orchestrator.html", generatedAt: at, body: orchestratorPage(data) }));
  files.set("dbt.html", page({ title: "dbt", root: "", active: "dbt.html", generatedAt: at, body: dbtPage(data) }));
  files.set("assets/site.css", SITE_CSS);
  files.set("assets/site.js", SITE_SCRIPT);
  // The library's own source map is not shipped: drop the reference to it.
  files.set("assets/chart.umd.min.js", options.chartLibrary.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"));
  return files;
}
