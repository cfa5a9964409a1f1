import type { ResolvedConnection } from "../config/mod.ts";
import { iso, RUNBOOK } from "./_shared.ts";
import { dailyStreamRecords, localDay, type StreamSeries } from "./daily-stream-records.ts";
import type { HealthCheck, JobHistoryResult, Severity, VolumeAnomalyStatus } from "./types.ts";
import { detectVolumeAnomaly, type VolumeAnomalySettings, type VolumeFinding, shiftDay } from "./volume-anomaly.ts";

/** Options of {@link evaluateVolumeAnomaly}. */
export interface EvaluateVolumeAnomalyOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** The tenant's IANA zone: days are tenant-local. */
  timeZone: string;
  /** The detector's thresholds (`volumePolicy(platform).settings`). */
  settings: VolumeAnomalySettings;
}

/** The alarm status of each alarming verdict (the others are `ok` or `not_checked`). */
export const VOLUME_ALARM_STATUS: Readonly<Record<string, VolumeAnomalyStatus>> = { zero: "volume_zero", spike: "volume_spike", drop: "volume_drop", decline: "volume_decline" };
const STATUS = VOLUME_ALARM_STATUS;

function count(n: number | null): string {
  return n === null ? "unknown" : Math.round(n).toLocaleString("en-US");
}

/**
 * A finding in words, with the numbers (shared by the Airbyte and the
 * staging volume checks).
 *
 * @param f The finding.
 * @param what Who ("Stream 'ads_insights'").
 * @param words The verb and unit ("committed", "records"), and what a day without data means.
 * @returns The message.
 * @example
 * ```ts
 * import { describeVolumeFinding } from "./evaluate-volume-anomaly.ts";
 * const m = describeVolumeFinding({ day: "2026-03-01", verdict: "no_data", observed: null, expected: null, ratio: null, score: null, baseline: { from: "2026-01-18", to: "2026-02-28", days: 0, sameWeekdayDays: 0 } }, "Stream 's'");
 * console.assert(m.startsWith("No successful sync"));
 * ```
 */
export function describeVolumeFinding(f: VolumeFinding, what: string, words: { verb: string; unit: string; noData: string } = { verb: "committed", unit: "records", noData: "No successful sync" }): string {
  const b = f.baseline;
  const window = `${b.from}..${b.to}`;
  const { verb, unit } = words;
  switch (f.verdict) {
    case "zero":
      return `${what} ${verb} 0 ${unit} on ${f.day}; expected ≈ ${count(f.expected)} (median of ${b.sameWeekdayDays} same weekdays in ${window}), modified z ${f.score}`;
    case "spike":
    case "drop":
      return `${what} ${verb} ${count(f.observed)} ${unit} on ${f.day}, ${f.ratio}× the expected ≈ ${count(f.expected)} (median of ${b.sameWeekdayDays} same weekdays in ${window}), modified z ${f.score}`;
    case "decline":
      return `${what} averaged ${count(f.observed)} ${unit}/day over ${b.recent?.from}..${b.recent?.to}, ${f.ratio}× the expected ${count(f.expected)}/day (weekday medians of ${window}), level z ${f.score}`;
    case "not_enough_history":
      return `Not enough history: ${b.days} day(s) with data in ${window}, needs the minimum before judging ${f.day}`;
    case "no_data":
      return `${words.noData} on ${f.day}; volume not judged`;
    default:
      return `${what}: ${count(f.observed)} ${unit} on ${f.day}, expected ≈ ${count(f.expected)} (ratio ${f.ratio ?? "n/a"}, modified z ${f.score ?? "n/a"})`;
  }
}

function row(connection: ResolvedConnection, s: StreamSeries, f: VolumeFinding, options: EvaluateVolumeAnomalyOptions, connectionId: string): HealthCheck {
  const alarm = STATUS[f.verdict];
  const status: VolumeAnomalyStatus = alarm ?? (f.verdict === "ok" ? "ok" : "not_checked");
  const severity: Severity = status === "volume_zero" ? "critical" : alarm !== undefined ? "warning" : "ok";
  const what = s.stream === undefined ? "The connection (all streams)" : `Stream '${s.stream}'`;
  const sinceDay = f.verdict === "decline" ? f.baseline.recent?.from : f.day;
  return {
    tenant: connection.tenant,
    check: "volume_anomaly",
    subject: s.stream === undefined ? connection.name : `${connection.name}/${s.stream}`,
    status,
    severity,
    message: describeVolumeFinding(f, what),
    since: alarm === undefined || sinceDay === undefined ? null : iso(s.firstJobAt.get(sinceDay)),
    runbook: RUNBOOK.volume,
    details: {
      connection_id: connectionId,
      stream: s.stream ?? null,
      stream_namespace: s.namespace ?? null,
      ...volumeFindingDetails(f, { timeZone: options.timeZone, zThreshold: options.settings.zThreshold }),
    },
  };
}

/**
 * A finding's numbers as a health row's details (shared by the Airbyte and
 * the staging volume checks).
 *
 * @param f The finding.
 * @param facts The zone its day is in and the z threshold it was judged with.
 * @returns The details' fields: day, verdict, observed, expected, ratio, score, baseline.
 * @example
 * ```ts
 * import { volumeFindingDetails } from "./evaluate-volume-anomaly.ts";
 * const d = volumeFindingDetails({ day: "2026-03-01", verdict: "no_data", observed: null, expected: null, ratio: null, score: null, baseline: { from: "2026-01-18", to: "2026-02-28", days: 0, sameWeekdayDays: 0 } }, { timeZone: "UTC", zThreshold: 3.5 });
 * console.assert(d.verdict === "no_data" && d.z_threshold === 3.5);
 * ```
 */
