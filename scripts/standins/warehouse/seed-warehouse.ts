import type { RawTenant } from "../../dbt/mod.ts";
import { createDuckdbRawLoader, type RawLoadResult } from "./duckdb-raw-loader.ts";
import { generateRawHistory } from "./generate-raw-data.ts";

/** Options of {@link seedWarehouse}. */
export interface SeedWarehouseOptions {
  /** Absolute path of the DuckDB file. */
  databasePath: string;
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
 * Lands the raw tables of `days` daily syncs for the tenants in a DuckDB file, replacing
 * the tables it writes (the demo's and `adops dbt`'s warehouse when none exists yet).
 *
 * @param tenants The tenants' raw layouts.
 * @param options Where, as of when, how long.
 * @returns What was written.
 * @example
 * ```ts ignore
 * import { seedWarehouse } from "./seed-warehouse.ts";
 * await seedWarehouse([], { databasePath: "/tmp/w.duckdb", asOf: Date.now() });
 * ```
 */
export function seedWarehouse(tenants: readonly RawTenant[], options: SeedWarehouseOptions): Promise<RawLoadResult> {
  const tables = generateRawHistory(tenants, { asOf: options.asOf, ...(options.days === undefined ? {} : { days: options.days }), ...(options.seed === undefined ? {} : { seed: options.seed }) });
  return createDuckdbRawLoader({ databasePath: options.databasePath, ...(options.python === undefined ? {} : { python: options.python }) }).load(tables, { mode: "replace" });
}
