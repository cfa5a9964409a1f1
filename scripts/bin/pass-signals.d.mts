// Types of pass-signals.mjs, for the TypeScript that imports it (tests).

/** The signals passed on to the child. */
export declare const PASSED_SIGNALS: readonly string[];

/**
 * The exit code for how a child ended: its own code; 130 for SIGINT or SIGTERM; 128 + the signal's number otherwise.
 *
 * @param code The child's exit code.
 * @param signal The signal that killed it.
 * @returns The exit code to end with.
 */
export declare function exitCodeOfChild(code: number | null, signal: string | null): number;

/**
 * Spawns `command`, passes stop signals on, sends SIGTERM when orphaned, and resolves with its exit code.
 *
 * @param command The program.
 * @param args Its arguments.
 * @param options Its environment and how often the parent is checked.
 * @returns The exit code to end with.
 */
export declare function runPassingSignals(command: string, args: string[], options?: { env?: Record<string, string | undefined>; parentCheckMs?: number }): Promise<number>;
