// Types of when-orphaned.mjs, for the TypeScript that imports it (tests).

/**
 * Calls `callback` once, as soon as this process's parent has gone; the timer keeps nothing alive.
 *
 * @param callback What to do then.
 * @param everyMs How often the parent is checked. @default 200
 * @returns Stops watching.
 */
export declare function whenOrphaned(callback: () => void, everyMs?: number): () => void;
