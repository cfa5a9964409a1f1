import type { PlatformConfig } from "../../schemas/platform.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import { DEFAULT_VOLUME_SETTINGS, type VolumeAnomalySettings } from "./volume-anomaly.ts";

/** How health judges volume anomalies, from `platform.yml` `anomalies:`. */
export interface VolumePolicy {
  /** Whether the `volume_anomaly` check runs. */
  enabled: boolean;
  /** Only connections of these schedule groups; undefined: every group. */
  groups: readonly string[] | undefined;
  /** The detector's thresholds. */
  settings: VolumeAnomalySettings;
  /** Days of job history the detector needs: the baseline weeks, the decline test's two-week gap and today. */
  historyDays: number;
  /** Bound on the jobs read per connection. */
  maxJobs: number;
}

/**
 * The volume anomaly policy from `platform.yml` (pure); an absent section
 * means the defaults ({@link DEFAULT_VOLUME_SETTINGS}, every group, 1500 jobs).
 *
 * @param platform The platform config.
 * @returns The policy.
 * @example
 * ```ts
 * import { volumePolicy } from "./volume-policy.ts";
 * import { makePlatformConfig } from "../config/testing.ts";
 * const policy = volumePolicy(makePlatformConfig({ anomalies: { z_threshold: 5 } as never }));
 * console.assert(policy.enabled && policy.settings.zThreshold === 5 && policy.historyDays === 57);
 * ```
 */
export function volumePolicy(platform: PlatformConfig): VolumePolicy {
  const a = platform.anomalies;
  const d = DEFAULT_VOLUME_SETTINGS;
  const settings: VolumeAnomalySettings = {
    minHistoryDays: a?.min_history_days ?? d.minHistoryDays,
    baselineWeeks: a?.baseline_weeks ?? d.baselineWeeks,
    zThreshold: a?.z_threshold ?? d.zThreshold,
    spikeRatio: a?.spike_ratio ?? d.spikeRatio,
    dropRatio: a?.drop_ratio ?? d.dropRatio,
    declineRatio: a?.decline_ratio ?? d.declineRatio,
    minRecords: a?.min_records ?? d.minRecords,
  };
  return {
    enabled: a?.enabled ?? true,
    groups: a?.schedule_groups,
    settings,
    historyDays: 7 * settings.baselineWeeks + 15,
    maxJobs: a?.max_jobs_per_connection ?? 1500,
  };
}

/**
 * Whether a connection's volume is judged under a policy.
 *
 * @param policy The policy.
 * @param connection The connection.
 * @returns True when enabled, active and in one of the policy's groups.
 * @example
 * ```ts
 * import { judgesVolume, volumePolicy } from "./volume-policy.ts";
 * import { makeConnection, makePlatformConfig } from "../config/testing.ts";
 * console.assert(judgesVolume(volumePolicy(makePlatformConfig()), makeConnection()));
 * ```
 */
export function judgesVolume(policy: VolumePolicy, connection: ResolvedConnection): boolean {
  return policy.enabled && connection.status === "active" && (policy.groups === undefined || policy.groups.includes(connection.scheduleGroup));
}
