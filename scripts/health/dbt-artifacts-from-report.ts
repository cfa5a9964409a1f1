import * as v from "valibot";
import { DbtNodeRowSchema } from "../../schemas/report-rows/dbt.ts";
import type { RunReport } from "../../schemas/report.ts";
import type { ArtifactRead, DbtArtifactsPort, DbtNodeResult, DbtRunResults, DbtSourceFreshness } from "./types.ts";

/** Steps of `adops dbt` that execute no nodes (their ids: `deps`, `freshness`, `freshness-…`). */
function runsNoNodes(stepId: string): boolean {
  return stepId === "deps" || stepId.startsWith("freshness");
}

function missing<T>(message: string): Promise<ArtifactRead<T>> {
  return Promise.resolve({ ok: false, reason: "missing", message });
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The fields of a dbt report row the health checks read (rows of older reports may lack the others). */
const NodeFactsSchema = v.partial(v.pick(DbtNodeRowSchema, ["step", "unique_id", "resource_type", "status", "message"]), ["message"]);

/**
 * dbt's results as the committed run report of `adops dbt` records them
 * (`reports/latest/dbt.json`): the health workflow runs on a fresh runner with
 * no `target/`, so the report is its memory. Node rows of every step that
 * executes nodes (all but `deps` and `freshness`) become the run results, ending at the report's `ended_at`;
 * `source` rows of the freshness step become sources.json (runtime errors the
 * dbt runner already added back). A report whose run steps all failed to start
 * reads as an unusable artifact. Rows are read with the dbt report's row
 * schema, only the fields used; a row without them is left out. The report's
 * `staging_volume` (the staging models' daily rows) becomes the staging snapshot.
 *
 * @param report The latest dbt run report, or undefined when there is none.
 * @param options Where it came from, for messages.
 * @returns The port.
 * @example
 * ```ts
 * import { createDbtArtifactsFromReport } from "./dbt-artifacts-from-report.ts";
 * const port = createDbtArtifactsFromReport(undefined, { path: "reports/latest/dbt.json" });
 * console.assert((await port.readRunResults()).ok === false);
 * ```
 */
export function createDbtArtifactsFromReport(report: RunReport | undefined, options: { path: string }): Required<DbtArtifactsPort> {
  if (report === undefined) {
    const message = `No dbt run report at '${options.path}'`;
    return { readRunResults: () => missing(message), readSourceFreshness: () => missing(message), readFreshnessSources: () => missing(message), readStagingVolume: () => missing(message) };
  }
  const endedAt = Date.parse(report.ended_at);
  const steps = Array.isArray(report.inputs.step_results) ? (report.inputs.step_results as Record<string, unknown>[]) : [];
  const rows = report.rows.flatMap((row) => {
    const parsed = v.safeParse(NodeFactsSchema, row);
    return parsed.success ? [parsed.output] : [];
  });
  const runRows = rows.filter((r) => r.resource_type !== "source" && !runsNoNodes(r.step));
  const runSteps = steps.filter((s) => !runsNoNodes(str(s.id) ?? ""));
  const sourceRows = rows.filter((r) => r.resource_type === "source");
  const freshnessRan = steps.some((s) => (str(s.id) ?? "").startsWith("freshness") && s.status !== "not_run");

  return {
    readRunResults() {
      if (runSteps.length > 0 && runSteps.every((s) => s.status === "not_run")) {
        const why = report.messages?.find((m) => m.includes("dbt did not run")) ?? "dbt did not run";
        return Promise.resolve({ ok: false, reason: "invalid", message: `The latest dbt run (${report.run_id}) did not run its steps: ${why}` });
      }
      if (runSteps.length === 0 && runRows.length === 0) return missing(`The latest dbt run (${report.run_id}) ran no step that executes nodes`);
      const results: DbtNodeResult[] = runRows.map((r) => ({ uniqueId: r.unique_id, status: r.status, message: r.message ?? undefined }));
      // The dbt runner already checked each artifact belongs to its step (args.which, invocation id).
      const value: DbtRunResults = { generatedAt: endedAt, invocationId: report.run_id, which: undefined, results };
      return Promise.resolve({ ok: true, value });
    },
    readSourceFreshness() {
      if (!freshnessRan && sourceRows.length === 0) return missing(`The latest dbt run (${report.run_id}) did not check source freshness`);
      const value: DbtSourceFreshness = {
        generatedAt: endedAt,
        results: sourceRows.map((r) => {
          const loaded = /max_loaded_at (\S+)/.exec(r.message ?? "")?.[1];
          const at = loaded === undefined ? NaN : Date.parse(loaded);
          return { uniqueId: r.unique_id, status: r.status, maxLoadedAt: Number.isNaN(at) ? undefined : at };
        }),
      };
      return Promise.resolve({ ok: true, value });
    },
    // The dbt runner already reports sources dbt left out of sources.json.
    readFreshnessSources: () => Promise.resolve({ ok: true, value: [] }),
    // RunReportSchema already validated the field (DbtStagingVolumeSchema).
    readStagingVolume: () =>
      report.staging_volume === undefined
        ? missing(`The latest dbt run (${report.run_id}) did not count staging rows`)
        : Promise.resolve({ ok: true, value: { generatedAt: endedAt, runId: report.run_id, volume: report.staging_volume } }),
  };
}

