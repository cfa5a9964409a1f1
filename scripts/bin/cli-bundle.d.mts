// Types of cli-bundle.mjs, for the TypeScript that imports it (tests, the bench).

/** The repository root. */
export declare const ROOT: string;

/**
 * The file URL of the bundle's entry when it is there and no source it was built from changed since.
 *
 * @param dir Where the bundle is. @default .adops/cli
 * @returns The entry's URL, or undefined.
 */
export declare function freshBundle(dir?: string): string | undefined;

/**
 * Builds the bundle into a new .adops/cli/<build>/ and points the manifest at it.
 *
 * @returns The file URL of the new entry.
 */
export declare function buildCliBundle(): Promise<string>;

/**
 * The fresh bundle's entry, building it first when it is missing or stale.
 *
 * @returns The entry's URL, or undefined when it cannot be built.
 */
export declare function ensureCliBundle(): Promise<string | undefined>;
