import * as v from "valibot";
import type { Files } from "../core/mod.ts";
import { type RotationRecord, SecretFingerprintFileSchema } from "../../schemas/secret-fingerprints.ts";

export type { RotationRecord };

/** Recorded secret fingerprints, by managed key then field. */
export type FingerprintRecord = Record<string, Record<string, string>>;

/** What the fingerprint file holds: fingerprints and, when recorded, rotation dates. */
export interface FingerprintStore {
  /** Fingerprints by managed key, then field. */
  fingerprints: FingerprintRecord;
  /** Rotation dates by managed key, then field (empty for a file written before dates were kept). */
  rotations: RotationRecord;
}

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
 * Parses the fingerprint file's text; unreadable or foreign text is an empty
 * store, and a file without `rotations` (written before dates were kept) has
 * no rotation dates.
 *
 * @param text The file's text, or undefined when it is missing.
 * @returns The store.
 * @example
 * ```ts
 * import { parseFingerprintStore } from "./fingerprint-store.ts";
 * const old = parseFingerprintStore('{"fingerprints":{"adops:acme:meta_metrics":{"credentials.access_token":"hmac:0123456789abcdef"}}}');
 * console.assert(Object.keys(old.rotations).length === 0);
 * ```
 */
export function parseFingerprintStore(text: string | undefined): FingerprintStore {
  if (text === undefined) return { fingerprints: {}, rotations: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { fingerprints: {}, rotations: {} };
  }
  const parsed = v.safeParse(SecretFingerprintFileSchema, json);
  if (!parsed.success) return { fingerprints: {}, rotations: {} };
  return { fingerprints: parsed.output.fingerprints, rotations: parsed.output.rotations ?? {} };
}

/**
 * Reads recorded fingerprints and rotation dates; a missing or unreadable file is an empty store.
 *
 * @param files The file system.
 * @param path The file.
 * @returns The store.
 */
export async function readFingerprintStore(files: Files, path: string): Promise<FingerprintStore> {
  return parseFingerprintStore(await files.tryReadText(path));
}

/**
 * Reads recorded fingerprints; a missing or unreadable file is an empty record.
 *
 * @param files The file system.
 * @param path The file.
 * @returns The record.
 */
export async function readFingerprints(files: Files, path: string): Promise<FingerprintRecord> {
  return (await readFingerprintStore(files, path)).fingerprints;
}

function sortedDeep<T>(record: Record<string, Record<string, T>>): Record<string, Record<string, T>> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, Object.fromEntries(Object.entries(record[k] ?? {}).sort(([a], [b]) => a.localeCompare(b)))]));
}

/**
 * Writes fingerprints and rotation dates (sorted, stable output).
 *
 * @param files The file system.
 * @param path The file.
 * @param record The fingerprints.
 * @param rotations The rotation dates (see `recordRotations`). @default none
 */
export async function writeFingerprints(files: Files, path: string, record: FingerprintRecord, rotations: RotationRecord = {}): Promise<void> {
  const body = {
    comment: "Keyed HMAC fingerprints of Airbyte source secrets (adops provision) and when each first appeared; never values",
    fingerprints: sortedDeep(record),
    rotations: sortedDeep(rotations),
  };
  await files.writeText(path, `${JSON.stringify(body, null, 2)}\n`);
}
