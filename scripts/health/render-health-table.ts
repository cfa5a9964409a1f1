import { allChecks, type HealthDocument } from "./health-document.ts";
import type { HealthCheck } from "./types.ts";

const ORDER = { critical: 0, warning: 1, ok: 2 } as const;
const MARK = { critical: "✗", warning: "!", ok: "✓" } as const;

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Renders the health document as a terminal table: one line per check, worst
 * first, then the overall status. With `problemsOnly`, ok checks are left out.
 *
 * @param doc The document.
 * @param options Whether to hide ok checks, and the width of the detail column.
 * @returns The table text.
 * @example
 * ```ts
 * import { buildHealthDocument } from "./health-document.ts";
 * import { renderHealthTable } from "./render-health-table.ts";
 * console.assert(renderHealthTable(buildHealthDocument([], { now: 0, tenants: [] })).includes("healthy"));
 * ```
 */
export function renderHealthTable(doc: HealthDocument, options: { problemsOnly?: boolean; detailWidth?: number } = {}): string {
  const checks = allChecks(doc)
    .filter((c) => !options.problemsOnly || c.severity !== "ok")
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.tenant ?? "~").localeCompare(b.tenant ?? "~"));
  const rows = checks.map((c: HealthCheck) => [
    `${MARK[c.severity]} ${c.tenant ?? "(platform)"}`,
    c.check,
    cut(c.subject, 40),
    c.status,
    c.since === null ? "" : c.since.slice(0, 16).replace("T", " "),
    cut(c.message, options.detailWidth ?? 90),
  ]);
  const head = ["TENANT", "CHECK", "SUBJECT", "STATUS", "SINCE (UTC)", "DETAIL"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join("  ").trimEnd();
  const { summary } = doc;
  const footer = `Health: ${doc.status.toUpperCase()} at ${doc.checked_at} (${summary.checks} checks: ${summary.ok} ok, ${summary.warning} warning, ${summary.critical} critical)`;
  const tenants = doc.tenants.map((t) => `  ${t.tenant}: ${t.status}${t.snapshot_lag_minutes === null ? "" : `, snapshot lag ${Math.round(t.snapshot_lag_minutes)} min`}`);
  return [line(head), ...rows.map(line), "", footer, ...tenants, `  platform: ${doc.platform.status}`].join("\n");
}
