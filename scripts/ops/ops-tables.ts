// The `ops` schema: the one definition of its tables (names, typed columns, keys).
// The loader's DDL is built from it; the dbt ops macro's columns are tested against it.

/** The portable column types of the `ops` schema (the same spelling works on DuckDB and PostgreSQL). */
export type OpsColumnType = "varchar" | "bigint" | "integer" | "double precision" | "boolean" | "date" | "timestamp with time zone";

/** One table of the `ops` schema. */
export interface OpsTableDefinition {
  /** Table name (lower-case snake case). */
  name: string;
  /** Columns in order, with their types. */
  columns: Readonly<Record<string, OpsColumnType>>;
  /** The key: a load deletes the rows with a key it writes, then inserts them (one transaction). */
  key: readonly string[];
}

const T = "timestamp with time zone";

/**
 * Every table of the `ops` schema (the contract shared with `dbt/models/ops/`).
 * Values are NULL when unknown, never a made-up 0; `tenant` of `health_checks`
 * is `''` for platform-wide checks so keys hold no NULL; `loaded_at` is when
 * `adops ops load` wrote the row.
 */
export const OPS_TABLES = {
  loaded_files: {
    name: "loaded_files",
    key: ["path"],
    columns: { path: "varchar", sha256: "varchar", size_bytes: "bigint", kind: "varchar", status: "varchar", reason: "varchar", run_id: "varchar", loaded_at: T },
  },
  command_runs: {
    name: "command_runs",
    key: ["run_id", "command"],
    columns: {
      run_id: "varchar", command: "varchar", schema_version: "integer", trigger_kind: "varchar", started_at: T, ended_at: T, duration_seconds: "double precision",
      exit_code: "integer", status: "varchar", row_count: "integer", report_path: "varchar", loaded_at: T,
    },
  },
  sync_outcomes: {
    name: "sync_outcomes",
    key: ["run_id", "tenant", "connection_name"],
    columns: {
      run_id: "varchar", tenant: "varchar", connection_id: "varchar", connection_name: "varchar", template: "varchar", provider: "varchar", trigger: "varchar", status: "varchar",
      reason: "varchar", job_id: "bigint", attempts: "integer", airbyte_attempts: "integer", started_at: T, ended_at: T, duration_seconds: "double precision",
      records_committed: "bigint", bytes_committed: "bigint", failure_origin: "varchar", failure_type: "varchar", failure_message: "varchar", empty_sync: "boolean",
      consecutive_failures: "integer", loaded_at: T,
    },
  },
  airbyte_jobs: {
    name: "airbyte_jobs",
    key: ["job_id"],
    columns: {
      job_id: "bigint", connection_id: "varchar", tenant: "varchar", connection_name: "varchar", status: "varchar", created_at: T, ended_at: T, duration_seconds: "double precision",
      attempts: "integer", records_committed: "bigint", bytes_committed: "bigint", failure_origin: "varchar", failure_type: "varchar", failure_message: "varchar", observed_at: T, loaded_at: T,
    },
  },
  airbyte_job_streams: {
    name: "airbyte_job_streams",
    key: ["job_id", "stream_namespace", "stream_name"],
    columns: {
      job_id: "bigint", tenant: "varchar", connection_name: "varchar", stream_namespace: "varchar", stream_name: "varchar", records_committed: "bigint", bytes_committed: "bigint",
      ended_at: T, loaded_at: T,
    },
  },
  dbt_node_results: {
    name: "dbt_node_results",
    key: ["run_id", "step", "unique_id"],
    columns: {
      run_id: "varchar", step: "varchar", unique_id: "varchar", resource_type: "varchar", name: "varchar", status: "varchar", execution_time: "double precision", failures: "bigint",
      message: "varchar", run_ended_at: T, loaded_at: T,
    },
  },
  health_checks: {
    name: "health_checks",
    key: ["run_id", "check_name", "tenant", "subject"],
    columns: {
      run_id: "varchar", checked_at: T, tenant: "varchar", check_name: "varchar", subject: "varchar", status: "varchar", severity: "varchar", met: "boolean", since: T, message: "varchar",
      loaded_at: T,
    },
  },
  incidents: {
    name: "incidents",
    key: ["incident_key", "opened_at"],
    columns: {
      incident_key: "varchar", tenant: "varchar", check_name: "varchar", subject: "varchar", severity: "varchar", status: "varchar", opened_at: T, last_seen_at: T, resolved_at: T,
      reminders: "integer", loaded_at: T,
    },
  },
  orchestrator_steps: {
    name: "orchestrator_steps",
    key: ["run_id", "step_id"],
    columns: {
      run_id: "varchar", pipeline: "varchar", step_id: "varchar", status: "varchar", attempts: "integer", started_at: T, ended_at: T, duration_seconds: "double precision", error: "varchar",
      loaded_at: T,
    },
  },
  sla_windows: {
    name: "sla_windows",
    key: ["tenant", "connection_name", "window_start"],
    columns: {
      tenant: "varchar", connection_name: "varchar", schedule_group: "varchar", day: "date", window_start: T, window_end: T, fresh_minutes: "integer",
      freshness_rule: "varchar", threshold_minutes: "integer", loaded_at: T,
    },
  },
} as const satisfies Record<string, OpsTableDefinition>;

/** The name of an `ops` table. */
export type OpsTableName = keyof typeof OPS_TABLES;

/** The names of the `ops` tables, in the order a load writes them. */
export const OPS_TABLE_NAMES = Object.keys(OPS_TABLES) as OpsTableName[];

type ValueOf<C> = C extends "bigint" | "integer" | "double precision" ? number : C extends "boolean" ? boolean : string;
type ColumnsOf<N extends OpsTableName> = (typeof OPS_TABLES)[N]["columns"];

/** One row of table `N` as the loader builds it: every column but `loaded_at` (the writer stamps it), NULL as `null`. */
export type OpsRow<N extends OpsTableName> = {
  -readonly [K in Exclude<keyof ColumnsOf<N>, "loaded_at">]: ValueOf<ColumnsOf<N>[K]> | null;
};

/** Rows per table, as facts of one or more files. */
export type OpsRows = { [N in OpsTableName]?: OpsRow<N>[] };

/**
 * The `create table` statement of an `ops` table (the same on DuckDB and PostgreSQL).
 *
 * @param table The table.
 * @param schema The schema. @default "ops"
 * @returns The DDL.
 * @example
 * ```ts
 * import { OPS_TABLES, opsTableDdl } from "./ops-tables.ts";
 * console.assert(opsTableDdl(OPS_TABLES.loaded_files).startsWith("create table if not exists ops.loaded_files (path varchar"));
 * ```
 */
export function opsTableDdl(table: OpsTableDefinition, schema = "ops"): string {
  const columns = Object.entries(table.columns).map(([name, type]) => `${name} ${type}`).join(", ");
  return `create table if not exists ${schema}.${table.name} (${columns})`;
}
