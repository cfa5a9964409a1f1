/** Options of {@link Limiter} calls. */
export interface LimitOptions {
  /** Stops waiting for a slot; the signal's reason is thrown and `fn` never runs. */
  signal?: AbortSignal | undefined;
}

/** Runs `fn` once a slot is free, in call order; resolves or rejects as `fn` does. */
export type Limiter = <T>(fn: () => Promise<T> | T, options?: LimitOptions) => Promise<T>;

/** Options of {@link mapPool} and {@link mapPoolSettled}. */
export interface PoolOptions {
  /**
   * Most calls of `fn` running at once (a positive integer or `Infinity`).
   * @default 4
   */
  limit?: number;
}

function checkLimit(limit: number): void {
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`Cannot pool: 'limit' must be a positive integer, got '${String(limit)}'`);
  }
}

/**
 * A concurrency limiter: at most `limit` tasks run at once, the others wait
 * first come, first served. With a limit of 1 it is a lock. A task whose
 * signal aborts while it waits leaves the queue; the tasks behind it still
 * wait for the ones running.
 *
 * @param limit Most tasks running at once (a positive integer or `Infinity`).
 * @returns The limiter.
 * @throws {RangeError} When `limit` is not a positive integer.
 * @example
 * ```ts
 * import { createLimiter } from "./pool.ts";
 * const lock = createLimiter(1);
 * const order: string[] = [];
 * await Promise.all(["a", "b"].map((x) => lock(async () => { order.push(`${x} in`); await Promise.resolve(); order.push(`${x} out`); })));
 * console.assert(order.join() === "a in,a out,b in,b out");
 * ```
 */
export function createLimiter(limit: number): Limiter {
  checkLimit(limit);
  let active = 0;
  const waiting: (() => void)[] = [];
  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so no later caller can overtake it.
    if (next === undefined) active -= 1;
    else next();
  }
  function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      waiting.push(start);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  return async (fn, options = {}) => {
    options.signal?.throwIfAborted();
    await acquire(options.signal);
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

/**
 * Maps `items` with at most `limit` calls of `fn` in flight; results keep the
 * input order. After a call rejects no new call starts; the running ones
 * finish, then the first rejection is thrown.
 *
 * @param items The inputs.
 * @param fn The work for one item.
 * @param options The concurrency limit.
 * @returns The results, in the order of `items`.
 * @throws {RangeError} When `limit` is not a positive integer.
 * @example
 * ```ts
 * import { mapPool } from "./pool.ts";
 * const doubled = await mapPool([1, 2, 3], (n) => Promise.resolve(n * 2), { limit: 2 });
 * console.assert(doubled.join() === "2,4,6");
 * ```
 */
export async function mapPool<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, options: PoolOptions = {}): Promise<R[]> {
  const run = createLimiter(options.limit ?? 4);
  const results = new Array<R>(items.length);
  let failure: { error: unknown } | undefined;
  await Promise.all(items.map((item, index) =>
    run(async () => {
      if (failure !== undefined) return;
      try {
        results[index] = await fn(item, index);
      } catch (error) {
        failure ??= { error };
      }
    })
  ));
  if (failure !== undefined) throw failure.error;
  return results;
}

/**
 * Like {@link mapPool}, but a rejection never stops the others: each item's
 * result is settled (`{ status: "fulfilled", value }` or
 * `{ status: "rejected", reason }`), in input order.
 *
 * @param items The inputs.
 * @param fn The work for one item.
 * @param options The concurrency limit.
 * @returns Settled results in input order; never rejects.
 * @throws {RangeError} When `limit` is not a positive integer.
 * @example
 * ```ts
 * import { mapPoolSettled } from "./pool.ts";
 * const results = await mapPoolSettled([1, 2], (n) => (n === 1 ? Promise.reject(new Error("No")) : Promise.resolve(n)));
 * console.assert(results[0]?.status === "rejected" && results[1]?.status === "fulfilled");
 * ```
 */
export function mapPoolSettled<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, options: PoolOptions = {}): Promise<PromiseSettledResult<R>[]> {
  return mapPool(items, async (item, index): Promise<PromiseSettledResult<R>> => {
    try {
      return { status: "fulfilled", value: await fn(item, index) };
    } catch (reason) {
      return { status: "rejected", reason };
    }
  }, options);
}
