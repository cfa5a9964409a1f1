import * as v from "valibot";

/** When one secret field's current fingerprint was first seen (the rotation date), never the value. */
export const SecretRotationSchema = v.pipe(
  v.object({
    rotated_at: v.pipe(v.string(), v.isoTimestamp(), v.description("When this field's current fingerprint first appeared (the secret was set or rotated), ISO 8601")),
    first_seen_at: v.pipe(v.string(), v.isoTimestamp(), v.description("When adops first recorded any fingerprint for this key and field, ISO 8601")),
    estimated: v.optional(v.pipe(
      v.boolean(),
      v.description("True when the fingerprint was on record before dates were kept: rotated_at is the first time adops saw it, the real rotation is older"),
    )),
  }),
  v.description("The rotation date of one secret field"),
);

/**
 * `reports/state/airbyte-secret-fingerprints.json`, written by `adops provision`:
 * keyed HMAC fingerprints per managed key and secret field, and since issue #13
 * when each was first seen. A file without `rotations` (older adops) reads fine.
 */
export const SecretFingerprintFileSchema = v.pipe(
  v.object({
    comment: v.optional(v.string()),
    fingerprints: v.pipe(v.record(v.string(), v.record(v.string(), v.string())), v.description("By managed key (adops:<tenant>:<template>), then secret field: hmac:<16 hex>")),
    rotations: v.optional(v.pipe(
      v.record(v.string(), v.record(v.string(), SecretRotationSchema)),
      v.description("By managed key, then secret field: when its current fingerprint appeared"),
    )),
  }),
  v.description("Secret fingerprints and rotation dates (never values)"),
);

/** One secret field's rotation date. */
export type SecretRotation = v.InferOutput<typeof SecretRotationSchema>;

/** Rotation dates by managed key, then secret field. */
export type RotationRecord = Record<string, Record<string, SecretRotation>>;
