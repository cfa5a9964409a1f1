// Fakes and builders for the dbt domain's tests: a scripted dbt command line
// that prints JSON log lines and writes artifacts into in-memory files, a sync
// status port that plays a timeline, a capturing raw loader, and builders for
// dbt's JSON log lines and artifacts.
import type { Files } from "../core/mod.ts";
import type { DbtCli, DbtInvocation } from "./dbt-cli.ts";
import type { RawLoader, RawLoadResult } from "../standins/warehouse/duckdb-raw-loader.ts";
import type { RawTable } from "../standins/warehouse/generate-raw-data.ts";
import { stringifyWithBigInts } from "../standins/warehouse/destination-layout.ts";
import type { SyncJobStatus, SyncStatusPort } from "./wait-for-sync.ts";

/** What one scripted dbt invocation does. */
export interface FakeDbtRun {
  /** dbt's exit code. @default 0 */
  exitCode?: number;
  /** Lines printed on stdout (JSON log lines or plain text). */
  stdout?: readonly string[];
  /** Text printed on stderr. */
  stderr?: string;
  /** Files written relative to the invocation's `--target-path` (e.g. `run_results.json`). */
  artifacts?: Record<string, string>;
}

/** A scripted dbt and what it was asked to do. */
export interface FakeDbtCli extends DbtCli {
  /** Every invocation, in order. */
  calls: DbtInvocation[];
  /** The in-memory files the fake writes artifacts into (give it to runDbt as `files`). */
  files: Pick<Files, "tryReadText">;
  /** Every file written so far, by absolute path. */
  written: Map<string, string>;
}

/**
 * A dbt command line that plays one {@link FakeDbtRun} per invocation (the last
 * one repeats), writing its artifacts under the invocation's `--target-path`.
 *
 * @param runs What each invocation does, or a function of the invocation.
 * @returns The fake, with its calls and files.
 * @example
 * ```ts
 * import { createFakeDbtCli } from "./testing.ts";
 * const cli = createFakeDbtCli([{ exitCode: 2, stdout: ["Error"] }]);
 * const { exitCode } = await cli.run({ args: ["build"], cwd: "/p" });
 * console.assert(exitCode === 2 && cli.calls.length === 1);
 * ```
 */
export function createFakeDbtCli(runs: readonly FakeDbtRun[] | ((invocation: DbtInvocation, index: number) => FakeDbtRun)): FakeDbtCli {
  const calls: DbtInvocation[] = [];
  const written = new Map<string, string>();
  return {
    calls,
    written,
    files: { tryReadText: (path) => Promise.resolve(written.get(path)) },
    run(invocation) {
      const index = calls.length;
      calls.push(invocation);
      const run = typeof runs === "function" ? runs(invocation, index) : (runs[Math.min(index, runs.length - 1)] ?? {});
      const at = invocation.args.indexOf("--target-path");
      const targetPath = at >= 0 ? invocation.args[at + 1] : undefined;
      for (const [name, text] of Object.entries(run.artifacts ?? {})) written.set(`${targetPath ?? "target"}/${name}`, text);
      for (const line of run.stdout ?? []) invocation.onLine?.(line, "stdout");
      for (const line of (run.stderr ?? "").split("\n").filter(Boolean)) invocation.onLine?.(line, "stderr");
      return Promise.resolve({ exitCode: run.exitCode ?? 0, stderr: run.stderr ?? "" });
    },
  };
}

/** A sync status port that answers each poll with the next snapshot (the last repeats). */
export interface FakeSyncStatus extends SyncStatusPort {
  /** How many times the jobs were read. */
  polls: number;
  /** The tenants each poll asked about. */
  asked: (readonly string[])[];
}

