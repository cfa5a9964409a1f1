// Builders and fakes for tests of reports (and of commands that write reports).
import type { SyncReportRow } from "../../schemas/report-rows/sync.ts";
import type { RunReport } from "../../schemas/report.ts";
import type { Files } from "../core/mod.ts";

/** A run report with sensible defaults: a successful sync with two rows. */
export function makeRunReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    schema_version: 1,
    run_id: "gh-100-1",
    command: "sync",
    trigger: { kind: "schedule", run_url: "https://github.com/acme/adops/actions/runs/100/attempts/1" },
    started_at: "2026-11-23T11:00:00.000Z",
    ended_at: "2026-11-23T11:04:30.000Z",
    duration_seconds: 270,
    inputs: { tenant: "all" },
    exit_code: 0,
    status: "ok",
    summary: { succeeded: 2, failed: 0 },
    rows: [
      { tenant: "acme", connection: "meta_metrics", status: "succeeded", records: 1200 },
      { tenant: "globex", connection: "google_ads_metrics", status: "succeeded", records: 800 },
    ],
    ...overrides,
  };
}

/** A row of an `adops sync` report with sensible defaults: a succeeded sync of acme's meta connection. */
export function makeSyncReportRow(overrides: Partial<SyncReportRow> = {}): SyncReportRow {
  return {
    tenant: "acme",
    connection_id: "3f1c9a2e-0b7d-4c55-9d1e-2a7b8c9d0e1f",
    connection_name: "meta_metrics",
    template: "meta_metrics",
    provider: "meta",
    trigger: "started",
    status: "succeeded",
    reason: null,
    job_id: 42,
    job_ids: [42],
    attempts: 1,
    airbyte_attempts: 1,
    started_at: "2026-11-23T11:00:00.000Z",
    ended_at: "2026-11-23T11:04:30.000Z",
    duration_seconds: 270,
    records_committed: 1200,
    bytes_committed: 48000,
    failure_origin: null,
    failure_type: null,
    failure_message: null,
    empty_sync: false,
    consecutive_failures: 0,
    alert: false,
    ...overrides,
  };
}

/** An in-memory {@link Files}, with the map exposed for assertions. */
export function createMemoryFiles(initial: Record<string, string> = {}): Files & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  const norm = (p: string) => p.replace(/^\.\//, "").replace(/\/+$/, "");
  return {
    data,
    readText(path) {
      const text = data.get(norm(path));
      return text === undefined ? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" })) : Promise.resolve(text);
    },
    tryReadText: (path) => Promise.resolve(data.get(norm(path))),
    writeText(path, text) {
      data.set(norm(path), text);
      return Promise.resolve();
    },
    list(dir) {
      const prefix = `${norm(dir)}/`;
      const names = new Set<string>();
      for (const key of data.keys()) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split("/")[0] as string);
      return Promise.resolve([...names].sort());
    },
    exists(path) {
      const p = norm(path);
      return Promise.resolve(data.has(p) || [...data.keys()].some((k) => k.startsWith(`${p}/`)));
    },
    remove(path) {
      const p = norm(path);
      for (const key of [...data.keys()]) if (key === p || key.startsWith(`${p}/`)) data.delete(key);
      return Promise.resolve();
    },
  };
}


export { generateReportHistory, type ReportHistoryFixtureOptions } from "./_history-fixture.ts";
