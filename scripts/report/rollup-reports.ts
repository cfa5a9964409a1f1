import { type MonthlySummary, MonthlySummarySchema, type RunReport } from "../../schemas/report.ts";
import type { FileChange } from "../commit/mod.ts";
import { parseJsonWith, parseRunReport } from "./parse-run-report.ts";
import type { ReadFile } from "./build-status-page.ts";

const DAY_MS = 86_400_000;

/** Options of {@link expiredDays} and {@link planRollup}. */
export interface RollupOptions {
  /** The report folder. @default "reports" */
  dir?: string;
  /** Now (epoch ms). */
  now: number;
  /** Whole days a daily folder is kept after its day ended. */
  retentionDays: number;
}

function checkRetention(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Cannot roll up: retention days must be a whole number >= 0, got '${days}'`);
}

function dayPattern(dir: string): RegExp {
  return new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+\\.json$`);
}

/**
 * The daily folders (`YYYY/MM/DD`) whose day ended more than `retentionDays`
 * whole days ago: with 30, the folder of 1 October expires at 1 November 00:00 UTC.
 *
 * @param paths Every file path under the repository (or the folder).
 * @param options Folder, now and retention.
 * @returns The expired days, sorted.
 * @throws {RangeError} When retention is not a whole number >= 0.
 * @example
 * ```ts
 * import { expiredDays } from "./rollup-reports.ts";
 * const days = expiredDays(["reports/2026/10/01/r-sync.json", "reports/2026/11/22/r-sync.json"], { now: Date.UTC(2026, 10, 23), retentionDays: 30 });
 * console.assert(days.length === 1 && days[0] === "2026/10/01");
 * ```
 */
export function expiredDays(paths: Iterable<string>, options: RollupOptions): string[] {
  checkRetention(options.retentionDays);
  const pattern = dayPattern(options.dir ?? "reports");
  const days = new Set<string>();
  for (const path of paths) {
    const m = path.match(pattern);
    if (m === null) continue;
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (start + (options.retentionDays + 1) * DAY_MS <= options.now) days.add(`${m[1]}/${m[2]}/${m[3]}`);
  }
  return [...days].sort();
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Adds run reports to a month's summary (pure). A run already rolled up (same
 * run id and command) is not counted twice, so rolling up again is harmless.
 *
 * @param existing The month's summary so far, or undefined.
 * @param month `YYYY-MM`.
 * @param reports The reports to add.
 * @returns The new summary.
 * @example
 * ```ts
 * import { rollupMonth } from "./rollup-reports.ts";
 * import { makeRunReport } from "./testing.ts";
 * const once = rollupMonth(undefined, "2026-11", [makeRunReport()]);
 * console.assert(rollupMonth(once, "2026-11", [makeRunReport()]).runs === 1);
 * ```
 */
