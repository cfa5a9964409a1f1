import { zonedParts } from "../config/mod.ts";
import type { SyncJob } from "./types.ts";
import { type VolumeDay, shiftDay } from "./volume-anomaly.ts";

/** One series of records per day: a stream of a connection, or the whole connection. */
export interface StreamSeries {
  /** The stream's name, or undefined for the connection's total (no per-stream stats). */
  stream: string | undefined;
  /** The stream's namespace, when set. */
  namespace: string | undefined;
  /** Records per tenant-local day; days without a successful sync are absent. */
  series: VolumeDay[];
  /** Per day, when its first job was created (epoch ms). */
  firstJobAt: ReadonlyMap<string, number>;
}

/**
 * The tenant-local calendar day of an instant.
 *
 * @param epochMs The instant.
 * @param timeZone The tenant's IANA zone.
 * @returns `YYYY-MM-DD`.
 * @example
 * ```ts
 * import { localDay } from "./daily-stream-records.ts";
 * console.assert(localDay(Date.UTC(2026, 2, 2, 3), "America/Jamaica") === "2026-03-01");
 * ```
 */
export function localDay(epochMs: number, timeZone: string): string {
  // Every zone's offset is a multiple of 15 minutes and changes on such a boundary, so the local
  // day is constant within a quarter hour of UTC: health asks for thousands of job times, mostly
  // the same scheduled quarters across connections, and Intl is slow.
  const key = `${timeZone}|${Math.floor(epochMs / QUARTER_HOUR)}`;
  let day = days.get(key);
  if (day === undefined) {
    const p = zonedParts(epochMs, timeZone);
    day = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    if (days.size >= 50_000) days.clear();
    days.set(key, day);
  }
  return day;
}

const QUARTER_HOUR = 15 * 60_000;
const days = new Map<string, string>();

/**
 * Sums a connection's committed records per stream and tenant-local day
 * (pure). A job counts on the day it was created (when its schedule fired, in
 * the tenant's zone); every finished job's committed records count (a failed
 * attempt may have committed some), but a day is present only when a job
 * succeeded on it: a day without one is a missed sync (the `airbyte_sync`
 * check's business), not a day of zero records. Streams are those a job of
 * the last 7 days (up to `day`) reported: a stream missing from a day's
 * per-stream stats counts 0 that day, and streams no longer synced are left
 * out. Without per-stream stats in that week, the connection's total
 * records make one series (`stream` undefined).
 *
 * @param jobs The connection's jobs (any order).
 * @param options The tenant's zone and the newest day to count (later jobs are ignored).
 * @returns One series per stream, or one for the connection.
 * @example
 * ```ts
 * import { dailyStreamRecords } from "./daily-stream-records.ts";
 * const at = Date.UTC(2026, 2, 2, 15);
 * const job = { id: 1, status: "succeeded" as const, createdAt: at, endedAt: at + 60_000, recordsCommitted: 5, failure: undefined, streams: [{ name: "ads", namespace: undefined, recordsCommitted: 5 }] };
 * const [ads] = dailyStreamRecords([job], { timeZone: "UTC", day: "2026-03-02" });
 * console.assert(ads?.stream === "ads" && ads.series[0]?.records === 5);
 * ```
 */
export function dailyStreamRecords(jobs: readonly SyncJob[], options: { timeZone: string; day: string }): StreamSeries[] {
  const recentFrom = shiftDay(options.day, -6);
  const finished = jobs
    .filter((j) => j.status === "succeeded" || j.status === "failed" || j.status === "cancelled")
    .map((j) => ({ job: j, day: localDay(j.createdAt, options.timeZone) }))
    .filter((j) => j.day <= options.day);
  const firstJobAt = new Map<string, number>();
  const succeededDays = new Set<string>();
  const streamDays = new Set<string>();
  for (const { job, day } of finished) {
    firstJobAt.set(day, Math.min(firstJobAt.get(day) ?? job.createdAt, job.createdAt));
    if (job.status !== "succeeded") continue;
    succeededDays.add(day);
    if (job.streams !== undefined && job.streams.length > 0) streamDays.add(day);
  }
  const key = (name: string, namespace: string | undefined) => `${namespace ?? ""}\u0000${name}`;
  const recent = new Map<string, { name: string; namespace: string | undefined }>();
  for (const { job, day } of finished) {
    if (job.status !== "succeeded" || day < recentFrom) continue;
    for (const s of job.streams ?? []) recent.set(key(s.name, s.namespace), { name: s.name, namespace: s.namespace });
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, records]) => ({ day, records }));
  if (recent.size === 0) {
    const totals = new Map<string, number>();
    for (const { job, day } of finished) {
      if (succeededDays.has(day)) totals.set(day, (totals.get(day) ?? 0) + (job.recordsCommitted ?? 0));
    }
    return [{ stream: undefined, namespace: undefined, series: sorted(totals), firstJobAt }];
  }
  return [...recent.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => {
    const byDay = new Map<string, number>([...streamDays].map((d) => [d, 0]));
    for (const { job, day } of finished) {
      if (!streamDays.has(day)) continue;
      for (const st of job.streams ?? []) if (key(st.name, st.namespace) === k) byDay.set(day, (byDay.get(day) ?? 0) + st.recordsCommitted);
    }
    return { stream: s.name, namespace: s.namespace, series: sorted(byDay), firstJobAt };
  });
}
