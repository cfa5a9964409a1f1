import type { DestinationBatch, DestinationWriter } from "../airbyte/destination-writer.ts";
import type { RawLoader } from "./duckdb-raw-loader.ts";
import type { RawTenant } from "../../dbt/mod.ts";
import { syncRecords } from "./generate-raw-data.ts";
import { platformForSourceDefinition } from "./platform-streams.ts";

/** What a sync hands to a destination: the Airbyte stand-in's batch. */
export type RawDestinationBatch = DestinationBatch;

/** A destination writer for the Airbyte stand-in. */
export type RawDestinationWriter = DestinationWriter;

function accountFromConfiguration(config: Record<string, unknown>): string {
  const ids = config.account_ids;
  if (Array.isArray(ids) && typeof ids[0] === "string") return ids[0];
  for (const key of ["customer_id", "advertiser_id", "account_id"]) if (typeof config[key] === "string") return config[key];
  const names = config.account_names;
  if (Array.isArray(names) && typeof (names[0] as { name?: unknown })?.name === "string") return (names[0] as { name: string }).name;
  return "1000000001";
}

/**
 * A destination writer for the local Airbyte stand-in that lands each sync's
 * generated records in DuckDB, appended to `<namespace>.<prefix><stream>` as an
 * Airbyte destination would. Streams the dbt project does not read, and sources of
 * other platforms, write nothing.
 *
 * @param options The loader, the tenants (for account currencies) and the seed.
 * @returns The writer.
 * @example
 * ```ts ignore
 * import { createDuckdbDestinationWriter } from "./duckdb-destination-writer.ts";
 * import { createDuckdbRawLoader } from "./duckdb-raw-loader.ts";
 * const writer = createDuckdbDestinationWriter({ loader: createDuckdbRawLoader({ databasePath: "/abs/warehouse.duckdb" }) });
 * ```
 */
export function createDuckdbDestinationWriter(options: { loader: RawLoader; tenants?: readonly RawTenant[]; seed?: number }): RawDestinationWriter {
  return {
    async write(batch) {
      const platform = platformForSourceDefinition(batch.sourceDefinitionName);
      if (platform === undefined) return { records: 0, bytes: 0 };
      const known = options.tenants?.find((t) => t.slug === batch.tenantHint || t.namespace === batch.namespace);
      const account = known?.platforms[platform] ?? { accountId: accountFromConfiguration(batch.sourceConfiguration), currency: "USD" };
      const tenant: RawTenant = {
        slug: known?.slug ?? batch.tenantHint ?? batch.namespace,
        namespace: batch.namespace,
        prefix: batch.prefix,
        platforms: { [platform]: { accountId: account.accountId, currency: account.currency } },
      };
      const tables = syncRecords(tenant, platform, { emittedAt: batch.emittedAt, streams: batch.streams, syncId: batch.jobId, ...(options.seed === undefined ? {} : { seed: options.seed }) });
      const result = await options.loader.load(tables);
      return { records: result.records, bytes: result.bytes };
    },
  };
}