export function rollupMonth(existing: MonthlySummary | undefined, month: string, reports: readonly RunReport[]): MonthlySummary {
  const out: MonthlySummary = existing === undefined
    ? { schema_version: 1, month, runs: 0, by_command: {}, by_day: {}, problems: [], run_ids: [] }
    : structuredClone(existing);
  const seen = new Set(out.run_ids);
  for (const report of [...reports].sort((a, b) => a.started_at.localeCompare(b.started_at))) {
    const id = `${report.run_id}-${report.command}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.runs += 1;
    const cmd = out.by_command[report.command] ?? { runs: 0, statuses: {}, duration_seconds: 0, summary: {} };
    cmd.runs += 1;
    cmd.statuses[report.status] = (cmd.statuses[report.status] ?? 0) + 1;
    cmd.duration_seconds = Math.round((cmd.duration_seconds + report.duration_seconds) * 1000) / 1000;
    for (const [k, v] of Object.entries(report.summary)) cmd.summary[k] = (cmd.summary[k] ?? 0) + v;
    cmd.statuses = sortKeys(cmd.statuses);
    cmd.summary = sortKeys(cmd.summary);
    out.by_command[report.command] = cmd;
    const dayKey = report.started_at.slice(0, 10);
    const day = out.by_day[dayKey] ?? { runs: 0, statuses: {} };
    day.runs += 1;
    day.statuses[report.status] = (day.statuses[report.status] ?? 0) + 1;
    day.statuses = sortKeys(day.statuses);
    out.by_day[dayKey] = day;
    if (report.status !== "ok") {
      out.problems.push({
        run_id: report.run_id,
        command: report.command,
        started_at: report.started_at,
        status: report.status,
        exit_code: report.exit_code,
        ...(report.trigger.run_url ? { run_url: report.trigger.run_url } : {}),
      });
    }
  }
  out.by_command = sortKeys(out.by_command);
  out.by_day = sortKeys(out.by_day);
  out.problems.sort((a, b) => a.started_at.localeCompare(b.started_at) || a.run_id.localeCompare(b.run_id));
  out.run_ids = [...seen].sort();
  return out;
}

/** What a rollup will change. */
export interface RollupPlan {
  /** Summaries to write and daily files to delete. */
  changes: FileChange[];
  /** The days rolled up (`YYYY/MM/DD`). */
  days: string[];
  /** Reports folded in (not counting ones already in a summary). */
  reports: number;
  /** Files kept because they could not be read, and months skipped. */
  problems: string[];
}

/**
 * Plans the rollup of expired daily folders into `<dir>/YYYY/MM/summary.json`
 * (merging into the summary already there) and the deletion of their report
 * files. Unreadable reports are kept and listed; a month whose summary cannot
 * be read is skipped entirely, so no history is ever dropped.
 *
 * @param read Reads a file (disk or branch), undefined when absent.
 * @param options Every file path, folder, now and retention.
 * @returns The changes to apply.
 * @example
 * ```ts ignore
 * const plan = await planRollup(read, { paths, now: clock.now(), retentionDays: 30 });
 * ```
 */
export async function planRollup(read: ReadFile, options: RollupOptions & { paths: Iterable<string> }): Promise<RollupPlan> {
  const dir = options.dir ?? "reports";
  const all = [...options.paths];
  const days = expiredDays(all, options);
  const pattern = dayPattern(dir);
  const byMonth = new Map<string, string[]>();
  for (const path of all) {
    const m = path.match(pattern);
    if (m === null || !days.includes(`${m[1]}/${m[2]}/${m[3]}`)) continue;
    const month = `${m[1]}/${m[2]}`;
    byMonth.set(month, [...(byMonth.get(month) ?? []), path]);
  }
  const plan: RollupPlan = { changes: [], days: [], reports: 0, problems: [] };
  for (const [month, paths] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const summaryPath = `${dir}/${month}/summary.json`;
    const text = await read(summaryPath);
    let existing: MonthlySummary | undefined;
    if (text !== undefined) {
      const parsed = parseJsonWith(MonthlySummarySchema, text);
      if (!parsed.ok) {
        plan.problems.push(`Skipped month '${month}': cannot read ${summaryPath}: ${parsed.issues[0]}`);
        continue;
      }
      existing = parsed.value;
    }
    const reports: RunReport[] = [];
    const done: string[] = [];
    for (const path of paths.sort()) {
      const body = await read(path);
      const parsed = body === undefined ? undefined : parseRunReport(body);
      if (parsed?.ok) {
        reports.push(parsed.value);
        done.push(path);
      } else plan.problems.push(`Kept ${path}: ${parsed === undefined ? "cannot read it" : parsed.issues[0]}`);
    }
    const before = existing?.runs ?? 0;
    const summary = rollupMonth(existing, month.replace("/", "-"), reports);
    plan.reports += summary.runs - before;
    plan.changes.push({ path: summaryPath, content: `${JSON.stringify(summary, null, 2)}\n` });
    for (const path of done) plan.changes.push({ path, content: null });
    plan.days.push(...new Set(done.map((p) => p.slice(dir.length + 1, dir.length + 11))));
  }
  plan.days.sort();
  return plan;
}
