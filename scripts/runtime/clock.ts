import type { Clock } from "../core/mod.ts";

/**
 * The real clock.
 *
 * @returns A clock backed by `Date.now` and `setTimeout`.
 * @example
 * ```ts
 * import { createSystemClock } from "./clock.ts";
 * const clock = createSystemClock();
 * await clock.sleep(1);
 * ```
 */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Math.max(0, ms));
        function onAbort() {
          clearTimeout(timer);
          reject(signal?.reason);
        }
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
