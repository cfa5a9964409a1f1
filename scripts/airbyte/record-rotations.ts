import type { FingerprintRecord, RotationRecord } from "./fingerprint-store.ts";

/**
 * Moves the rotation dates forward after provisioning (pure). Per managed key
 * and secret field of `next`:
 * - a fingerprint that differs from `previous` (or is new) was rotated now:
 *   `rotated_at` = now (`first_seen_at` kept, or now for a new field);
 * - an unchanged fingerprint keeps its dates;
 * - an unchanged fingerprint with no dates on record (a file written before
 *   dates were kept) gets now for both, marked `estimated`: the secret is at
 *   least that old.
 * Fields no longer fingerprinted lose their dates. Values are never seen here,
 * only fingerprints.
 *
 * @param previous Fingerprints recorded before this run.
 * @param next Fingerprints after this run.
 * @param options The recorded dates and the clock reading (epoch ms).
 * @returns The rotation dates to record.
 * @example
 * ```ts
 * import { recordRotations } from "./record-rotations.ts";
 * const before = { "adops:acme:meta_metrics": { "credentials.access_token": "hmac:aaaa" } };
 * const after = { "adops:acme:meta_metrics": { "credentials.access_token": "hmac:bbbb" } };
 * const dates = recordRotations(before, after, { rotations: {}, now: Date.UTC(2026, 9, 3) });
 * console.assert(dates["adops:acme:meta_metrics"]?.["credentials.access_token"]?.rotated_at === "2026-10-03T00:00:00.000Z");
 * ```
 */
export function recordRotations(
  previous: FingerprintRecord,
  next: FingerprintRecord,
  options: { rotations: RotationRecord; now: number },
): RotationRecord {
  const at = new Date(options.now).toISOString();
  const out: RotationRecord = {};
  for (const [key, fields] of Object.entries(next)) {
    const dates: RotationRecord[string] = {};
    for (const [field, fingerprint] of Object.entries(fields)) {
      const before = previous[key]?.[field];
      const known = options.rotations[key]?.[field];
      if (before === undefined || before !== fingerprint) dates[field] = { rotated_at: at, first_seen_at: known?.first_seen_at ?? at };
      else if (known !== undefined) dates[field] = known;
      else dates[field] = { rotated_at: at, first_seen_at: at, estimated: true };
    }
    if (Object.keys(dates).length > 0) out[key] = dates;
  }
  return out;
}
