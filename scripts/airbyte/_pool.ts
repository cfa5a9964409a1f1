/**
 * Runs `fn` over `items` with at most `limit` running at once; results keep
 * the input order. A rejection of `fn` is returned as that item's result
 * (`{ ok: false }`) so one failure never stops the others.
 *
 * @param items The inputs.
 * @param limit Maximum concurrency (at least 1).
 * @param fn The work.
 * @returns Settled results in input order.
 */
export async function pooled<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await fn(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
