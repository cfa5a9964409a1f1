// A generated report history (sync, health, dbt, orchestrate reports, the
// incident state and the status memory) for the site's tests and benchmark.
import type { Incident, IncidentState } from "../../schemas/incident.ts";
import type { RunReport } from "../../schemas/report.ts";
import { rollupMonth } from "./rollup-reports.ts";
import { reportPath } from "./run-report.ts";
import { updateStatusState } from "./update-status-state.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The platform id (schemas/_shared.ts PLATFORMS) of each default connection's template. */
const PROVIDERS: Record<string, string> = { meta_metrics: "meta", google_ads_metrics: "google_ads", microsoft_metrics: "microsoft_ads" };

/** Options of {@link generateReportHistory}. */
export interface ReportHistoryFixtureOptions {
  /** Tenant slugs. @default ["acme", "globex", "initech"] */
  tenants?: readonly string[];
  /** Days of history, ending at `now`. @default 10 */
  days?: number;
  /** Now (epoch ms); the last health run is a few minutes before. @default 2026-11-23 17:00 UTC */
  now?: number;
  /** A tenant whose syncs stopped 2.5 hours ago (stale in the last health runs, one open incident). */
  staleTenant?: string;
  /** Connections per tenant. @default meta_metrics, google_ads_metrics, microsoft_metrics */
  connections?: readonly string[];
  /** Minutes between health runs. @default 30 */
  healthEveryMinutes?: number;
  /** Tenants per sync report (one report per matrix job). @default 4 */
  tenantsPerSyncReport?: number;
  /** Days kept as daily folders; older days are rolled into monthly summaries (as the reports workflow does). @default 30 */
  retentionDays?: number;
  /** dbt nodes per build. @default 30 */
  dbtNodes?: number;
  /** The report folder. @default "reports" */
  dir?: string;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function envelope(command: string, runId: string, start: number, end: number, rows: Record<string, unknown>[], status: RunReport["status"] = "ok"): RunReport {
  return {
    schema_version: 1,
    run_id: runId,
    command,
    trigger: { kind: "schedule", run_url: `https://github.com/acme/adops/actions/runs/${runId.replace(/\D/g, "")}/attempts/1` },
    started_at: iso(start),
    ended_at: iso(end),
    duration_seconds: Math.round((end - start) / 10) / 100,
    inputs: {},
    exit_code: status === "ok" ? 0 : 2,
    status,
    summary: { rows: rows.length },
    rows,
  };
}

/**
 * A report folder's worth of generated history, as `[path, text]` pairs, one
 * at a time: hourly sync reports (one per matrix job of `tenantsPerSyncReport`
 * tenants), health every `healthEveryMinutes`, a nightly dbt build and
 * orchestrator run, `latest/`, `status.json` and the incident state. An
 * occasional sync fails (and health says `sync_failed` until the next one);
 * `staleTenant` stops syncing 2.5 hours before `now`. Days past
 * `retentionDays` become monthly summaries (`rollupMonth`). Deterministic.
 *
 * @param options Tenants, days, clock and shape.
 * @returns The files, one by one.
 * @example
 * ```ts
 * import { generateReportHistory } from "./_history-fixture.ts";
 * const files = new Map(generateReportHistory({ days: 1 }));
 * console.assert(files.has("reports/latest/health.json"));
 * ```
 */
export function* generateReportHistory(options: ReportHistoryFixtureOptions = {}): Generator<[string, string]> {
  const dir = options.dir ?? "reports";
  const tenants = options.tenants ?? ["acme", "globex", "initech"];
  const connections = options.connections ?? ["meta_metrics", "google_ads_metrics", "microsoft_metrics"];
  const now = options.now ?? Date.UTC(2026, 10, 23, 17, 0);
  const days = options.days ?? 10;
  const healthEvery = (options.healthEveryMinutes ?? 30) * MINUTE;
  const perJob = options.tenantsPerSyncReport ?? 4;
  const keepFrom = Math.floor(now / DAY) * DAY - (options.retentionDays ?? 30) * DAY;
  const staleFrom = now - 2.5 * HOUR;
  const rand = random(42);
  const start = Math.floor((now - days * DAY) / HOUR) * HOUR;
  const text = (r: RunReport) => JSON.stringify(r, null, 2);

  /** The last two syncs per connection: health at :07 may not see the one that started at :05 yet. */
  const recent = new Map<string, { end: number; failed: boolean }[]>();
  const rolled = new Map<string, RunReport[]>();
  const latest = new Map<string, RunReport>();
  /** Each tenant's newest sync report, for the status memory. */
  const lastSync = new Map<string, RunReport>();
  let run = 1000;
  const emit = function* (report: RunReport): Generator<[string, string]> {
    latest.set(report.command, report);
    if (Date.parse(report.started_at) < keepFrom) {
      const month = report.started_at.slice(0, 7);
      rolled.set(month, [...(rolled.get(month) ?? []), { ...report, rows: [] }]);
      return;
    }
    yield [reportPath(dir, report), text(report)];
  };

  for (let hour = start; hour < now; hour += HOUR) {
    // Syncs on the hour, one report per matrix job.
    for (let job = 0; job * perJob < tenants.length; job += 1) {
      const rows: Record<string, unknown>[] = [];
      const jobStart = hour;
      let jobEnd = jobStart;
      for (const tenant of tenants.slice(job * perJob, (job + 1) * perJob)) {
        if (tenant === options.staleTenant && jobStart >= staleFrom) continue;
        connections.forEach((name, i) => {
          const key = `${tenant}/${name}`;
          // The last syncs succeed, and the stale tenant's before it stopped: it is stale, not failing.
          const failed = rand() < 0.02 && jobStart < now - 3 * HOUR && !(tenant === options.staleTenant && jobStart > staleFrom - 6 * HOUR);
          const began = jobStart + i * 20_000;
          const seconds = 60 + Math.round(rand() * 180);
          const ended = began + seconds * 1000;
          jobEnd = Math.max(jobEnd, ended);
          recent.set(key, [...(recent.get(key) ?? []), { end: ended, failed }].slice(-2));
          rows.push({
            tenant, connection_id: `c-${tenant}-${i}`, connection_name: `${tenant}_${name}`, template: name, provider: PROVIDERS[name] ?? name.split("_")[0],
            trigger: "started", status: failed ? "failed" : "succeeded", reason: null, job_id: ++run, job_ids: [run], attempts: 1, airbyte_attempts: failed ? 3 : 1,
            started_at: iso(began), ended_at: iso(ended), duration_seconds: seconds, records_committed: failed ? 0 : 800 + Math.round(rand() * 4000),
            bytes_committed: failed ? 0 : 90_000, failure_origin: failed ? "source" : null, failure_type: failed ? "system_error" : null,
            failure_message: failed ? "Upstream API answered 503" : null, empty_sync: false, consecutive_failures: failed ? 1 : 0, alert: false,
          });
        });
      }
      if (rows.length === 0) continue;
      const report = envelope("sync", `gh-${++run}-1`, jobStart - 30_000, jobEnd + 5_000, rows, rows.some((r) => r.status === "failed") ? "partial" : "ok");
      for (const row of rows) lastSync.set(String(row.tenant), report);
      yield* emit(report);
    }
    // Nightly dbt build and the orchestrator at 07:00 UTC.
    if (new Date(hour).getUTCHours() === 7) {
      const nodes = Array.from({ length: options.dbtNodes ?? 30 }, (_, i) => {
        const type = i % 3 === 2 ? "test" : "model";
        const name = type === "test" ? `not_null_fct_${i}_id` : `${i < 10 ? "stg" : i < 20 ? "int" : "fct"}_node_${i}`;
        return { step: "build", unique_id: `${type}.adops.${name}`, resource_type: type, name, status: type === "test" ? "pass" : "success", execution_time: Math.round(rand() * 4000) / 100, failures: type === "test" ? 0 : null, message: null };
      });
      yield* emit(envelope("dbt", `gh-${++run}-1`, hour, hour + 6 * MINUTE, nodes));
      const steps = [["meta", 0, 240], ["google", 0, 300], ["microsoft", 10, 200], ["marts", 300, 420], ["metrics", 420, 480], ["health", 480, 490]] as const;
      yield* emit(envelope("orchestrate", `gh-${++run}-1`, hour, hour + 500_000, steps.map(([name, s, e]) => ({
        platform_name: name, platform_id: ["marts", "metrics", "health"].includes(name) ? null : name, status: "completed", skip_reason: null,
        started_at: iso(hour + s * 1000), ended_at: iso(hour + e * 1000), duration_seconds: e - s, rows_processed: 1000, tables_processed: 3, retry_count: name === "google" ? 1 : 0, error_message: null,
      }))));
    }
    // Health at :07 and :37 (every healthEvery from :07).
    for (let at = hour + 7 * MINUTE; at < hour + HOUR && at < now; at += healthEvery) {
      const rows: Record<string, unknown>[] = [];
      for (const tenant of tenants) {
        connections.forEach((name, i) => {
          const key = `${tenant}/${name}`;
          const seen = (recent.get(key) ?? []).filter((r) => r.end <= at);
          const failed = seen.at(-1)?.failed === true;
          const end = seen.filter((r) => !r.failed).at(-1)?.end;
          const age = end === undefined ? null : Math.round((at - end) / 600) / 100;
          const status = failed ? "sync_failed" : age !== null && age < 60 ? "ok" : "stale";
          rows.push({
            tenant, check: "airbyte_sync", subject: `${tenant}_${name}`, status, severity: status === "ok" ? "ok" : status === "sync_failed" ? "critical" : "warning",
            message: status === "ok" ? `Last success ${Math.round(age ?? 0)}m ago` : `Data is ${status}`, since: end === undefined ? null : iso(end), runbook: "airbyte-sync-health",
            details: { template: name, schedule_group: "metrics", connection_id: `c-${tenant}-${i}`, last_success_at: end === undefined ? null : iso(end), age_minutes: age, consecutive_failures: failed ? 1 : 0, in_window: true, rule: "age", fresh_minutes: 60 },
          });
          rows.push({ tenant, check: "cadence", subject: `${tenant}_${name}`, status: "ok", severity: "ok", message: "No scheduled run missed", since: null, runbook: "cadence-drift", details: { missed_runs: [] } });
        });
      }
      const dbtEnd = latest.get("dbt")?.ended_at;
      const dbtAge = dbtEnd === undefined ? Infinity : at - Date.parse(dbtEnd);
      rows.push({ tenant: null, check: "dbt_run", subject: "dbt", status: dbtAge < DAY ? "ok" : dbtEnd === undefined ? "artifact_missing" : "stale", severity: dbtAge < DAY ? "ok" : "warning", message: "dbt", since: dbtEnd ?? null, runbook: "dbt-health", details: {} });
      const bad = rows.some((r) => r.severity !== "ok");
      yield* emit(envelope("health", `gh-${++run}-1`, at, at + 20_000, rows, bad ? "partial" : "ok"));
    }
  }

  for (const [month, reports] of rolled) yield [`${dir}/${month.replace("-", "/")}/summary.json`, JSON.stringify(rollupMonth(undefined, month, reports), null, 2)];
  for (const [command, report] of latest) yield [`${dir}/latest/${command}.json`, text(report)];
  const state = updateStatusState(undefined, [...new Set(lastSync.values()), ...latest.values()], { now: iso(now) });
  yield [`${dir}/status.json`, JSON.stringify(state, null, 2)];
  const incidents: Incident[] = [];
  if (options.staleTenant !== undefined) {
    incidents.push({
      key: `${options.staleTenant}/airbyte_sync/${options.staleTenant}_${connections[0]}`, tenant: options.staleTenant, check: "airbyte_sync", subject: `${options.staleTenant}_${connections[0]}`,
      kind: "stale", severity: "warning", status: "open", summary: "Data is stale: last success 2 h ago (limit 60 min)", since: iso(staleFrom + HOUR), opened_at: iso(staleFrom + HOUR + 7 * MINUTE),
      last_seen_at: iso(now - 23 * MINUTE), bad_runs: 3, runbook: "airbyte-sync-health", details: {},
    });
  }
  const other = tenants.find((t) => t !== options.staleTenant);
  if (other !== undefined) {
    incidents.push({
      key: `${other}/airbyte_sync/${other}_${connections[0]}`, tenant: other, check: "airbyte_sync", subject: `${other}_${connections[0]}`, kind: "sync_failed", severity: "critical",
      status: "resolved", summary: "Sync job failed (source/system_error)", since: iso(now - 30 * HOUR), opened_at: iso(now - 30 * HOUR), last_seen_at: iso(now - 29 * HOUR),
      resolved_at: iso(now - 28 * HOUR), bad_runs: 2, runbook: "airbyte-sync-health", details: {},
    });
  }
  const incidentState: IncidentState = { schema_version: 1, updated_at: iso(now), incidents };
  yield [`${dir}/state/incidents.json`, JSON.stringify(incidentState, null, 2)];
}
