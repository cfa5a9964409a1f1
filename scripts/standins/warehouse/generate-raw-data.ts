import { stableId } from "./_hash.ts";
import type { RawPlatform, RawTenant } from "../../dbt/mod.ts";
import { type JsonSchema, streamSchema } from "./connector-catalogs.ts";
import { destinationColumnName, destinationColumns, destinationRow } from "./destination-layout.ts";
import { LOOKBACK, RAW_STREAMS, type RawStreamSettings, type RawStreamSpec } from "./platform-streams.ts";
import { dimensionRecords, type RecordAccount, statsRecords } from "./stream-records.ts";

/** How the destination writes one table (the stream's destination sync mode, key and cursor as column names). */
export interface RawTableWrite {
  /** `overwrite` replaces the table, `append` adds rows, `append_dedup` keeps one row per key (the latest). */
  mode: "append" | "overwrite" | "append_dedup";
  /** Primary-key columns. */
  primaryKey: string[];
  /** Cursor columns. */
  cursor: string[];
}

/** Rows for one raw table, `<schema>.<table>`, with the table's column types. */
export interface RawTable {
  /** Schema (the tenant's namespace). */
  schema: string;
  /** Table (`<prefix><stream>`). */
  table: string;
  /** Every column with its DuckDB type, Airbyte's first. */
  columns: Record<string, string>;
  /** The records, as rows of the final table. */
  rows: Record<string, unknown>[];
  /** The stream (without prefix). */
  stream?: string;
  /** How a sync writes it. @default append */
  write?: RawTableWrite;
}

/** Options of {@link syncRecords}. */
export interface SyncRecordsOptions {
  /** When the sync emitted its records (epoch ms); stats cover the `lookback` days before it. */
  emittedAt: number;
  /** Streams to emit; unknown names are ignored. @default the account's `streams`, else all streams of the platform */
  streams?: readonly string[];
  /** Seed of the data. @default 7 */
  seed?: number;
  /** Airbyte sync (job) id, in `_airbyte_meta` and the overwrite streams' generation. @default 0 */
  syncId?: number;
  /** Days each sync re-reads. @default the account's `lookbackDays`, else the shipped template's */
  lookback?: number;
  /** The source configuration (a Google Ads custom query's schema comes from it). */
  sourceConfiguration?: Readonly<Record<string, unknown>>;
  /** Sync settings per stream (the configured catalog). @default the shipped templates' */
  settings?: Readonly<Record<string, RawStreamSettings>>;
  /** No stats for days before this one (YYYY-MM-DD). */
  firstDay?: string;
  /** Only these ages (days before the sync) of the lookback. @default 1 to the lookback */
  ages?: readonly number[];
}

/** One stream's records of one sync, as the connector emits them. */
export interface StreamRecords {
  stream: string;
  /** The stream's json_schema (what every record must satisfy). */
  schema: JsonSchema;
  settings: RawStreamSettings & { kind: RawStreamSpec["kind"] };
  records: Record<string, unknown>[];
}

const DAY = 86_400_000;
const COUNTRY_OF_CURRENCY: Record<string, string> = { USD: "US", EUR: "DE", GBP: "GB", JMD: "JM", CAD: "CA", MXN: "MX", BRL: "BR" };

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function recordAccount(tenant: RawTenant, platform: RawPlatform, seed: number, lookback: number | undefined): RecordAccount | undefined {
  const account = tenant.platforms[platform];
  if (account === undefined) return undefined;
  return {
    tenant,
    platform,
    accountId: account.accountId.replace(/^act_/, ""),
    accountName: account.accountName ?? `${tenant.slug} ${platform.replace("_", " ")}`,
    currency: account.currency,
    country: account.country ?? COUNTRY_OF_CURRENCY[account.currency] ?? "US",
    timeZone: account.timeZone ?? "America/Jamaica",
    seed,
    lookback: lookback ?? account.lookbackDays ?? LOOKBACK[platform].days,
  };
}

function specsFor(platform: RawPlatform, wanted: readonly string[] | undefined, settings: SyncRecordsOptions["settings"]): (RawStreamSpec)[] {
  return RAW_STREAMS[platform].filter((s) => wanted === undefined || wanted.includes(s.stream)).map((s) => ({ ...s, ...settings?.[s.stream], stream: s.stream, kind: s.kind }));
}

