import { DAY, RUNBOOK } from "./_shared.ts";
import { localDay } from "./daily-stream-records.ts";
import { describeVolumeFinding, VOLUME_ALARM_STATUS, volumeFindingDetails } from "./evaluate-volume-anomaly.ts";
import type { ArtifactRead, DbtStagingSnapshot, HealthCheck, Severity, VolumeAnomalyStatus } from "./types.ts";
import { detectVolumeAnomaly, shiftDay, type VolumeAnomalySettings, type VolumeDay } from "./volume-anomaly.ts";

/** One tenant whose staging rows are judged, and on which platforms. */
export interface StagingVolumeScope {
  /** The tenant slug. */
  slug: string;
  /** The tenant's IANA zone: the day before the dbt run's day there is judged. */
  timeZone: string;
  /** Platforms with an active connection the volume policy judges. */
  platforms: readonly string[];
}

/** The series of one tenant-platform as the detector reads it: zeros after its last day up to the judged day. */
function seriesUntil(s: DbtStagingSnapshot["volume"]["series"][number], day: string): VolumeDay[] {
  const out = s.source_rows.map((records, i) => ({ day: shiftDay(s.from, i), records }));
  for (let d = shiftDay(s.from, out.length); d <= day; d = shiftDay(d, 1)) out.push({ day: d, records: 0 });
  return out;
}

/**
 * Judges the staging models' raw rows per tenant, platform and stat_date
 * (the latest dbt run's `staging_volume`; pure) with the same detector and
 * thresholds as Airbyte's records ({@link detectVolumeAnomaly}). One
 * `volume_anomaly` row per tenant and platform in scope with rows in the
 * snapshot, subject `dbt:<platform> staging rows`: `volume_zero` (critical),
 * `volume_spike`, `volume_drop`, `volume_decline` (warnings), else `ok` or
 * `not_checked`. The day judged is the day before the dbt run's day in the
 * tenant's zone: stat_date is the ad account's day, and the run's own day is
 * still being synced (the same rule as the Airbyte check's "yesterday"). A
 * day without rows between the series' first day and the judged day counts
 * 0; days before its first are no history. No snapshot (no report, a run
 * that built no staging model, a failed count): no rows.
 *
 * @param snapshot The staging volume read from the latest dbt report.
 * @param options The tenants and platforms to judge, and the thresholds.
 * @returns The rows.
 * @example
 * ```ts
 * import { evaluateStagingVolume } from "./evaluate-staging-volume.ts";
 * import { DEFAULT_VOLUME_SETTINGS } from "./volume-anomaly.ts";
 * const rows = evaluateStagingVolume({ ok: false, reason: "missing", message: "none" }, { scope: [], settings: DEFAULT_VOLUME_SETTINGS });
 * console.assert(rows.length === 0);
 * ```
 */
export function evaluateStagingVolume(
  snapshot: ArtifactRead<DbtStagingSnapshot> | undefined,
  options: { scope: readonly StagingVolumeScope[]; settings: VolumeAnomalySettings },
): HealthCheck[] {
  if (snapshot === undefined || !snapshot.ok) return [];
  const { volume, generatedAt, runId } = snapshot.value;
  const rows: HealthCheck[] = [];
  for (const tenant of options.scope) {
    const day = shiftDay(localDay(generatedAt, tenant.timeZone), -1);
    for (const platform of tenant.platforms) {
      const s = volume.series.find((x) => x.tenant === tenant.slug && x.platform === platform);
      if (s === undefined || s.from > day) continue;
      const f = detectVolumeAnomaly(seriesUntil(s, day), { day, settings: options.settings });
      const alarm = VOLUME_ALARM_STATUS[f.verdict];
      const status: VolumeAnomalyStatus = alarm ?? (f.verdict === "ok" ? "ok" : "not_checked");
      const severity: Severity = status === "volume_zero" ? "critical" : alarm !== undefined ? "warning" : "ok";
      const sinceDay = f.verdict === "decline" ? f.baseline.recent?.from : f.day;
      const at = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${s.from}T00:00:00Z`)) / DAY);
      rows.push({
        tenant: tenant.slug,
        check: "volume_anomaly",
        subject: `dbt:${platform} staging rows`,
        status,
        severity,
        message: describeVolumeFinding(f, `${platform}'s staging model (${volume.model})`, { verb: "counted", unit: "raw rows", noData: "No staging rows" }),
        since: alarm === undefined || sinceDay === undefined ? null : `${sinceDay}T00:00:00.000Z`,
        runbook: RUNBOOK.volume,
        details: {
          source: "dbt_staging",
          model: volume.model,
          platform,
          dbt_run_id: runId,
          campaign_days: s.campaign_days[at] ?? 0,
          ...volumeFindingDetails(f, { timeZone: tenant.timeZone, zThreshold: options.settings.zThreshold }),
        },
      });
    }
  }
  return rows;
}
