import type { RawPlatform, RawTenant, TenantLayout } from "../../dbt/mod.ts";
import type { DestinationWriter } from "../airbyte/destination-writer.ts";
import { createDuckdbRawLoader, type RawLoader, type RawLoadResult } from "./duckdb-raw-loader.ts";
import { generateRawHistory, type RawTable } from "./generate-raw-data.ts";
import { createDuckdbDestinationWriter } from "./duckdb-destination-writer.ts";
import { LOOKBACK, SOURCE_DEFINITION } from "./platform-streams.ts";

/** Options of {@link seedWarehouse}. */
export interface SeedWarehouseOptions {
  /** Absolute path of the DuckDB file (when no `loader` is given). */
  databasePath?: string;
  /** Where to land the tables instead (a {@link createPostgresRawLoader}). @default a DuckDB loader on `databasePath` */
  loader?: RawLoader;
  /** Python with the `duckdb` package. @default "dbt/.venv/bin/python" */
  python?: string;
  /** The last sync's time (epoch ms). */
  asOf: number;
  /** Days of history. @default 90 */
  days?: number;
  /** Seed. @default 7 */
  seed?: number;
}

/**
 * Lands the raw tables of `days` daily syncs for the tenants in a DuckDB file (or through
 * the `loader` given, e.g. into PostgreSQL), replacing the tables it writes (the demo's
 * warehouse, and the tests').
 *
 * @param tenants The tenants' raw layouts.
 * @param options Where, as of when, how long.
 * @returns What was written.
 * @throws {TypeError} When neither `databasePath` nor `loader` is given.
 * @example
 * ```ts ignore
 * import { seedWarehouse } from "./seed-warehouse.ts";
 * await seedWarehouse([], { databasePath: "/tmp/w.duckdb", asOf: Date.now() });
 * ```
 */
export function seedWarehouse(tenants: readonly RawTenant[], options: SeedWarehouseOptions): Promise<RawLoadResult> {
  if (options.loader === undefined && options.databasePath === undefined) throw new TypeError("seedWarehouse needs a databasePath or a loader");
  const loader = options.loader ?? createDuckdbRawLoader({ databasePath: options.databasePath ?? "", ...(options.python === undefined ? {} : { python: options.python }) });
  const tables = generateRawHistory(tenants, { asOf: options.asOf, ...(options.days === undefined ? {} : { days: options.days }), ...(options.seed === undefined ? {} : { seed: options.seed }) });
  return loader.load(tables, { mode: "replace" });
}

/**
 * One sync of every tenant's every platform, as the local Airbyte would land them at
 * `emittedAt` (each connector re-reading its lookback): the day after a seeded history,
 * in tests and benches. Every connection's batch goes through the stand-in destination
 * writer (the demo's write path: streams, write modes, lookbacks), and the tables all
 * land in ONE load at the end: one Python process for 200 tenants instead of one per
 * connection (each process costs about half a second before it writes a row).
 *
 * @param loader Where the tables land (DuckDB or PostgreSQL).
 * @param layouts The tenants' raw layouts.
 * @param sync The job id recorded in `_airbyte_meta` and when the records were emitted.
 * @returns The records written.
 */
export async function landSyncs(loader: RawLoader, layouts: readonly TenantLayout[], sync: { jobId: number; emittedAt: number }): Promise<number> {
  const pending: RawTable[] = [];
  const collecting: RawLoader = {
    load(tables) {
      pending.push(...tables);
      const records = tables.reduce((sum, t) => sum + t.rows.length, 0);
      return Promise.resolve({ records, bytes: 0, tables: [], written: tables.map((t) => ({ schema: t.schema, table: t.table, records: t.rows.length, bytes: 0 })) });
    },
  };
  const writer: DestinationWriter = createDuckdbDestinationWriter({ loader: collecting, tenants: layouts });
  for (const t of layouts) {
    for (const [platform, a] of Object.entries(t.platforms) as [RawPlatform, NonNullable<TenantLayout["platforms"][RawPlatform]>][]) {
      await writer.write({
        connectionId: `${t.slug}-${platform}`,
        tenantHint: t.slug,
        namespace: a.namespace ?? t.namespace,
        prefix: a.prefix ?? t.prefix,
        streams: [...(a.streams ?? [])],
        sourceDefinitionName: SOURCE_DEFINITION[platform],
        sourceConfiguration: { [LOOKBACK[platform].key]: a.lookbackDays ?? LOOKBACK[platform].days },
        jobId: sync.jobId,
        emittedAt: sync.emittedAt,
      });
    }
  }
  const result = await loader.load(pending);
  return result.records;
}
