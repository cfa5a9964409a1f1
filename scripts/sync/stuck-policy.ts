import type { PlatformConfig } from "../../schemas/mod.ts";

/** When a running job that shows no progress is declared stuck (and cancelled). */
export interface StuckPolicy {
  /** Polls in a row that saw no change of records, bytes, attempts or status. @default 3 */
  stuckPolls: number;
  /**
   * And the least time without change (ms). While a job runs, no wait between
   * polls is longer than `stuckMinMs / stuckPolls`, so a frozen job is found
   * within about `stuckMinMs` plus two such waits of freezing. @default 300_000
   */
  stuckMinMs: number;
}

/** The default: 3 polls and 5 minutes without change, so a frozen job is declared stuck within 10 minutes. */
export const DEFAULT_STUCK_POLICY: StuckPolicy = { stuckPolls: 3, stuckMinMs: 300_000 };

/**
 * The stuck policy from `platform.yml` `sync:` (`stuck_after_minutes`,
 * `stuck_polls`), with {@link DEFAULT_STUCK_POLICY} for what it leaves out.
 *
 * @param sync The `sync:` section, when platform.yml has one.
 * @returns The policy in milliseconds.
 * @example
 * ```ts
 * import { stuckPolicyFromConfig } from "./stuck-policy.ts";
 * console.assert(stuckPolicyFromConfig({ stuck_after_minutes: 20 }).stuckMinMs === 1_200_000);
 * console.assert(stuckPolicyFromConfig(undefined).stuckPolls === 3);
 * ```
 */
export function stuckPolicyFromConfig(sync: PlatformConfig["sync"]): StuckPolicy {
  return {
    stuckPolls: sync?.stuck_polls ?? DEFAULT_STUCK_POLICY.stuckPolls,
    stuckMinMs: sync?.stuck_after_minutes === undefined ? DEFAULT_STUCK_POLICY.stuckMinMs : sync.stuck_after_minutes * 60_000,
  };
}
