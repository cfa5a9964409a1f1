import { createHash } from "node:crypto";

/** What a successful sync hands to the destination. */
export interface DestinationBatch {
  /** The connection that synced. */
  connectionId: string;
  /** The tenant slug, when the source is managed by adops (`adops:<tenant>:<template>`). */
  tenantHint?: string;
  /** The connection's destination namespace (`namespaceFormat`, or the destination default). */
  namespace: string;
  /** The stream prefix. */
  prefix: string;
  /** Selected stream names (without prefix). */
  streams: string[];
  /** The selected streams as the connection's configured catalog has them (sync modes, cursor, key); absent in old callers. */
  configuredStreams?: ConfiguredStream[];
  /** The source's definition name, e.g. `Facebook Marketing`. */
  sourceDefinitionName: string;
  /** The source's configuration with secrets masked. */
  sourceConfiguration: Record<string, unknown>;
  /** The sync job id. */
  jobId: number;
  /** When the data was emitted (epoch ms, the stand-in's clock). */
  emittedAt: number;
}

/** One selected stream of a connection's configured catalog. */
export interface ConfiguredStream {
  name: string;
  syncMode: "full_refresh" | "incremental";
  destinationSyncMode: "append" | "overwrite" | "append_dedup" | "overwrite_dedup";
  cursorField: string[];
  primaryKey: string[][];
}

/** What one stream of a sync wrote (a job's `streamStats`). */
export interface StreamWriteStats {
  /** Stream name (without prefix). */
  name: string;
  records: number;
  bytes: number;
}

/** Where a successful sync's data lands (DuckDB, JSONL, or nowhere). */
export interface DestinationWriter {
  /**
   * Writes one sync's data.
   *
   * @param batch What synced.
   * @returns Records and bytes written, in total and per stream; these become the job's stats.
   */
  write(batch: DestinationBatch): Promise<{ records: number; bytes: number; streams?: StreamWriteStats[] }>;
}

/**
 * The default writer: writes nothing and returns plausible, deterministic
 * counts (100 to 5,099 records per stream, ~350 bytes each).
 *
 * @returns The writer.
 * @example
 * ```ts
 * import { createFakeDestinationWriter } from "./destination-writer.ts";
 * const w = createFakeDestinationWriter();
 * const r = await w.write({ connectionId: "c", namespace: "raw", prefix: "", streams: ["a"], sourceDefinitionName: "X", sourceConfiguration: {}, jobId: 1, emittedAt: 0 });
 * console.assert(r.records >= 100 && r.bytes > r.records);
 * ```
 */
export function createFakeDestinationWriter(): DestinationWriter {
  return {
    write(batch) {
      let records = 0;
      for (const stream of batch.streams) {
        const h = createHash("sha256").update(`${batch.connectionId}:${batch.jobId}:${stream}`).digest();
        records += 100 + (h.readUInt32BE(0) % 5000);
      }
      return Promise.resolve({ records, bytes: records * 350 });
    },
  };
}
