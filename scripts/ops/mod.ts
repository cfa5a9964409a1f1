/**
 * Ops: the `ops` schema's tables (one definition, {@link OPS_TABLES}), the pure
 * functions that turn committed reports, the incident state and Airbyte's job
 * history into their rows, the SLA windows from health's freshness rule, and
 * `loadOps`, the incremental, idempotent load through the `OpsWarehouse` port
 * (DuckDB or PostgreSQL through dbt's venv Python).
 *
 * @module
 */
export { OPS_TABLE_NAMES, OPS_TABLES, type OpsColumnType, type OpsRow, type OpsRows, type OpsTableDefinition, opsTableDdl, type OpsTableName } from "./ops-tables.ts";
export { commandRunRow, factsFromRunReport, type FileFacts, healthMet, READ_SCHEMA_VERSION } from "./facts-from-run-report.ts";
export { factsFromIncidentState, factsFromMonthlySummary } from "./facts-from-state.ts";
export { classifyReportFile, type ReportFileKind } from "./classify-report-file.ts";
export { type ConnectionOwners, factsFromAirbyteJobs, readAirbyteJobFacts, type ReadAirbyteJobFactsOptions } from "./airbyte-job-facts.ts";
export { slaWindowRows } from "./sla-windows.ts";
export { loadOps, type LoadOpsOptions, type OpsLoadResult } from "./load-ops.ts";
export { createOpsWarehouse, type OpsTableCounts, type OpsTableWrite, type OpsWarehouse, type OpsWarehouseOptions, type OpsWarehouseTarget } from "./ops-warehouse.ts";
