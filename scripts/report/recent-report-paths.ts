import type { Files } from "../core/mod.ts";

const DAY_MS = 86_400_000;

/**
 * Paths of the dated reports of the last `days` days (UTC day folders
 * `<dir>/YYYY/MM/DD/`, today's included), listing only those folders, so a
 * long history costs nothing to the status page. Missing folders are skipped.
 *
 * @param files File access.
 * @param dir The report folder.
 * @param options The clock reading (epoch ms) and how many days back.
 * @returns The paths, oldest day first.
 * @example
 * ```ts
 * import { recentReportPaths } from "./recent-report-paths.ts";
 * import { createMemoryFiles } from "./testing.ts";
 * const files = createMemoryFiles({ "r/2026/11/23/a-health.json": "{}", "r/2026/10/01/b-health.json": "{}" });
 * const paths = await recentReportPaths(files, "r", { now: Date.UTC(2026, 10, 23, 12), days: 7 });
 * console.assert(paths.length === 1 && paths[0] === "r/2026/11/23/a-health.json");
 * ```
 */
export async function recentReportPaths(files: Files, dir: string, options: { now: number; days: number }): Promise<string[]> {
  const out: string[] = [];
  const today = Math.floor(options.now / DAY_MS) * DAY_MS;
  for (let day = today - options.days * DAY_MS; day <= today; day += DAY_MS) {
    const folder = `${dir}/${new Date(day).toISOString().slice(0, 10).replace(/-/g, "/")}`;
    const names = await files.list(folder).catch(() => [] as string[]);
    for (const name of [...names].sort()) if (name.endsWith(".json")) out.push(`${folder}/${name}`);
  }
  return out;
}
