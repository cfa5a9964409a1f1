import { formatDuration } from "../core/mod.ts";
import type { RunReport } from "../../schemas/report.ts";
import { classifyStatus, rowTone, type StatusTone } from "./classify-status.ts";
import { columnsOf, markdownCell, markdownRow, markdownTable } from "./_table.ts";

/** Options of {@link renderReportMarkdown}. */
export interface RenderMarkdownOptions {
  /** Largest output in UTF-8 bytes; rows past it are left out and counted. @default Infinity */
  maxBytes?: number;
  /** Put failing rows first (so they survive truncation). @default false */
  problemsFirst?: boolean;
  /** Heading level of the title. @default 2 */
  headingLevel?: number;
  /** Include the inputs block. @default true */
  showInputs?: boolean;
}

const ICON: Record<StatusTone, string> = { ok: "✅", warning: "⚠️", error: "❌", neutral: "•" };
const RANK: Record<StatusTone, number> = { error: 0, warning: 1, neutral: 2, ok: 3 };


/**
 * An ISO timestamp as `YYYY-MM-DD HH:MM:SS UTC`.
 *
 * @param iso The timestamp.
 * @returns The text.
 * @example
 * ```ts
 * import { formatUtc } from "./render-markdown.ts";
 * console.assert(formatUtc("2026-11-23T11:00:00.000Z") === "2026-11-23 11:00:00 UTC");
 * ```
 */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/**
 * Renders a run report as Markdown: title with the outcome, run facts, counts,
 * one table row per unit of work (with a status icon), messages and inputs.
 * With `maxBytes` the row table is cut to fit and the cut is said.
 *
 * @param report The run report.
 * @param options Size budget, ordering, heading level.
 * @returns The Markdown, ending in a newline.
 * @example
 * ```ts
 * import { renderReportMarkdown } from "./render-markdown.ts";
 * import { makeRunReport } from "./testing.ts";
 * console.assert(renderReportMarkdown(makeRunReport()).startsWith("## ✅ adops sync: ok"));
 * ```
 */
export function renderReportMarkdown(report: RunReport, options: RenderMarkdownOptions = {}): string {
  const { maxBytes = Number.POSITIVE_INFINITY, problemsFirst = false, headingLevel = 2, showInputs = true } = options;
  const h = "#".repeat(headingLevel);
  const tone = classifyStatus(report.status);
  const run = report.trigger.run_url ? `${markdownCell(report.run_id)} ([workflow run](${report.trigger.run_url}))` : markdownCell(report.run_id);
  const trigger = [report.trigger.kind, report.trigger.actor ? `by ${report.trigger.actor}` : "", report.trigger.ref ? `on ${report.trigger.ref}` : ""]
    .filter(Boolean).join(" ");
  const head = [
    `${h} ${ICON[tone]} adops ${report.command}: ${report.status}`,
    "",
    markdownTable(["Run", "Trigger", "Started", "Duration", "Exit code"], [[run, markdownCell(trigger), formatUtc(report.started_at), formatDuration(report.duration_seconds * 1000), String(report.exit_code)]]),
    "",
  ];
  const counts = Object.entries(report.summary);
  if (counts.length > 0) head.push(`**Summary:** ${counts.map(([k, v]) => `${markdownCell(k)} ${v}`).join(" · ")}`, "");

  const tail: string[] = [];
  if (report.messages && report.messages.length > 0) tail.push(`${h}# Messages`, "", ...report.messages.map((m) => `- ${markdownCell(m, 1000)}`), "");
  if (showInputs && Object.keys(report.inputs).length > 0) {
    tail.push("<details><summary>Inputs</summary>", "", "```json", JSON.stringify(report.inputs, null, 2), "```", "", "</details>", "");
  }

  let rows = report.rows.map((row, index) => ({ row, index, tone: rowTone(row) }));
  if (problemsFirst) rows = rows.sort((a, b) => RANK[a.tone] - RANK[b.tone] || a.index - b.index);
  const columns = columnsOf(report.rows);
  const body: string[] = [];
  if (rows.length > 0) {
    body.push(`${h}# Rows (${rows.length})`, "", markdownRow(["", ...columns.map((c) => markdownCell(c))]), markdownRow(["---", ...columns.map(() => "---")]));
    let used = bytes([...head, ...body, ...tail].join("\n")) + 200;
    let shown = 0;
    for (const { row, tone: t } of rows) {
      const line = markdownRow([ICON[t], ...columns.map((c) => markdownCell(row[c]))]);
      const size = bytes(line) + 1;
      if (used + size > maxBytes) break;
      body.push(line);
      used += size;
      shown += 1;
    }
    if (shown < rows.length) body.push("", `_${rows.length - shown} more row(s) left out to stay under the size limit; the full report is in the run's artifact._`);
    body.push("");
  }
  return `${[...head, ...body, ...tail].join("\n").trimEnd()}\n`;
}
