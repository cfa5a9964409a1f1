// Backoff maths of retry.ts. Private to scripts/core/.

/** A jitter rule: receives the capped delay and a draw in [0, 1), returns the delay to wait. */
export type JitterFunction = (delay: number, draw: number) => number;

/** What {@link backoffDelay} computes from. */
export interface BackoffSettings {
  /** Delay before the first retry, ms. */
  minTimeout: number;
  /** Growth per retry. */
  multiplier: number;
  /** Cap of the delay before jitter, ms. */
  maxTimeout: number;
  /** Share of the delay drawn at random (0 to 1), or a jitter rule. */
  jitter: number | JitterFunction;
  /** Uniform draws in [0, 1). */
  random: () => number;
}

/**
 * The delay before the retry that follows failed attempt `attempt`:
 * `min(maxTimeout, minTimeout × multiplier^(attempt − 1))`, then jittered.
 * A numeric jitter `j` draws the delay from `[delay × (1 − j), delay)`, so 1
 * is "full jitter" and 0 none; a function gets the capped delay and a draw.
 *
 * @param attempt The attempt that just failed (1-based).
 * @param settings Timeouts, multiplier, jitter and random source.
 * @returns The delay in ms.
 * @example
 * ```ts
 * import { backoffDelay } from "./_backoff.ts";
 * const settings = { minTimeout: 100, multiplier: 2, maxTimeout: 300, jitter: 0, random: Math.random };
 * console.assert([1, 2, 3].map((n) => backoffDelay(n, settings)).join() === "100,200,300");
 * ```
 */
export function backoffDelay(attempt: number, settings: BackoffSettings): number {
  const capped = settings.minTimeout === 0 ? 0 : Math.min(settings.maxTimeout, settings.minTimeout * settings.multiplier ** (attempt - 1));
  const { jitter } = settings;
  if (typeof jitter === "function") return jitter(capped, settings.random());
  if (jitter === 0) return capped;
  return capped * (1 - jitter + jitter * settings.random());
}
