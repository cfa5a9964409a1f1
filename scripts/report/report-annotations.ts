import type { RunReport } from "../../schemas/report.ts";
import type { Annotation } from "../core/mod.ts";
import { classifyStatus, rowStatus, rowTone } from "./classify-status.ts";
import { rowLabel, rowMessage } from "./_table.ts";

/**
 * The annotations of a run, from its report: one `error` per failing row and
 * one `warning` per row that needs a look, each capped (GitHub shows only 10 of
 * each level per step; the last slot then says how many more there are), plus
 * a `notice` with the outcome when the run was not ok but no row explains it.
 *
 * @param report The run report.
 * @param options How many annotations per level.
 * @returns The annotations (a command's `annotations`).
 * @example
 * ```ts
 * import { annotationsFromReport } from "./report-annotations.ts";
 * import { makeRunReport } from "./testing.ts";
 * const a = annotationsFromReport(makeRunReport({ rows: [{ tenant: "acme", connection: "meta", status: "failed", message: "401" }] }));
 * console.assert(a[0]?.level === "error" && a[0].message === "acme/meta: failed: 401");
 * ```
 */
export function annotationsFromReport(report: RunReport, options: { maxPerLevel?: number } = {}): Annotation[] {
  const max = Math.max(1, options.maxPerLevel ?? 10);
  const title = `adops ${report.command}`;
  const byLevel: Record<"error" | "warning", Annotation[]> = { error: [], warning: [] };
  for (const row of report.rows) {
    const status = rowStatus(row);
    const tone = rowTone(row);
    if (tone !== "error" && tone !== "warning") continue;
    const label = rowLabel(row);
    const message = rowMessage(row);
    byLevel[tone].push({ level: tone, title, message: `${label ? `${label}: ` : ""}${status}${message ? `: ${message}` : ""}` });
  }
  const out: Annotation[] = [];
  for (const level of ["error", "warning"] as const) {
    const list = byLevel[level];
    if (list.length <= max) out.push(...list);
    else out.push(...list.slice(0, max - 1), { level, title, message: `${list.length - max + 1} more ${level === "error" ? "failures" : "warnings"}; see the job summary` });
  }
  const runTone = classifyStatus(report.status);
  if (out.length === 0 && runTone !== "ok") {
    out.push({ level: runTone === "error" ? "error" : "warning", title, message: `Run ${report.run_id} ended '${report.status}' (exit ${report.exit_code})${report.messages?.[0] ? `: ${report.messages[0]}` : ""}` });
  }
  return out;
}
