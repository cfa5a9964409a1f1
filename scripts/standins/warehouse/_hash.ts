// Deterministic pseudo-randomness keyed by text, so any slice of the raw data
// (one sync, one day) can be generated on its own and still agree with the rest.

/**
 * A 32-bit hash of text (FNV-1a, then a murmur3 finaliser).
 *
 * @param text Any text.
 * @returns An unsigned 32-bit integer.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A number in [0, 1) derived from text.
 *
 * @param text The key.
 * @returns The number.
 */
export function unit(text: string): number {
  return hash32(text) / 4294967296;
}

/**
 * A UUID-shaped id derived from text (stable across runs).
 *
 * @param text The key.
 * @returns `xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx`.
 */
export function stableId(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash32(`${i}:${text}`).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
