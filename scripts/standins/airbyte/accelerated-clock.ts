import type { Clock } from "../../core/mod.ts";

/**
 * A clock that runs `factor` times faster than `base`: an hour of its time
 * passes in 3.6 s at factor 1000. Share it between the stand-in and the code
 * under test so jobs that "take minutes" finish in milliseconds while every
 * timestamp stays consistent.
 *
 * @param factor How many times faster than `base` (must be > 0).
 * @param base The underlying clock (usually the system clock).
 * @returns The accelerated clock; it starts at `base.now()`.
 * @throws {RangeError} When factor is not a positive number.
 * @example
 * ```ts
 * import { createSystemClock } from "../../runtime/clock.ts";
 * import { createAcceleratedClock } from "./accelerated-clock.ts";
 * const clock = createAcceleratedClock(1000, createSystemClock());
 * const t0 = clock.now();
 * await clock.sleep(5_000); // ~5 ms of real time
 * console.assert(clock.now() - t0 >= 5_000);
 * ```
 */
export function createAcceleratedClock(factor: number, base: Clock): Clock {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`Invalid acceleration factor '${factor}': must be a positive number`);
  const origin = base.now();
  return {
    now: () => origin + (base.now() - origin) * factor,
    sleep: (ms, signal) => base.sleep(ms / factor, signal),
  };
}
