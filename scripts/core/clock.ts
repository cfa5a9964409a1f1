/** Time as the domain sees it: injected, so tests never sleep for real. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, or rejects with the signal's reason when
   * it is aborted first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