function recordsOf(spec: RawStreamSpec, account: RecordAccount, days: readonly { day: string; age: number }[]): Record<string, unknown>[] {
  if (spec.kind !== "stats") return dimensionRecords(spec.kind, account);
  return days.flatMap(({ day, age }) => statsRecords(account, day, age));
}

/**
 * The records one Airbyte sync of one tenant's platform emits, stream by stream, as the
 * connector emits them: dimension streams in full, and for the stats stream every ad
 * (segment, campaign) of each day the sync re-reads (its lookback), with the conversions
 * known at that age. Pure and deterministic.
 *
 * @param tenant The tenant.
 * @param platform The platform (the tenant must have an account on it).
 * @param options When, which streams, lookback, seed.
 * @returns One entry per emitted stream.
 * @example
 * ```ts
 * import { syncStreamRecords } from "./generate-raw-data.ts";
 * const tenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { tiktok: { accountId: "7012345678901234567", currency: "USD" } } };
 * const [report] = syncStreamRecords(tenant, "tiktok", { emittedAt: Date.parse("2026-03-01T07:00:00Z"), streams: ["ads_reports_daily"] });
 * console.assert(typeof (report?.records[0]?.metrics as { spend?: unknown }).spend === "string");
 * ```
 */
export function syncStreamRecords(tenant: RawTenant, platform: RawPlatform, options: SyncRecordsOptions): StreamRecords[] {
  const account = recordAccount(tenant, platform, options.seed ?? 7, options.lookback);
  if (account === undefined) return [];
  const days: { day: string; age: number }[] = [];
  for (let age = 1; age <= account.lookback; age++) {
    if (options.ages !== undefined && !options.ages.includes(age)) continue;
    const day = isoDay(options.emittedAt - age * DAY);
    if (options.firstDay === undefined || day >= options.firstDay) days.push({ day, age });
  }
  return specsFor(platform, options.streams ?? tenant.platforms[platform]?.streams, options.settings).flatMap((spec) => {
    const schema = streamSchema(platform, spec.stream, options.sourceConfiguration);
    if (schema === undefined) return [];
    return [{ stream: spec.stream, schema, settings: spec, records: recordsOf(spec, account, days) }];
  });
}

function writeOf(spec: RawStreamSettings): RawTableWrite {
  const mode = spec.destinationSyncMode === "overwrite_dedup" ? "overwrite" : spec.destinationSyncMode;
  return { mode, primaryKey: spec.primaryKey.map((p) => destinationColumnName(p[0] ?? "")), cursor: spec.cursorField.slice(0, 1).map(destinationColumnName) };
}

function tableOf(tenant: RawTenant, platform: RawPlatform, stream: string): { schema: string; table: string } {
  const account = tenant.platforms[platform];
  return { schema: account?.namespace ?? tenant.namespace, table: `${account?.prefix ?? tenant.prefix}${stream}` };
}

function toRows(t: { schema: string; table: string }, s: StreamRecords, write: RawTableWrite, at: { emittedAt: number; syncId: number; seed: number }): Record<string, unknown>[] {
  const columns = destinationColumns(s.schema);
  return s.records.map((record) => {
    const row = destinationRow(record, columns, { rawId: "", extractedAt: new Date(at.emittedAt).toISOString(), syncId: at.syncId, generationId: write.mode === "overwrite" ? at.syncId : 0 });
    const key = write.primaryKey.map((k) => String(row[k])).join("|");
    // Unique per record and job, as Airbyte's are; the same for the same record of the same job.
    row._airbyte_raw_id = stableId(`${at.seed}:${t.schema}.${t.table}:${at.syncId}:${at.emittedAt}:${key}`);
    return row;
  });
}

/**
 * What one Airbyte sync of one tenant's platform lands: {@link syncStreamRecords} as
 * rows of the destination's final tables, each with how the destination writes it.
 *
 * @param tenant The tenant.
 * @param platform The platform.
 * @param options When, which streams, lookback, seed, sync settings.
 * @returns One {@link RawTable} per emitted stream.
 * @example
 * ```ts
 * import { syncRecords } from "./generate-raw-data.ts";
 * const tenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { meta: { accountId: "act_1", currency: "USD" } } };
 * const tables = syncRecords(tenant, "meta", { emittedAt: Date.parse("2026-03-01T07:00:00Z"), streams: ["ads_insights"] });
 * console.assert(tables[0]?.table === "acme_ads_insights" && tables[0].write?.mode === "append_dedup");
 * ```
 */
