import type { RawTenant } from "../../dbt/mod.ts";
import { createDuckdbDestinationWriter, type RawDestinationWriter } from "./duckdb-destination-writer.ts";
import { createPostgresRawLoader, type PostgresConnection } from "./postgres-raw-loader.ts";

/** Options of {@link createPostgresDestinationWriter}. */
export interface PostgresDestinationWriterOptions {
  /** The warehouse server. */
  connection: PostgresConnection;
  /** Python with psycopg2. @default "dbt/.venv/bin/python" */
  python?: string;
  /** The tenants (accounts, currencies), as for the DuckDB writer. */
  tenants?: readonly RawTenant[];
  /** Seed of the generated data. @default 7 */
  seed?: number;
}

/**
 * The local Airbyte's destination-postgres 3.x (Direct Load): each sync's generated
 * records land in the connection's namespace schema as typed final tables
 * (`<prefix><stream>`, the `_airbyte_*` columns, quoted case-preserved data columns,
 * jsonb, decimal(38, 9)), written by each stream's sync mode as the DuckDB writer does.
 *
 * @param options The server, Python, tenants and seed.
 * @returns The writer.
 * @example
 * ```ts ignore
 * import { createPostgresDestinationWriter } from "./postgres-destination-writer.ts";
 * const writer = createPostgresDestinationWriter({ connection: pg });
 * ```
 */
export function createPostgresDestinationWriter(options: PostgresDestinationWriterOptions): RawDestinationWriter {
  const loader = createPostgresRawLoader({ connection: options.connection, ...(options.python === undefined ? {} : { python: options.python }) });
  return createDuckdbDestinationWriter({ loader, ...(options.tenants === undefined ? {} : { tenants: options.tenants }), ...(options.seed === undefined ? {} : { seed: options.seed }) });
}
