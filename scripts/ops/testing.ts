// Fakes and fixtures for the ops domain's tests.
import type { RunReport } from "../../schemas/report.ts";
import type { OpsTableCounts, OpsTableWrite, OpsWarehouse } from "./ops-warehouse.ts";

/**
 * A run report of `command` with `rows`, started at `startedAt` (ISO), as its command writes it.
 *
 * @param command The command.
 * @param rows Its rows.
 * @param options Run id, start and envelope overrides.
 * @returns The report.
 * @example
 * ```ts
 * import { makeRunReport } from "./testing.ts";
 * console.assert(makeRunReport("sync", []).command === "sync");
 * ```
 */
export function makeRunReport(command: string, rows: Record<string, unknown>[], options: { runId?: string; startedAt?: string } & Partial<RunReport> = {}): RunReport {
  const { runId = "gh-100-1", startedAt = "2026-11-23T10:00:00.000Z", ...rest } = options;
  const ended = new Date(Date.parse(startedAt) + 60_000).toISOString();
  return {
    schema_version: 1, run_id: runId, command, trigger: { kind: "schedule" }, started_at: startedAt, ended_at: ended, duration_seconds: 60, inputs: {}, exit_code: 0,
    status: "ok", summary: { rows: rows.length }, rows, ...rest,
  };
}

/**
 * A sync report row (schemas/report-rows/sync.ts) for `tenant`/`name`.
 *
 * @param tenant Tenant slug.
 * @param name Connection name.
 * @param overrides Fields to change.
 * @returns The row.
 * @example
 * ```ts
 * import { makeSyncRow } from "./testing.ts";
 * console.assert(makeSyncRow("acme", "acme_meta").status === "succeeded");
 * ```
 */
export function makeSyncRow(tenant: string, name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenant, connection_id: `c-${name}`, connection_name: name, template: "meta_metrics", provider: "meta", trigger: "started", status: "succeeded", reason: null, job_id: 41, job_ids: [41],
    attempts: 1, airbyte_attempts: 1, started_at: "2026-11-23T10:00:05.000Z", ended_at: "2026-11-23T10:02:05.000Z", duration_seconds: 120, records_committed: 1200, bytes_committed: 90_000,
    failure_origin: null, failure_type: null, failure_message: null, empty_sync: false, consecutive_failures: 0, alert: false, ...overrides,
  };
}

/** A fake warehouse: a manifest in memory and every batch written, recorded. */
export interface FakeOpsWarehouse extends OpsWarehouse {
  /** The manifest a load reads (path → sha256); writes of `loaded_files` update it. */
  manifest: Map<string, string>;
  /** Each write's batches, in order. */
  writes: OpsTableWrite[][];
}

/**
 * An in-memory {@link OpsWarehouse} for the loader's logic (what is read, what
 * is handed over); the upsert itself is proven on real DuckDB and PostgreSQL.
 *
 * @returns The fake.
 * @example
 * ```ts
 * import { createFakeOpsWarehouse } from "./testing.ts";
 * const w = createFakeOpsWarehouse();
 * console.assert(w.writes.length === 0);
 * ```
 */
export function createFakeOpsWarehouse(): FakeOpsWarehouse {
  const manifest = new Map<string, string>();
  const writes: OpsTableWrite[][] = [];
  return {
    describe: "fake",
    manifest,
    writes,
    readManifest: () => Promise.resolve(new Map(manifest)),
    write(batch) {
      writes.push([...batch]);
      for (const w of batch) if (w.table === "loaded_files") for (const r of w.rows) manifest.set(String(r.path), String(r.sha256));
      return Promise.resolve(batch.map((w): OpsTableCounts => ({ table: w.table, inserted: w.rows.length, updated: 0, unchanged: 0, rows: w.rows.length })));
    },
  };
}