export function syncRecords(tenant: RawTenant, platform: RawPlatform, options: SyncRecordsOptions): RawTable[] {
  const seed = options.seed ?? 7;
  return syncStreamRecords(tenant, platform, options).map((s) => {
    const t = tableOf(tenant, platform, s.stream);
    const write = writeOf(s.settings);
    return { ...t, stream: s.stream, columns: destinationColumns(s.schema), rows: toRows(t, s, write, { emittedAt: options.emittedAt, syncId: options.syncId ?? 0, seed }), write };
  });
}

/** Options of {@link generateRawHistory}. */
export interface RawHistoryOptions {
  /** The last sync's time (epoch ms); the data is fresh as of it. */
  asOf: number;
  /** Days of daily syncs. @default 90 */
  days?: number;
  /** Seed. @default 7 */
  seed?: number;
  /** Streams to include per platform. @default each account's `streams`, else every stream */
  streams?: readonly string[];
}

/**
 * The raw tables after `days` daily syncs ending at `asOf`, for every tenant and platform,
 * computed directly: what the final tables hold under each stream's destination mode.
 * Dimension streams hold the last sync's records; an `append_dedup` stats table holds one
 * row per key, the latest restatement (a day read `A` days before `asOf` was last read by
 * the sync `max(A - lookback, 0)` days before it, at age `min(A, lookback)`). A test holds
 * this equal to replaying the syncs through the same destination modes.
 *
 * @param tenants The tenants.
 * @param options End time, length, seed.
 * @returns One {@link RawTable} per tenant table.
 * @throws {RangeError} When two platforms of a tenant would write the same table (same prefix and stream name).
 * @example
 * ```ts
 * import { generateRawHistory } from "./generate-raw-data.ts";
 * const tenant = { slug: "acme", namespace: "raw_acme", prefix: "acme_", platforms: { google_ads: { accountId: "1", currency: "EUR" } } };
 * const tables = generateRawHistory([tenant], { asOf: Date.parse("2026-03-01T07:00:00Z"), days: 10 });
 * console.assert(tables.length === 1 && tables[0]?.table === "acme_campaign_performance");
 * ```
 */
export function generateRawHistory(tenants: readonly RawTenant[], options: RawHistoryOptions): RawTable[] {
  const days = options.days ?? 90;
  const seed = options.seed ?? 7;
  const firstDay = isoDay(options.asOf - days * DAY);
  const tables: RawTable[] = [];
  const owners = new Map<string, string>();
  for (const tenant of tenants) {
    for (const platform of Object.keys(tenant.platforms) as RawPlatform[]) {
      const base: SyncRecordsOptions = { emittedAt: options.asOf, seed, syncId: days, firstDay, ...(options.streams === undefined ? {} : { streams: options.streams }) };
      const last = syncRecords(tenant, platform, base);
      const lookback = recordAccount(tenant, platform, seed, undefined)?.lookback ?? 1;
      for (const table of last) {
        const key = `${table.schema}.${table.table}`;
        const owner = owners.get(key);
        if (owner !== undefined) throw new RangeError(`Raw table '${key}' would be written by both '${owner}' and '${tenant.slug}:${platform}': give one connection its own prefix`);
        owners.set(key, `${tenant.slug}:${platform}`);
        if (table.write?.mode !== "append_dedup" || table.stream === undefined || RAW_STREAMS[platform].find((s) => s.stream === table.stream)?.kind !== "stats") {
          tables.push(table);
          continue;
        }
        // Days older than the lookback were last restated by an earlier sync.
        const rows = [...table.rows];
        for (let j = 1; j <= days - 1; j++) {
          const emittedAt = options.asOf - j * DAY;
          const day = isoDay(emittedAt - lookback * DAY);
          if (day < firstDay) break;
          const [older] = syncRecords(tenant, platform, { ...base, emittedAt, syncId: days - j, streams: [table.stream], ages: [lookback] });
          rows.push(...(older?.rows ?? []));
        }
        tables.push({ ...table, rows });
      }
    }
  }
  return tables;
}
