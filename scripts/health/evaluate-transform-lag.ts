import { formatDuration } from "../core/mod.ts";
import { HOUR, iso, RUNBOOK } from "./_shared.ts";
import { HEALTHY_NODE_STATUSES, RUN_COMMANDS } from "./evaluate-dbt-run.ts";
import type { ArtifactRead, DbtRunResults, HealthCheck, TransformLagStatus } from "./types.ts";

/** A successful sync, as the transform lag check compares it with dbt. */
export interface SuccessfulSync {
  /** Tenant slug. */
  tenant: string;
  /** Connection name. */
  connection: string;
  /** When it ended (epoch ms). */
  endedAt: number;
}

/** Options of {@link evaluateTransformLag}. */
export interface EvaluateTransformLagOptions {
  /** dbt may lag the newest sync by at most this many hours (`sla.dbt_fresh_hours`). */
  freshHours: number;
}

function check(status: TransformLagStatus, message: string, since: string | null, details: Record<string, unknown>): HealthCheck {
  return { tenant: null, check: "transform_lag", subject: "dbt", status, severity: status === "transform_lag" ? "warning" : "ok", message, since, runbook: RUNBOOK.transformLag, details };
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Judges how far dbt's transforms lag the data (pure; seed 003
 * `check_transform_lag`): `transform_lag` when dbt's last successful build
 * ended more than `freshHours` before the newest successful sync of any
 * connection, so loaded data waits untransformed. One platform-wide row,
 * since one dbt invocation builds every tenant. The last build counts only
 * when the latest run_results.json is healthy; a failing or missing one
 * gives `not_checked` (the `dbt_run` check reports it). `since` is the end
 * of the first sync past the limit. Unlike `dbt_run`'s `stale` (dbt old
 * against the clock), this stays quiet while syncs are stopped too.
 *
 * @param read The latest run_results.json.
 * @param syncs Successful syncs of the checked connections (any order).
 * @param options The SLA.
 * @returns The `transform_lag` check.
 * @example
 * ```ts
 * import { evaluateTransformLag } from "./evaluate-transform-lag.ts";
 * import { makeRunResults } from "./testing.ts";
 * const h = 3_600_000;
 * const c = evaluateTransformLag({ ok: true, value: makeRunResults(0) }, [{ tenant: "acme", connection: "meta", endedAt: 30 * h }], { freshHours: 24 });
 * console.assert(c.status === "transform_lag" && c.details.lag_hours === 30);
 * ```
 */
export function evaluateTransformLag(read: ArtifactRead<DbtRunResults>, syncs: readonly SuccessfulSync[], options: EvaluateTransformLagOptions): HealthCheck {
  if (!read.ok) return check("not_checked", `No usable run_results.json (${read.reason}); transform lag not judged`, null, { reason: read.reason });
  const run = read.value;
  if (run.which !== undefined && !RUN_COMMANDS.has(run.which)) return check("not_checked", `run_results.json was written by 'dbt ${run.which}'; transform lag not judged`, null, { which: run.which });
  if (run.results.some((r) => !HEALTHY_NODE_STATUSES.has(r.status))) {
    return check("not_checked", "The latest dbt run has failing nodes (see the dbt_run check); its last successful build is not known", null, { invocation_id: run.invocationId });
  }
  const newest = syncs.reduce<SuccessfulSync | undefined>((a, s) => (a === undefined || s.endedAt > a.endedAt ? s : a), undefined);
  if (newest === undefined) return check("not_checked", "No successful sync to compare dbt's last build with", null, { dbt_ended_at: iso(run.generatedAt) });
  const lag = newest.endedAt - run.generatedAt;
  const limit = options.freshHours * HOUR;
  const details = {
    invocation_id: run.invocationId,
    dbt_ended_at: iso(run.generatedAt),
    newest_sync_ended_at: iso(newest.endedAt),
    newest_sync_tenant: newest.tenant,
    newest_sync_connection: newest.connection,
    lag_hours: Math.round((lag / HOUR) * 100) / 100,
    limit_hours: options.freshHours,
  };
  const newestText = `the newest successful sync (${newest.tenant} / ${newest.connection}, ended ${utc(newest.endedAt)})`;
  if (lag > limit) {
    const first = syncs.filter((s) => s.endedAt > run.generatedAt + limit).reduce((a, s) => Math.min(a, s.endedAt), newest.endedAt);
    return check(
      "transform_lag",
      `dbt's last successful build ended ${utc(run.generatedAt)}, ${details.lag_hours} h before ${newestText}; limit ${options.freshHours} h`,
      iso(first),
      details,
    );
  }
  const relation = lag > 0 ? `${formatDuration(lag)} before` : "after";
  return check("ok", `dbt's last successful build ended ${relation} ${newestText}; limit ${options.freshHours} h`, iso(run.generatedAt), details);
}
