import type { Files } from "../core/mod.ts";

/** Recorded secret fingerprints, by managed key then field. */
export type FingerprintRecord = Record<string, Record<string, string>>;

/**
 * Where fingerprints are kept: beside the run reports, so CI commits them
 * with the reports (they are keyed HMACs, never values).
 *
 * @param reportDir The report folder (see `reportDir`).
 * @returns The file path.
 * @example
 * ```ts
 * import { fingerprintPath } from "./fingerprint-store.ts";
 * console.assert(fingerprintPath("reports") === "reports/state/airbyte-secret-fingerprints.json");
 * ```
 */
export function fingerprintPath(reportDir: string): string {
  return `${reportDir}/state/airbyte-secret-fingerprints.json`;
}

/**
 * Reads recorded fingerprints; a missing or unreadable file is an empty record.
 *
 * @param files The file system.
 * @param path The file.
 * @returns The record.
 */
export async function readFingerprints(files: Files, path: string): Promise<FingerprintRecord> {
  const text = await files.tryReadText(path);
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as { fingerprints?: FingerprintRecord };
    return parsed.fingerprints ?? {};
  } catch {
    return {};
  }
}

/**
 * Writes fingerprints (sorted, stable output).
 *
 * @param files The file system.
 * @param path The file.
 * @param record The record.
 */
export async function writeFingerprints(files: Files, path: string, record: FingerprintRecord): Promise<void> {
  const sorted = Object.fromEntries(Object.keys(record).sort().map((k) => [k, Object.fromEntries(Object.entries(record[k] ?? {}).sort(([a], [b]) => a.localeCompare(b)))]));
  await files.writeText(path, `${JSON.stringify({ comment: "Keyed HMAC fingerprints of Airbyte source secrets (adops provision); never values", fingerprints: sorted }, null, 2)}\n`);
}
