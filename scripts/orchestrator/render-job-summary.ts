import type { ExecutionReport, ExecutionReportRow } from "./execution-report.ts";

const ICON: Record<ExecutionReportRow["status"], string> = {
  completed: "✅",
  failed: "❌",
  timed_out: "⏱️",
  interrupted: "⛔",
  skipped: "⏭️",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function ganttLabel(text: string): string {
  return text.replace(/[:;#]/g, " ").trim();
}

/**
 * A Mermaid gantt chart of the steps that ran, on their real start and end
 * times (shown in the reader's time zone; failures drawn as critical).
 *
 * @param report The execution report.
 * @returns The fenced Mermaid block, or an empty string when nothing ran.
 * @example
 * ```ts
 * import { renderGantt } from "./render-job-summary.ts";
 * console.assert(renderGantt({ platforms: [] }) === "");
 * ```
 */
export function renderGantt(report: Pick<ExecutionReport, "platforms">): string {
  const ran = report.platforms.filter((p) => p.started_at !== null && p.ended_at !== null);
  if (ran.length === 0) return "";
  const lines = ["```mermaid", "gantt", "  title Orchestrator run", "  dateFormat x", "  axisFormat %H:%M:%S", "  section Steps"];
  ran.forEach((p, i) => {
    const start = Date.parse(p.started_at as string);
    const end = Math.max(Date.parse(p.ended_at as string), start + 1);
    const tag = p.status === "completed" ? "done" : "crit";
    lines.push(`  ${ganttLabel(`${p.platform_name} (${p.status})`)} :${tag}, s${i}, ${start}, ${end}`);
  });
  lines.push("```");
  return lines.join("\n");
}

/**
 * The GitHub job summary: the seed's counts, a table with one row per step
 * and a Mermaid gantt chart of the run.
 *
 * @param report The execution report.
 * @param options Extra lines (warnings, report paths).
 * @returns Markdown.
 * @example
 * ```ts
 * import { renderJobSummary } from "./render-job-summary.ts";
 * const md = renderJobSummary({ started_at: "2026-01-01T00:00:00.000Z", ended_at: "2026-01-01T00:00:00.000Z", mode: "groups", exit_code: 1, platforms: [],
 *   summary: { total_platforms: 0, completed: 0, failed: 0, skipped: 0, timed_out: 0, interrupted: 0, disabled: 0, success_rate: 0, total_rows_processed: 0, total_duration_seconds: 0 } });
 * console.assert(md.startsWith("## Orchestrator"));
 * ```
 */
export function renderJobSummary(report: ExecutionReport, options: { notes?: readonly string[] } = {}): string {
  const s = report.summary;
  const out = [
    `## Orchestrator: ${s.completed}/${s.total_platforms} completed (exit ${report.exit_code})`,
    "",
    `Mode \`${report.mode}\` · failed ${s.failed} · skipped ${s.skipped} · success rate ${s.success_rate.toFixed(1)}% · ` +
    `${s.total_rows_processed.toLocaleString("en-US")} rows · ${s.total_duration_seconds.toFixed(2)}s`,
    "",
    "| Step | Platform | Status | Duration (s) | Rows | Tables | Retries | Note |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const p of report.platforms) {
    const note = p.skip_reason ?? p.error_message ?? "";
    out.push(
      `| ${cell(p.platform_name)} | ${p.platform_id ?? "-"} | ${ICON[p.status]} ${p.status} | ${p.duration_seconds.toFixed(2)} | ` +
        `${p.rows_processed.toLocaleString("en-US")} | ${p.tables_processed} | ${p.retry_count} | ${cell(note)} |`,
    );
  }
  const gantt = renderGantt(report);
  if (gantt !== "") out.push("", gantt);
  for (const note of options.notes ?? []) out.push("", `> ${cell(note)}`);
  return `${out.join("\n")}\n`;
}
