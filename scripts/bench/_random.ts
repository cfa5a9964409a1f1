/**
 * A small seeded random generator (mulberry32), so benchmark runs repeat
 * exactly for the same seed.
 *
 * @param seed Any 32-bit integer.
 * @returns A function giving numbers in [0, 1).
 * @example
 * ```ts
 * import { seededRandom } from "./_random.ts";
 * const a = seededRandom(7);
 * const b = seededRandom(7);
 * console.assert(a() === b());
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