export function volumeFindingDetails(f: VolumeFinding, facts: { timeZone: string; zThreshold: number }): Record<string, string | number | null> {
  return {
    day: f.day,
    time_zone: facts.timeZone,
    verdict: f.verdict,
    observed: f.observed,
    expected: f.expected,
    ratio: f.ratio,
    score: f.score,
    z_threshold: facts.zThreshold,
    baseline_from: f.baseline.from,
    baseline_to: f.baseline.to,
    baseline_days: f.baseline.days,
    same_weekday_days: f.baseline.sameWeekdayDays,
    ...(f.baseline.recent ? { recent_from: f.baseline.recent.from, recent_to: f.baseline.recent.to } : {}),
  };
}

/**
 * Judges a connection's records per stream and tenant-local day (pure): the
 * newest complete day (yesterday in the tenant's zone; today is still
 * syncing) against the stream's own history with {@link detectVolumeAnomaly}.
 * A `volume_anomaly` row per stream with an anomaly (subject
 * `<connection>/<stream>`, or the connection when Airbyte gave no per-stream
 * stats): `volume_zero` (critical: data stopped), `volume_spike`,
 * `volume_drop`, `volume_decline` (warnings); and one row for the
 * connection about the other streams: `ok` when any was judged in range,
 * else `not_checked` ("not enough history", or no sync that day), with each
 * stream's numbers in its details.
 * Inactive connections and unreadable histories give no rows (the
 * `airbyte_sync` check reports those).
 *
 * @param connection The connection.
 * @param history Its job history (the policy's `historyDays` of it).
 * @param options Clock reading, the tenant's zone and thresholds.
 * @returns The rows.
 * @example
 * ```ts
 * import { evaluateVolumeAnomaly } from "./evaluate-volume-anomaly.ts";
 * import { DEFAULT_VOLUME_SETTINGS } from "./volume-anomaly.ts";
 * import { makeConnection } from "../config/testing.ts";
 * const rows = evaluateVolumeAnomaly(makeConnection(), { ok: true, connectionId: "c", jobs: [] }, { now: Date.UTC(2026, 2, 2), timeZone: "UTC", settings: DEFAULT_VOLUME_SETTINGS });
 * console.assert(rows.length === 1 && rows[0]?.status === "not_checked");
 * ```
 */
export function evaluateVolumeAnomaly(connection: ResolvedConnection, history: JobHistoryResult, options: EvaluateVolumeAnomalyOptions): HealthCheck[] {
  if (connection.status !== "active" || !history.ok) return [];
  const day = shiftDay(localDay(options.now, options.timeZone), -1);
  const all = dailyStreamRecords(history.jobs, { timeZone: options.timeZone, day });
  const judged = all.map((s) => ({ s, f: detectVolumeAnomaly(s.series, { day, settings: options.settings }) }));
  // A row per stream that alarms; the streams in range share one row for the connection (a Meta
  // connection syncs 30 streams: the table and the report stay readable).
  const alarms = judged.filter(({ f }) => STATUS[f.verdict] !== undefined);
  const quiet = judged.filter(({ f }) => STATUS[f.verdict] === undefined);
  const rows = alarms.map(({ s, f }) => row(connection, s, f, options, history.connectionId));
  if (quiet.length > 0 || rows.length === 0) rows.push(summary(connection, quiet, { day, alarms: alarms.length, options, connectionId: history.connectionId }));
  return rows;
}

function summary(
  connection: ResolvedConnection,
  quiet: readonly { s: StreamSeries; f: VolumeFinding }[],
  facts: { day: string; alarms: number; options: EvaluateVolumeAnomalyOptions; connectionId: string },
): HealthCheck {
  const ok = quiet.filter(({ f }) => f.verdict === "ok");
  const young = quiet.filter(({ f }) => f.verdict === "not_enough_history");
  const days = Math.max(0, ...quiet.map(({ f }) => f.baseline.days));
  const parts = [`${ok.length} in range`, ...(young.length > 0 ? [`${young.length} without enough history`] : []), ...(quiet.length - ok.length - young.length > 0 ? [`${quiet.length - ok.length - young.length} without a successful sync that day`] : [])];
  const message = ok.length === 0 && young.length === quiet.length
    ? `Not enough history for volume anomalies: ${days} day(s) with data before ${facts.day}, needs ${facts.options.settings.minHistoryDays}`
    : `${quiet.length} stream(s) on ${facts.day}: ${parts.join(", ")}${facts.alarms > 0 ? `; ${facts.alarms} more with an anomaly (own rows)` : ""}`;
  return {
    tenant: connection.tenant,
    check: "volume_anomaly",
    subject: connection.name,
    status: ok.length > 0 ? "ok" : "not_checked",
    severity: "ok",
    message,
    since: null,
    runbook: RUNBOOK.volume,
    details: {
      connection_id: facts.connectionId,
      day: facts.day,
      time_zone: facts.options.timeZone,
      min_history_days: facts.options.settings.minHistoryDays,
      streams: quiet.slice(0, 50).map(({ s, f }) => ({ stream: s.stream ?? null, verdict: f.verdict, observed: f.observed, expected: f.expected, ratio: f.ratio, score: f.score, baseline_days: f.baseline.days })),
    },
  };
}
