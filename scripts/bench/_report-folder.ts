// The generated report folder bench:site and bench:ops read: 50 tenants × 90 days by default.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { generateReportHistory } from "../report/testing.ts";

/** The fixed instant the generated history ends at (so runs compare). */
export const BENCH_NOW = Date.UTC(2026, 10, 23, 17, 0);

/**
 * Writes `days` of generated reports for `tenantCount` tenants under `root` (hourly syncs,
 * health every 30 minutes, nightly dbt and orchestrator; days past `retentionDays` rolled
 * into monthly summaries) and prints what it wrote.
 *
 * @param root The report folder.
 * @param options Tenants, days and retention.
 * @returns The tenant slugs, files and bytes written.
 */
export async function writeReportFolder(root: string, options: { tenantCount: number; days: number; retentionDays: number }): Promise<{ tenants: string[]; files: number; bytes: number }> {
  const tenants = Array.from({ length: options.tenantCount }, (_, i) => `tenant-${String(i + 1).padStart(2, "0")}`);
  const t = performance.now();
  let files = 0;
  let bytes = 0;
  for (const [path, text] of generateReportHistory({ tenants, days: options.days, now: BENCH_NOW, retentionDays: options.retentionDays, staleTenant: tenants[1] ?? "tenant-02" })) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
    files += 1;
    bytes += text.length;
  }
  console.log(`generated ${files} files (${(bytes / 1e6).toFixed(0)} MB) for ${options.tenantCount} tenants x ${options.days} days in ${((performance.now() - t) / 1000).toFixed(1)} s (retention ${options.retentionDays} days, older days in monthly summaries)`);
  return { tenants, files, bytes };
}

/** The report folder's flags: `--tenants 50 --days 90 --retention 30 --keep`. */
export interface ReportFolderArgs {
  tenantCount: number;
  days: number;
  retentionDays: number;
  /** Keep the temporary folder at the end. */
  keep: boolean;
}

/**
 * Reads the flags both report benches take from the command line.
 *
 * @returns The tenants, days, retention and whether to keep the folder.
 */
export function reportFolderArgs(): ReportFolderArgs {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string", default: "50" },
      days: { type: "string", default: "90" },
      retention: { type: "string", default: "30" },
      keep: { type: "boolean", default: false },
    },
  });
  return { tenantCount: Number(values.tenants), days: Number(values.days), retentionDays: Number(values.retention), keep: values.keep };
}
