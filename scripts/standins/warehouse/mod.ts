/**
 * The local warehouse's stand-in data: deterministic raw tables for the demo
 * and tests, the DuckDB loader, and the destination writer the local Airbyte
 * lands synced records with.
 *
 * @module
 */
export { createDuckdbDestinationWriter, type RawDestinationBatch, type RawDestinationWriter } from "./duckdb-destination-writer.ts";
export { createDuckdbRawLoader, type DuckdbRawLoaderOptions, type RawLoader, type RawLoadResult } from "./duckdb-raw-loader.ts";
export { generateRawHistory, type RawHistoryOptions, RESTATEMENT_AGES, type RawTable, syncRecords, type SyncRecordsOptions } from "./generate-raw-data.ts";
export { AIRBYTE_COLUMNS, platformForSourceDefinition, RAW_STREAMS, type RawStreamSpec } from "./platform-streams.ts";
