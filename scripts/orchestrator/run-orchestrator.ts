import type { OrchestratorConfig } from "../../schemas/orchestrator.ts";
import type { Outcome } from "../core/mod.ts";
import { buildExecutionReport, type ExecutionReport, renderExecutionCsv } from "./execution-report.ts";
import { type PlanOptions, planRun } from "./plan-run.ts";
import type { PipelineRegistry } from "./registry.ts";
import { runPlan, type RunPlanOptions } from "./run-plan.ts";
import { outcomeForRun } from "./summarize-run.ts";
import type { RunOutcome, RunPlan } from "./types.ts";

/** A finished run: the plan, the outcome, the seed's report and its CSV, and how it ended. */
export interface OrchestratorRun {
  plan: RunPlan;
  outcome: RunOutcome;
  report: ExecutionReport;
  csv: string;
  status: Outcome;
}

/**
 * Plans and runs orchestrator.yml against a registry: the whole domain in
 * one call (no files, no process). Configuration problems come back as
 * values; step failures are in the report.
 *
 * @param config The parsed orchestrator config.
 * @param options The registry, clock, signal, hooks and command-line overrides.
 * @returns The run, or the configuration errors that prevent one.
 * @example
 * ```ts
 * import { createFakeClock } from "../core/testing.ts";
 * import { runOrchestrator } from "./run-orchestrator.ts";
 * import { createFakeRegistry, makeOrchestratorConfig, seedExitCodeFor } from "./testing.ts";
 * const clock = createFakeClock();
 * const { registry } = createFakeRegistry(clock);
 * const run = await runOrchestrator(makeOrchestratorConfig([{ name: "google" }]), { registry, clock, exitCodeFor: seedExitCodeFor });
 * console.assert(run.ok && run.value.status === "ok");
 * ```
 */
export async function runOrchestrator(
  config: OrchestratorConfig,
  options: PlanOptions & RunPlanOptions & { registry: PipelineRegistry; exitCodeFor: (outcome: Outcome) => number },
): Promise<{ ok: true; value: OrchestratorRun } | { ok: false; errors: string[] }> {
  const planned = planRun(config, { ...options, registered: options.registry.names() });
  if (!planned.ok) return planned;
  const plan = planned.plan;
  const outcome = await runPlan(plan, options.registry, options);
  const status = outcomeForRun(outcome);
  const report = buildExecutionReport(outcome, { mode: plan.mode, exitCode: options.exitCodeFor(status) });
  return { ok: true, value: { plan, outcome, report, csv: renderExecutionCsv(report), status } };
}
