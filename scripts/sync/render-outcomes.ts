import type { SyncOutcome } from "./sync-outcome.ts";
import { formatBytes } from "../core/mod.ts";

function seconds(outcome: SyncOutcome): string {
  if (outcome.startedAt === undefined || outcome.endedAt === undefined) return "";
  const s = Math.round((outcome.endedAt - outcome.startedAt) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/**
 * Renders a run's outcomes as a plain-text table for the terminal: one line
 * per connection with trigger, status, job, attempts, duration, records and
 * bytes, then the reason or failure.
 *
 * @param outcomes The outcomes.
 * @returns The table (no trailing newline).
 * @example
 * ```ts ignore
 * ctx.out(renderOutcomes(result.outcomes));
 * ```
 */
export function renderOutcomes(outcomes: readonly SyncOutcome[]): string {
  const header = ["TENANT", "CONNECTION", "TRIGGER", "STATUS", "JOB", "TRIES", "TIME", "RECORDS", "BYTES", "DETAIL"];
  const rows = outcomes.map((o) => {
    const flags = [o.lostAnswers > 0 ? `trigger answer lost, attached to the job it started${o.lostAnswers > 1 ? ` (${o.lostAnswers} times)` : ""}` : "", o.flags.emptySync ? "empty sync" : "", o.flags.alert ? `${o.flags.consecutiveFailures} failures in a row` : ""].filter(Boolean);
    const failure = o.failure !== undefined && o.status !== "succeeded" ? `${o.failure.type ?? "failure"}: ${o.failure.message ?? ""}` : "";
    const detail = [o.reason ?? "", failure && !(o.reason ?? "").includes(o.failure?.message ?? "\u0000") ? failure : "", ...flags].filter(Boolean).join("; ");
    return [
      o.tenant,
      o.template,
      o.trigger,
      o.status,
      o.jobId === undefined ? "" : String(o.jobId),
      o.attempts === 0 ? "" : String(o.attempts),
      seconds(o),
      o.jobId === undefined ? "" : o.recordsCommitted.toLocaleString("en-US"),
      o.jobId === undefined ? "" : formatBytes(o.bytesCommitted),
      detail,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
