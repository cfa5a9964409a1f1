import { formatDuration } from "../core/mod.ts";
import { HOUR, iso, roundMinutes, RUNBOOK } from "./_shared.ts";
import type { ArtifactRead, DbtRunResults, DbtRunStatus, HealthCheck, Severity } from "./types.ts";

/** Node statuses that are healthy. `warn` (a test with severity warn), `no-op` (exposures) and `reused` (1.12) do not fail dbt either. */
export const HEALTHY_NODE_STATUSES: ReadonlySet<string> = new Set(["success", "pass", "skipped", "warn", "no-op", "reused"]);
const HEALTHY = HEALTHY_NODE_STATUSES;
/** Commands whose run_results.json reflects executed nodes (`docs generate` and `compile` do not). */
export const RUN_COMMANDS: ReadonlySet<string> = new Set(["build", "run", "test", "seed", "snapshot", "retry"]);
/** How many failing nodes a check lists at most. */
const MAX_LISTED = 50;

/** Options of {@link evaluateDbtRun}. */
export interface EvaluateDbtRunOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** dbt is fresh when its last run ended less than this many hours ago (`sla.dbt_fresh_hours`). */
  freshHours: number;
}

function check(status: DbtRunStatus, message: string, since: string | null, details: Record<string, unknown>): HealthCheck {
  const severity: Severity = status === "ok" ? "ok" : status === "stale" ? "warning" : "critical";
  return { tenant: null, check: "dbt_run", subject: "dbt", status, severity, message, since, runbook: RUNBOOK.dbt, details };
}

/**
 * Judges the latest dbt run from its `run_results.json` (pure): `ok` when it
 * ended less than `freshHours` ago and every node is success/pass/skipped
 * (or warn/no-op/reused, which dbt does not fail on either); `failing` (with
 * the failing nodes) when any node errored or failed; `stale` when it is
 * older; `artifact_missing` when there is no usable file (none, unreadable,
 * or written by a command that runs nothing, such as `docs generate`).
 *
 * @param read The artifact, or why it is missing.
 * @param options Clock reading and SLA.
 * @returns The `dbt_run` check.
 * @example
 * ```ts
 * import { evaluateDbtRun } from "./evaluate-dbt-run.ts";
 * const c = evaluateDbtRun({ ok: false, reason: "missing", message: "No file" }, { now: 0, freshHours: 24 });
 * console.assert(c.status === "artifact_missing");
 * ```
 */
export function evaluateDbtRun(read: ArtifactRead<DbtRunResults>, options: EvaluateDbtRunOptions): HealthCheck {
  if (!read.ok) return check("artifact_missing", `No usable run_results.json: ${read.message}`, null, { reason: read.reason });
  const run = read.value;
  if (run.which !== undefined && !RUN_COMMANDS.has(run.which)) {
    return check("artifact_missing", `run_results.json was written by 'dbt ${run.which}', which runs no nodes`, null, { which: run.which, invocation_id: run.invocationId });
  }
  const age = options.now - run.generatedAt;
  const failing = run.results.filter((r) => !HEALTHY.has(r.status));
  const details = {
    invocation_id: run.invocationId,
    which: run.which ?? null,
    ended_at: iso(run.generatedAt),
    age_minutes: roundMinutes(age),
    nodes: run.results.length,
    skipped: run.results.filter((r) => r.status === "skipped").length,
    warned: run.results.filter((r) => r.status === "warn").map((r) => r.uniqueId).slice(0, MAX_LISTED),
  };
  if (failing.length > 0) {
    const names = failing.map((r) => r.uniqueId);
    return check(
      "failing",
      `${failing.length} dbt node(s) failing: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}`,
      iso(run.generatedAt),
      {
        ...details,
        failing_nodes: failing.slice(0, MAX_LISTED).map((r) => ({ unique_id: r.uniqueId, status: r.status, message: r.message?.slice(0, 500) ?? null })),
        failing_count: failing.length,
      },
    );
  }
  if (age >= options.freshHours * HOUR) {
    return check("stale", `Last dbt run ended ${formatDuration(age)} ago (limit ${options.freshHours} h)`, iso(run.generatedAt + options.freshHours * HOUR), details);
  }
  return check("ok", `Last dbt run ended ${formatDuration(age)} ago, ${run.results.length} nodes healthy`, iso(run.generatedAt), details);
}
