import type { DestinationBatch, DestinationWriter } from "../airbyte/destination-writer.ts";
import type { RawLoader } from "./duckdb-raw-loader.ts";
import type { RawAccount, RawPlatform, RawTenant } from "../../dbt/mod.ts";
import { syncRecords } from "./generate-raw-data.ts";
import { LOOKBACK, lookbackDays, platformForSourceDefinition, type RawStreamSettings } from "./platform-streams.ts";

/** What a sync hands to a destination: the Airbyte stand-in's batch. */
export type RawDestinationBatch = DestinationBatch;

/** A destination writer for the Airbyte stand-in. */
export type RawDestinationWriter = DestinationWriter;

/** The account a source configuration names, for a tenant the writer was not told about. */
function accountFromConfiguration(platform: RawPlatform, config: Record<string, unknown>): RawAccount {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : undefined);
  const credentials = (config.credentials ?? {}) as Record<string, unknown>;
  const name = (first(config.account_names) as { name?: unknown } | undefined)?.name;
  const candidates: Record<RawPlatform, unknown> = {
    meta: first(config.account_ids),
    google_ads: typeof config.customer_id === "string" ? config.customer_id.split(",")[0] : undefined,
    microsoft_ads: undefined,
    linkedin: first(config.account_ids),
    tiktok: credentials.advertiser_id,
  };
  const id = candidates[platform];
  return {
    accountId: typeof id === "string" || typeof id === "number" ? String(id) : "1000000001",
    currency: "USD",
    ...(typeof name === "string" ? { accountName: name } : {}),
  };
}

/**
 * A destination writer for the local Airbyte stand-in that lands each sync's generated
 * records in DuckDB as destination-postgres 3.x writes its typed final tables: table
 * `<namespace>.<prefix><stream>`, each stream written by its destination sync mode
 * (overwrite, append, or append_dedup keeping the latest record per primary key), taken
 * from the batch's configured catalog, else from the shipped templates. The stats streams
 * re-read the lookback the source configuration sets. Sources of other platforms, and
 * streams the stand-in does not generate, write nothing.
 *
 * @param options The loader, the tenants (accounts, currencies) and the seed.
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
      if (platform === undefined) return { records: 0, bytes: 0, streams: [] };
      const known = options.tenants?.find((t) => t.slug === batch.tenantHint || t.namespace === batch.namespace);
      const account = known?.platforms[platform] ?? accountFromConfiguration(platform, batch.sourceConfiguration);
      const tenant: RawTenant = {
        slug: known?.slug ?? batch.tenantHint ?? batch.namespace,
        namespace: batch.namespace,
        prefix: batch.prefix,
        platforms: { [platform]: { ...account, namespace: batch.namespace, prefix: batch.prefix } },
      };
      const settings: Record<string, RawStreamSettings> = {};
      for (const s of batch.configuredStreams ?? []) settings[s.name] = s;
      const tables = syncRecords(tenant, platform, {
        emittedAt: batch.emittedAt,
        streams: batch.streams,
        syncId: batch.jobId,
        ...(LOOKBACK[platform].key in batch.sourceConfiguration ? { lookback: lookbackDays(platform, batch.sourceConfiguration) } : {}),
        sourceConfiguration: batch.sourceConfiguration,
        settings,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
      const result = await options.loader.load(tables);
      const streams = tables.map((t, i) => ({ name: t.stream ?? t.table, records: result.written?.[i]?.records ?? t.rows.length, bytes: result.written?.[i]?.bytes ?? 0 }));
      return { records: result.records, bytes: result.bytes, streams };
    },
  };
}
