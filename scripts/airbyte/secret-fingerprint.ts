import { createHmac } from "node:crypto";

/**
 * A keyed fingerprint of one secret value (HMAC-SHA-256, 16 hex digits):
 * safe to store in reports, useless without the key, and enough to tell
 * that a secret changed without ever comparing or showing values.
 *
 * @param key The fingerprint key (`ADOPS_FINGERPRINT_KEY`).
 * @param field The connector field (part of the message, so equal values in two fields differ).
 * @param value The secret value.
 * @returns E.g. `hmac:9f86d081884c7d65`.
 * @example
 * ```ts
 * import { fingerprintSecret } from "./secret-fingerprint.ts";
 * console.assert(fingerprintSecret("k", "token", "a") !== fingerprintSecret("k", "token", "b"));
 * ```
 */
export function fingerprintSecret(key: string, field: string, value: string): string {
  return `hmac:${createHmac("sha256", key).update(`${field}\u0000${value}`).digest("hex").slice(0, 16)}`;
}
