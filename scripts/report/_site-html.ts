// HTML helpers of the status site (private to scripts/report).
import type { StatusTone } from "./classify-status.ts";

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `YYYY-MM-DD HH:MM` UTC, or an em dash. */
export function minute(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const t = typeof value === "number" ? value : Date.parse(value);
  if (Number.isNaN(t)) return "—";
  return new Date(t).toISOString().slice(0, 16).replace("T", " ");
}

/** A ratio as a percentage with one decimal, or an em dash when unknown. */
export function percent(ratio: number | null): string {
  return ratio === null ? "—" : `${(Math.floor(ratio * 1000) / 10).toFixed(1)}%`;
}

/** The word and symbol a tone reads as: colour is never the only signal. */
export const TONE_MARK: Record<StatusTone, string> = { ok: "✓", warning: "▲", error: "✕", neutral: "•" };

/** A status badge: symbol and word, with the tone for colour. */
export function badge(status: string | null | undefined, tone: StatusTone): string {
  if (status === null || status === undefined) return `<span class="badge neutral">— no run</span>`;
  return `<span class="badge ${tone}"><span aria-hidden="true">${TONE_MARK[tone]}</span> ${esc(status)}</span>`;
}

/** A table with a caption; cells are HTML already. */
export function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], options: { id?: string; empty?: string } = {}): string {
  if (rows.length === 0) return `<p class="empty">${esc(options.empty ?? "Nothing to show.")}</p>`;
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`).join("\n");
  return `<div class="table-wrap"><table${options.id ? ` id="${esc(options.id)}"` : ""}><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** One series of a chart, in the site's own small format (the page script maps it to Chart.js). */
export interface ChartSeries {
  label: string;
  /** Colour: a tone, or a palette index. */
  tone?: StatusTone;
  color?: number;
  /** Point shape (Chart.js pointStyle), so series differ by more than colour. */
  shape?: string;
  dash?: boolean;
  /** `[x, y]` points, or `[start, end, category]` bars. */
  points: (readonly [number | null, number | string | null] | readonly [number, number, string])[];
}

/** A chart the page script draws from JSON. */
export interface ChartSpec {
  kind: "timeline" | "line" | "bars" | "gantt";
  /** Axis titles. */
  x: string;
  y: string;
  /** `time` (epoch ms, UTC ticks), `seconds` from the first start, or plain numbers. */
  xType: "time" | "seconds" | "number" | "percent";
  /** Category axis values, top to bottom (timeline, bars, gantt). */
  categories?: string[];
  /** x range (epoch ms) for time charts. */
  min?: number;
  max?: number;
  series: ChartSeries[];
  /** Shaded bands (incidents): from, to (null: still open), label, tone. */
  bands?: { from: number; to: number | null; label: string; tone: StatusTone }[];
  /** Labels drawn at bars' ends or next to bad points. */
  labels?: boolean;
  /** Line charts: markers only, no lines between runs. */
  points?: boolean;
}

/**
 * A chart figure: a caption, the canvas (role img, with a description), the
 * JSON the page script draws from, and the table behind it.
 */
export function figure(id: string, title: string, description: string, spec: ChartSpec, tableHtml: string, height = 260): string {
  const json = JSON.stringify(spec).replace(/</g, "\\u003c");
  return `<figure class="chart" id="${esc(id)}" data-series="${spec.series.length}">
<figcaption><h3>${esc(title)}</h3><p>${esc(description)}</p></figcaption>
<div class="canvas-box" data-height="${height}"><canvas role="img" aria-label="${esc(`${title}. ${description}`)}" data-chart="${esc(id)}-data">${esc(description)}</canvas></div>
<script type="application/json" id="${esc(id)}-data">${json}</script>
<details class="behind"><summary>Table: ${esc(title)}</summary>${tableHtml}</details>
</figure>`;
}

/** The page around the content: nav, light/dark, the chart library and the page script. */
export function page(options: { title: string; root: string; active: string; generatedAt: string; body: string }): string {
  const { root } = options;
  const nav = [["index.html", "Overview"], ["orchestrator.html", "Orchestrator"], ["dbt.html", "dbt"]]
    .map(([href, label]) => `<a href="${root}${href}"${options.active === href ? ' aria-current="page"' : ""}>${label}</a>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'">
<title>${esc(options.title)} · adops status</title>
<link rel="stylesheet" href="${root}assets/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><p class="brand"><a href="${root}index.html">adops status</a></p><nav aria-label="Site">${nav}</nav></header>
<main id="main">
${options.body}
</main>
<footer><p>Built ${esc(minute(options.generatedAt))} UTC from the committed run reports. All times UTC. Every chart has its table.</p></footer>
<script src="${root}assets/chart.umd.min.js"></script>
<script src="${root}assets/site.js"></script>
</body>
</html>
`;
}