/**
 * A {@link SyncStatusPort} over a timeline of job snapshots.
 *
 * @param timeline One snapshot per poll; the last one repeats.
 * @returns The fake.
 * @example
 * ```ts
 * import { createFakeSyncStatus } from "./testing.ts";
 * const port = createFakeSyncStatus([[{ tenant: "a", connectionId: "c", status: "running" }], []]);
 * console.assert((await port.latestJobs(["a"])).length === 1 && port.polls === 1);
 * ```
 */
export function createFakeSyncStatus(timeline: readonly (readonly SyncJobStatus[])[]): FakeSyncStatus {
  const fake: FakeSyncStatus = {
    polls: 0,
    asked: [],
    latestJobs(tenants, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const snapshot = timeline[Math.min(fake.polls, timeline.length - 1)] ?? [];
      fake.polls++;
      fake.asked.push(tenants);
      return Promise.resolve(snapshot.map((j) => ({ ...j })));
    },
  };
  return fake;
}

/** A raw loader that keeps what it was given. */
export interface CapturingRawLoader extends RawLoader {
  /** Every load's tables and mode. */
  loads: { tables: RawTable[]; mode: "append" | "replace" }[];
}

/**
 * A {@link RawLoader} that writes nothing and records every load.
 *
 * @returns The loader.
 * @example
 * ```ts
 * import { createCapturingRawLoader } from "./testing.ts";
 * const loader = createCapturingRawLoader();
 * await loader.load([]);
 * console.assert(loader.loads.length === 1);
 * ```
 */
export function createCapturingRawLoader(): CapturingRawLoader {
  const loads: CapturingRawLoader["loads"] = [];
  return {
    loads,
    load(tables, options) {
      loads.push({ tables: [...tables], mode: options?.mode ?? "append" });
      const result: RawLoadResult = {
        records: tables.reduce((n, t) => n + t.rows.length, 0),
        bytes: tables.reduce((n, t) => n + t.rows.reduce((b, r) => b + stringifyWithBigInts(r).length + 1, 0), 0),
        tables: tables.map((t) => ({ schema: t.schema, table: t.table, rows: t.rows.length })),
        written: tables.map((t) => ({ schema: t.schema, table: t.table, records: t.rows.length, bytes: t.rows.reduce((b, r) => b + stringifyWithBigInts(r).length + 1, 0) })),
      };
      return Promise.resolve(result);
    },
  };
}

/**
 * One line of dbt's `--log-format json` output.
 *
 * @param name The event name (`LogStartLine`, `LogModelResult`, `MainEncounteredError`, ...).
 * @param data The event's `data`.
 * @param info More `info` fields (`level`, `msg`, `invocation_id`).
 * @returns The JSON line.
 * @example
 * ```ts
 * import { dbtLogLine } from "./testing.ts";
 * console.assert(dbtLogLine("MainReportVersion", { version: "=1.11.16" }).startsWith("{"));
 * ```
 */
export function dbtLogLine(name: string, data: Record<string, unknown> = {}, info: Record<string, unknown> = {}): string {
  return JSON.stringify({ info: { name, level: "info", msg: "", ts: "2026-11-23T12:00:00.000000Z", ...info }, data });
}

/**
 * The start and finish log lines of one node.
 *
 * @param uniqueId The node (`model.adops.stg_meta__campaigns`).
 * @param options Status, position, timing, failures, message.
 * @returns Two JSON lines.
 * @example
 * ```ts
 * import { dbtNodeLines } from "./testing.ts";
 * console.assert(dbtNodeLines("model.p.a", { status: "success" }).length === 2);
 * ```
 */
