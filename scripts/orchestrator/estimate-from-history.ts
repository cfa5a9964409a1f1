import * as v from "valibot";
import { OrchestrateStepRowSchema } from "../../schemas/report-rows/orchestrate.ts";
import type { PlannedStep } from "./types.ts";

/** The fields of an orchestrate report row the estimate reads (plan rows of a dry run have no status, and are left out). */
const StepTimingSchema = v.pick(OrchestrateStepRowSchema, ["platform_name", "status", "duration_seconds"]);

/**
 * Step duration estimates for the longest-remaining-path tie-break, from the
 * previous run's report (`<reports>/latest/orchestrate.json`): each step that
 * completed last time is expected to take as long again; a step without
 * history gets `fallback` (for a first run, `estimateFirstRun`), else the
 * mean of the known ones (1 s when none is known). With true durations the
 * ready queue's worst makespan on random graphs is about 1.2 times the lower
 * bound (npm run bench:orchestrate).
 *
 * @param reportText The previous run report's text, if any (unreadable text counts as none).
 * @param options `fallback`: the estimate of a step the report does not time.
 * @returns The estimate function for `runPlan`.
 * @example
 * ```ts
 * import { estimateFromHistory } from "./estimate-from-history.ts";
 * import { makeStep } from "./testing.ts";
 * const estimate = estimateFromHistory(JSON.stringify({ rows: [{ platform_name: "google", status: "completed", duration_seconds: 300 }] }));
 * console.assert(estimate(makeStep("google")) === 300 && estimate(makeStep("marts")) === 300);
 * ```
 */
export function estimateFromHistory(
  reportText: string | undefined,
  options: { fallback?: (step: PlannedStep) => number } = {},
): (step: PlannedStep) => number {
  const known = new Map<string, number>();
  try {
    const rows: unknown = reportText === undefined ? [] : (JSON.parse(reportText) as { rows?: unknown }).rows;
    for (const row of Array.isArray(rows) ? rows : []) {
      const parsed = v.safeParse(StepTimingSchema, row);
      if (!parsed.success) continue;
      const r = parsed.output;
      if (r.status === "completed" && r.duration_seconds > 0) known.set(r.platform_name, r.duration_seconds);
    }
  } catch {
    known.clear();
  }
  const values = [...known.values()];
  const fallback = values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length;
  const other = options.fallback ?? (() => fallback);
  return (step) => known.get(step.name) ?? other(step);
}
