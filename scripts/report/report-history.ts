import type { RunReport } from "../../schemas/report.ts";
import type { ReadFile } from "./build-status-page.ts";
import { parseRunReport } from "./parse-run-report.ts";

const DAY_MS = 86_400_000;

/** Options of {@link reportHistory}. */
export interface ReportHistoryOptions {
  /** Every file path under the report folder (e.g. from `listFilesDeep`). */
  paths: Iterable<string>;
  /** The report folder. @default "reports" */
  dir?: string;
  /** Only reports of days that end after this instant (epoch ms): the day folder decides, no file is opened for older days. */
  since: number;
  /** Only these commands (the `<run>-<command>.json` suffix decides). @default every command */
  commands?: readonly string[];
  /** Told about each file that cannot be read or parsed (it is skipped). @default ignore */
  onProblem?: (message: string) => void;
}

/** One dated report of the history. */
export interface HistoryEntry {
  /** Its path. */
  path: string;
  /** The report. */
  report: RunReport;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The dated run reports (`<dir>/YYYY/MM/DD/<run>-<command>.json`) of the days
 * since `since`, oldest day first, read one at a time through `read` so a long
 * history never sits in memory at once. Days rolled into monthly summaries are
 * not listed any more and so are not read; `latest/` and other files are skipped.
 *
 * @param read Reads a file (disk or branch), undefined when absent.
 * @param options Paths, folder, the first instant and the commands wanted.
 * @returns The reports, one by one.
 * @example
 * ```ts
 * import { reportHistory } from "./report-history.ts";
 * import { makeRunReport } from "./testing.ts";
 * const files = new Map([["reports/2026/11/23/gh-100-1-sync.json", JSON.stringify(makeRunReport())]]);
 * const found = [];
 * for await (const e of reportHistory((p) => Promise.resolve(files.get(p)), { paths: files.keys(), since: Date.UTC(2026, 10, 22) })) found.push(e);
 * console.assert(found.length === 1);
 * ```
 */
export async function* reportHistory(read: ReadFile, options: ReportHistoryOptions): AsyncGenerator<HistoryEntry> {
  const dir = options.dir ?? "reports";
  const pattern = new RegExp(`^${escape(dir)}/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+\\.json$`);
  const commands = options.commands === undefined ? undefined : new Set(options.commands);
  const wanted: { path: string; day: number }[] = [];
  for (const path of options.paths) {
    const m = path.match(pattern);
    if (m === null) continue;
    const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (day + DAY_MS <= options.since) continue;
    if (commands !== undefined) {
      const name = path.slice(path.lastIndexOf("/") + 1, -".json".length);
      if (![...commands].some((c) => name.endsWith(`-${c}`))) continue;
    }
    wanted.push({ path, day });
  }
  wanted.sort((a, b) => a.day - b.day || a.path.localeCompare(b.path));
  for (const { path } of wanted) {
    const text = await read(path);
    if (text === undefined) {
      options.onProblem?.(`Skipped ${path}: cannot read it`);
      continue;
    }
    const parsed = parseRunReport(text);
    if (parsed.ok) yield { path, report: parsed.value };
    else options.onProblem?.(`Skipped unreadable ${path}: ${parsed.issues[0]}`);
  }
}