export function dbtNodeLines(uniqueId: string, options: { status: string; index?: number; total?: number; seconds?: number; failures?: number; message?: string }): string[] {
  const type = uniqueId.split(".")[0] ?? "model";
  const node_info = { unique_id: uniqueId, resource_type: type, node_status: options.status };
  const position = { index: options.index ?? 1, total: options.total ?? 1 };
  const finish = type === "test" ? "LogTestResult" : type === "seed" ? "LogSeedResult" : "LogModelResult";
  return [
    dbtLogLine("LogStartLine", { node_info: { ...node_info, node_status: "started" }, description: `sql ${uniqueId}`, ...position }),
    dbtLogLine(options.status === "skipped" ? "SkippingDetails" : finish, {
      node_info,
      status: options.status,
      execution_time: options.seconds ?? 0.1,
      ...(options.failures === undefined ? {} : { num_failures: options.failures }),
      ...(options.message === undefined ? {} : { msg: options.message }),
      ...position,
    }),
  ];
}

/**
 * A run_results.json text.
 *
 * @param options The command (`args.which`), generation time, invocation id and node results.
 * @returns The JSON text.
 * @example
 * ```ts
 * import { runResultsJson } from "./testing.ts";
 * console.assert(JSON.parse(runResultsJson({ which: "build", results: [] })).args.which === "build");
 * ```
 */
export function runResultsJson(options: { which: string; generatedAt?: string; invocationId?: string; results: { uniqueId: string; status: string; seconds?: number; failures?: number | null; message?: string | null }[] }): string {
  return JSON.stringify({
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json", dbt_version: "1.11.16", generated_at: options.generatedAt ?? "2026-11-23T12:00:30.000000Z", invocation_id: options.invocationId ?? "inv-1", env: {} },
    elapsed_time: 1.5,
    args: { which: options.which, invocation_command: `dbt ${options.which}` },
    results: options.results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      timing: [],
      thread_id: "Thread-1",
      execution_time: r.seconds ?? 0.1,
      adapter_response: {},
      message: r.message ?? null,
      failures: r.failures ?? null,
      compiled: null,
      compiled_code: null,
      relation_name: null,
    })),
  });
}

/**
 * A sources.json text (`dbt source freshness`).
 *
 * @param options Invocation id and per-source status.
 * @returns The JSON text.
 * @example
 * ```ts
 * import { sourcesJson } from "./testing.ts";
 * console.assert(JSON.parse(sourcesJson({ results: [] })).results.length === 0);
 * ```
 */
export function sourcesJson(options: { invocationId?: string; results: { uniqueId: string; status: string; hoursAgo?: number }[] }): string {
  return JSON.stringify({
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/sources/v3.json", dbt_version: "1.11.16", generated_at: "2026-11-23T12:00:30.000000Z", invocation_id: options.invocationId ?? "inv-1" },
    elapsed_time: 0.5,
    results: options.results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      max_loaded_at: "2026-11-23T10:00:00+00:00",
      snapshotted_at: "2026-11-23T12:00:00+00:00",
      max_loaded_at_time_ago_in_s: (r.hoursAgo ?? 2) * 3600,
      criteria: { warn_after: { count: 24, period: "hour" }, error_after: { count: 36, period: "hour" } },
      adapter_response: {},
      timing: [],
      thread_id: "Thread-1",
      execution_time: 0.05,
    })),
  });
}

/**
 * Why a test that builds the dbt project with real dbt on a real warehouse skips under
 * Deno, or `false` under Node. Its subject is the SQL (the same dbt and Python processes
 * whichever runtime spawns them), and each such run costs tens of seconds: `.ci/run` runs
 * them once, under Node. `real-dbt.test.ts` still proves `runDbt` with real dbt under both.
 *
 * @param env The environment (`ADOPS_TEST_RUNNER` is set by scripts/dev/run-tests.ts).
 * @returns The skip reason, or false.
 * @example
 * ```ts
 * import { warehouseSqlSkip } from "./testing.ts";
 * console.assert(warehouseSqlSkip({ ADOPS_TEST_RUNNER: "node" }) === false);
 * ```
 */
export function warehouseSqlSkip(env: Readonly<Record<string, string | undefined>>): string | false {
  return env.ADOPS_TEST_RUNNER === "deno" ? "the warehouse SQL runs once, under Node (real-dbt.test.ts runs dbt under Deno)" : false;
}
