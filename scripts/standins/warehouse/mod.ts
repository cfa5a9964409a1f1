/**
 * The local warehouse's stand-in data: raw records shaped by the vendored connectors'
 * json_schema, the destination layout and write modes (destination-postgres 3.x typed
 * final tables), the DuckDB and PostgreSQL loaders, the history seeder, and the destination writer the
 * local Airbyte lands synced records with.
 *
 * @module
 */
export { applyWrite } from "./apply-write.ts";
export { customQuerySchema, DEFAULT_CAMPAIGN_PERFORMANCE_QUERY, type JsonSchema, streamSchema } from "./connector-catalogs.ts";
export { createDuckdbDestinationWriter, type RawDestinationBatch, type RawDestinationWriter } from "./duckdb-destination-writer.ts";
export { createDuckdbRawLoader, type DuckdbRawLoaderOptions, type RawLoader, type RawLoadResult } from "./duckdb-raw-loader.ts";
export { destinationColumnName, destinationColumns, destinationColumnType, destinationRow, stringifyWithBigInts } from "./destination-layout.ts";
export {
  generateRawHistory,
  type RawHistoryOptions,
  type RawTable,
  type RawTableWrite,
  type StreamRecords,
  syncRecords,
  type SyncRecordsOptions,
  syncStreamRecords,
} from "./generate-raw-data.ts";
export { AIRBYTE_COLUMNS, CONNECTOR_FOLDER, LOOKBACK, lookbackDays, platformForSourceDefinition, RAW_STREAMS, SOURCE_DEFINITION, type RawStreamKind, type RawStreamSettings, type RawStreamSpec } from "./platform-streams.ts";
export { createPostgresDestinationWriter, type PostgresDestinationWriterOptions } from "./postgres-destination-writer.ts";
export { createPostgresRawLoader, libpqEnv, type PostgresConnection, postgresColumnType, type PostgresRawLoaderOptions } from "./postgres-raw-loader.ts";
export { queryDuckdb } from "./query-duckdb.ts";
export { queryPostgres } from "./query-postgres.ts";
export { landSyncs, seedWarehouse, type SeedWarehouseOptions } from "./seed-warehouse.ts";
export { META_PURCHASE_ACTION } from "./stream-records.ts";
