/** Something a run holds until it ends (a worker process). */
export interface Closeable {
  /** Releases it; waits until it is released. */
  close(): Promise<void>;
}

/** What the commands of one run share, closed when the run ends. */
export interface RunScope {
  /**
   * The one value for `key` in this run, made by `create` on first use.
   *
   * @param key What it is (`dbt-worker:<python>`).
   * @param create Makes it.
   * @returns The shared value.
   */
  shared<T extends Closeable>(key: string, create: () => T): T;
  /** Closes everything made so far, newest first; later `shared` calls make new ones. */
  close(): Promise<void>;
}

/**
 * A scope for one run: `runCli` makes one and closes it when the command returns,
 * so a worker started by the first dbt step serves the run's later ones.
 *
 * @returns The scope.
 * @example
 * ```ts
 * import { createRunScope } from "./run-scope.ts";
 * const scope = createRunScope();
 * let closed = 0;
 * const a = scope.shared("k", () => ({ close: () => Promise.resolve(void closed++) }));
 * console.assert(scope.shared("k", () => ({ close: () => Promise.resolve() })) === a);
 * await scope.close();
 * console.assert(closed === 1);
 * ```
 */
export function createRunScope(): RunScope {
  const held = new Map<string, Closeable>();
  return {
    shared<T extends Closeable>(key: string, create: () => T): T {
      const have = held.get(key);
      if (have !== undefined) return have as T;
      const made = create();
      held.set(key, made);
      return made;
    },
    async close() {
      const items = [...held.values()].reverse();
      held.clear();
      const results = await Promise.allSettled(items.map((item) => item.close()));
      const failed = results.find((r) => r.status === "rejected");
      if (failed !== undefined) throw failed.reason;
    },
  };
}
