import type { Clock } from "./clock.ts";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A clock for tests: time moves only when told to, or by itself when idle. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every sleep that falls due, in order. */
  advance(ms: number): Promise<void>;
  /** Sets the time (never backwards). */
  set(ms: number): Promise<void>;
  /** How many sleeps are waiting. */
  pending(): number;
}

/**
 * A fake clock. With `autoAdvance` (the default) it jumps to the next timer
 * whenever the program has nothing else to do but wait, so code that sleeps
 * for hours finishes at once while keeping its order of events.
 *
 * @param options Start time and whether to advance by itself.
 * @returns The fake clock.
 * @example
 * ```ts
 * import { createFakeClock } from "./fake-clock.ts";
 * const clock = createFakeClock({ start: 0 });
 * await clock.sleep(60_000);
 * console.assert(clock.now() === 60_000);
 * ```
 */
export function createFakeClock(options: { start?: number; autoAdvance?: boolean } = {}): FakeClock {
  let now = options.start ?? Date.UTC(2026, 10, 23, 12, 0, 0);
  const autoAdvance = options.autoAdvance ?? true;
  let timers: Timer[] = [];
  let seq = 0;
  let scheduled = false;

  function fireDue(): void {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    while (timers[0] !== undefined && timers[0].at <= now) {
      const timer = timers.shift() as Timer;
      timer.resolve();
    }
  }

  function scheduleAuto(): void {
    if (!autoAdvance || scheduled) return;
    scheduled = true;
    // A real macrotask: every microtask (all in-process work) runs first.
    setTimeout(() => {
      scheduled = false;
      if (timers.length === 0) return;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = timers[0] as Timer;
      now = Math.max(now, first.at);
      fireDue();
      if (timers.length > 0) scheduleAuto();
    }, 0);
  }

  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        function onAbort() {
          timers = timers.filter((t) => t !== timer);
          reject(signal?.reason);
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        timers.push(timer);
        scheduleAuto();
      });
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const first = timers[0];
        if (first === undefined || first.at > target) break;
        now = Math.max(now, first.at);
        fireDue();
        await new Promise<void>((r) => setTimeout(r, 0));
      }
      now = target;
    },
    async set(ms) {
      if (ms > now) await this.advance(ms - now);
    },
    pending: () => timers.length,
  };
}
