/**
 * Maps items with at most `limit` calls of `fn` in flight, keeping order.
 * `fn` is expected not to throw (the sync engine turns failures into outcomes);
 * if it does, the first error is thrown after the running calls finish.
 *
 * @param items The items.
 * @param limit Most concurrent calls (at least 1).
 * @param fn The work for one item.
 * @returns The results, in the order of `items`.
 */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
  return results;
}
