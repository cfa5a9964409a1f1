// Bench: the status site for 50 tenants x 90 days of reports (issue #14's
// goals: built in under 30 s, an overview under 1 MB). Generates the report
// folder on disk as the workflows leave it (hourly sync reports, one per matrix
// job of 4 tenants; health every 30 minutes; a nightly dbt build and
// orchestrator run; days past the 30-day retention rolled into monthly
// summaries), then times `buildSite` reading it from disk and writing the site.
// The floor is reading and JSON.parse of the same report files alone, in the
// same process: the ratio is what the site's own work costs on top.
// Run: npm run bench:site [-- --tenants 50 --days 90 --retention 30 --keep]
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { buildSite, listFilesDeep } from "../report/mod.ts";
import { BENCH_NOW, reportFolderArgs, writeReportFolder } from "./_report-folder.ts";
import { createNodeFiles } from "../runtime/files.ts";

const { tenantCount, days, retentionDays, keep } = reportFolderArgs();
const GOAL_SECONDS = 30;
const GOAL_BYTES = 1024 * 1024;

const root = await mkdtemp(join(tmpdir(), "adops-bench-site-"));
const files = createNodeFiles(root);
const { tenants } = await writeReportFolder(root, { tenantCount, days, retentionDays });
const now = BENCH_NOW;
let t = performance.now();

const chartLibrary = await readFile("node_modules/chart.js/dist/chart.umd.min.js", "utf8");
const opened: string[] = [];
t = performance.now();
const paths = await listFilesDeep(files, "reports");
const site = await buildSite((p) => {
  opened.push(p);
  return files.tryReadText(p);
}, { dir: "reports", paths, now, tenants, chartLibrary });
for (const [path, content] of site.files) await files.writeText(`site/${path}`, content);
const build = (performance.now() - t) / 1000;

// The floor: read and JSON.parse the same files, nothing else.
t = performance.now();
for (const p of opened) {
  const text = await files.tryReadText(p);
  if (text !== undefined) JSON.parse(text);
}
const floor = (performance.now() - t) / 1000;

const size = (path: string) => new TextEncoder().encode(site.files.get(path) ?? "").byteLength;
const parts = ["index.html", "assets/site.css", "assets/site.js", "assets/chart.umd.min.js"].map((p) => [p, size(p)] as const);
const overview = parts.reduce((n, [, b]) => n + b, 0);
const tenantPages = [...site.files.keys()].filter((p) => p.startsWith("tenants/"));
const largestTenant = Math.max(...tenantPages.map(size));

console.log(`build: ${build.toFixed(2)} s (goal < ${GOAL_SECONDS} s) from ${site.reports} reports (${opened.length} files opened of ${paths.length}), ${site.files.size} files written`);
console.log(`floor (read + JSON.parse of the same files): ${floor.toFixed(2)} s; build / floor = ${(build / floor).toFixed(2)}x`);
console.log(`overview page weight: ${(overview / 1024).toFixed(0)} KiB (goal < 1024 KiB): ${parts.map(([p, b]) => `${p} ${(b / 1024).toFixed(1)} KiB`).join(", ")}`);
console.log(`tenant pages: ${tenantPages.length}, largest ${(largestTenant / 1024).toFixed(0)} KiB (+ the same shared assets)`);
console.log(`memory: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
if (keep) console.log(`kept ${root} (site in ${join(root, "site/index.html")})`);
else await rm(root, { recursive: true, force: true });
if (build >= GOAL_SECONDS || overview >= GOAL_BYTES) {
  console.error("Goal missed");
  process.exitCode = 1;
}
