import type { RunReport } from "../../schemas/report.ts";
import { buildStatusPage } from "./build-status-page.ts";
import { type CommitBase, commitFiles, type CommitFilesOptions, type FileChange, gitBlobSha, type GitDataApi } from "../commit/mod.ts";
import { parseRunReport } from "./parse-run-report.ts";
import { DEFAULT_INCIDENTS_PATH } from "./read-incidents.ts";
import { renderReportJson } from "./render-json.ts";
import { planRollup } from "./rollup-reports.ts";

/** A report file of this run, as read from disk. */
export interface LocalReportFile {
  /** Path from the repository root (`reports/2026/11/23/<run>-sync.json`). */
  path: string;
  /** Its text. */
  text: string;
}

/** Options of {@link commitReports}. */
export interface CommitReportsOptions
  extends Pick<CommitFilesOptions, "branch" | "clock" | "signal" | "maxAttempts" | "baseDelayMs" | "maxDelayMs" | "random" | "onRetry"> {
  /** The run's dated report files (others already on the branch are skipped). */
  reports: readonly LocalReportFile[];
  /** More files to commit as they are (e.g. the orchestrator's execution report); last writer wins. @default [] */
  extraFiles?: readonly LocalReportFile[];
  /** The report folder in the repository. @default "reports" */
  dir?: string;
  /** Commit message. @default "Reports: <commands> (<run ids>)" */
  message?: string;
  /** Roll daily folders older than this many days into monthly summaries; off when undefined. */
  retentionDays?: number;
  /** The incident state file. @default "reports/state/incidents.json" */
  incidentsPath?: string;
  /** Tenants to list on the status page even before any run mentions them. @default [] */
  tenants?: readonly string[];
}

/** What {@link commitReports} did. */
export interface CommitReportsResult {
  /** The commit, or undefined when the branch already had everything. */
  sha: string | undefined;
  /** Attempts (1 when no other run got in the way). */
  attempts: number;
  /** Paths the commit wrote or deleted. */
  files: string[];
  /** This run's reports that were new on the branch. */
  newReports: string[];
  /** Days rolled up into monthly summaries. */
  rolledUpDays: string[];
  /** Files skipped or kept, and why. */
  problems: string[];
}

const DATED = /\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.json$/;

function dedupe(changes: readonly FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>();
  for (const change of changes) byPath.set(change.path, change);
  return [...byPath.values()];
}

/**
 * Commits a run's reports to the branch as ONE commit: the dated report files
 * missing there, `latest/<command>.json` when this run is newer than what is
 * there, `status.json` + `STATUS.md` rebuilt from the branch's state plus this
 * run, and (with `retentionDays`) expired daily folders rolled up into
 * `YYYY/MM/summary.json`. Everything is decided from the branch as each
 * attempt reads it, so when another run moved the branch the whole
 * read-modify-write is redone and no report is lost.
 *
 * @param api The git data API.
 * @param options The run's reports, branch, folder, retention, clock.
 * @returns The commit and what it changed.
 * @throws {CommitConflictError} When every attempt lost the race.
 * @example
 * ```ts ignore
 * const result = await commitReports(api, { reports, branch: "main", clock, retentionDays: 30 });
 * ```
 */
export async function commitReports(api: GitDataApi, options: CommitReportsOptions): Promise<CommitReportsResult> {
  const dir = options.dir ?? "reports";
  const parsed: { file: LocalReportFile; report: RunReport }[] = [];
  const problems: string[] = [];
  for (const file of options.reports) {
    if (!DATED.test(file.path) || !file.path.startsWith(`${dir}/`)) continue;
    const result = parseRunReport(file.text);
    if (result.ok) parsed.push({ file, report: result.value });
    else problems.push(`Skipped ${file.path}: ${result.issues[0]}`);
  }
  const runs = [...new Set(parsed.map((p) => p.report.run_id))].sort();
  const commands = [...new Set(parsed.map((p) => p.report.command))].sort();
  const message = options.message ?? `Reports: ${commands.join(", ") || "status"} (${runs.join(", ") || "no new runs"})`;
  let outcome = { newReports: [] as string[], rolledUpDays: [] as string[], problems: [] as string[] };

  async function build(base: CommitBase): Promise<FileChange[]> {
    const fresh: { file: LocalReportFile; report: RunReport }[] = [];
    for (const p of parsed) {
      const ours = gitBlobSha(p.file.text);
      const theirs = base.files.get(p.file.path);
      if (theirs === ours) continue;
      if (theirs === undefined) {
        fresh.push(p);
        continue;
      }
      // Same run id and command but other content: another job of the same
      // workflow run (a matrix) got there first. Keep both, under a name
      // derived from our content so a second commit of this run is a no-op.
      const alt = p.file.path.replace(/\.json$/, `-${ours.slice(0, 8)}.json`);
      if (base.files.get(alt) !== ours) fresh.push({ file: { path: alt, text: p.file.text }, report: p.report });
    }
    const changes: FileChange[] = fresh.map((p) => ({ path: p.file.path, content: p.file.text }));
    for (const file of options.extraFiles ?? []) changes.push({ path: file.path, content: file.text });
    const now = new Date(options.clock.now()).toISOString();
    const latestNames = [...base.files.keys()].filter((p) => p.startsWith(`${dir}/latest/`)).map((p) => p.slice(dir.length + 8));
    // Files this commit writes as they are (the incident state) count as already there.
    const overlay = new Map((options.extraFiles ?? []).map((f) => [f.path, f.text]));
    const read = (path: string) => (overlay.has(path) ? Promise.resolve(overlay.get(path)) : base.read(path));
    const status = await buildStatusPage(read, {
      dir,
      latestNames,
      extra: fresh.map((p) => p.report),
      incidentsPath: options.incidentsPath ?? DEFAULT_INCIDENTS_PATH,
      now,
      ...(options.tenants ? { tenants: options.tenants } : {}),
      // The branch's dated reports (this commit's come in as `extra`): the last 7 days' SLA attainment.
      paths: base.files.keys(),
    });
    for (const p of fresh) {
      if (status.latest.get(p.report.command) === p.report) changes.push({ path: `${dir}/latest/${p.report.command}.json`, content: renderReportJson(p.report) });
    }
    const rolled = { days: [] as string[], problems: [] as string[] };
    if (options.retentionDays !== undefined) {
      const ours = new Map(fresh.map((p) => [p.file.path, p.file.text]));
      const plan = await planRollup((path) => (ours.has(path) ? Promise.resolve(ours.get(path)) : base.read(path)), {
        dir,
        now: options.clock.now(),
        retentionDays: options.retentionDays,
        paths: new Set([...base.files.keys(), ...ours.keys()]),
      });
      changes.push(...plan.changes);
      rolled.days = plan.days;
      rolled.problems = plan.problems;
    }
    // Only touch the status page when something else changed or it never existed.
    if (changes.length > 0 || !base.files.has(status.page.path)) changes.push(status.state, status.page);
    outcome = { newReports: fresh.map((p) => p.file.path).sort(), rolledUpDays: rolled.days, problems: [...status.problems, ...rolled.problems] };
    return dedupe(changes);
  }

  // The branch, clock and retry options pass through as they are.
  const result = await commitFiles(api, { ...options, message, build });
  return { sha: result.sha, attempts: result.attempts, files: result.changed, ...outcome, problems: [...problems, ...outcome.problems] };
}
