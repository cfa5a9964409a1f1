/**
 * The platform orchestrator (seed 002's Social Ads Orchestrator): plan steps
 * from orchestrator.yml, schedule them over their dependency graph with
 * enforced timeouts, retries and stop-on-failure, and report the run.
 *
 * @module
 */
export { describePlan, type PlanDescription, renderPlan } from "./describe-plan.ts";
export { estimateFirstRun, type FirstRunOptions, type StepKind, stepKind } from "./estimate-first-run.ts";
export { estimateFromHistory } from "./estimate-from-history.ts";
export { buildExecutionReport, CSV_COLUMNS, type ExecutionReport, type ExecutionReportRow, renderExecutionCsv, renderSummaryBlock } from "./execution-report.ts";
export { descendantsOf, findCycle, type GraphStep, longestRemainingPath, planWaves, withAncestors } from "./graph.ts";
export type { GroupStartState, OrchestratorHooks, StepEndState, StepRetryState, StepStartState } from "./hooks.ts";
export { loadOrchestratorConfig } from "./load-orchestrator-config.ts";
export { DEFAULT_STEP, type PlanOptions, type PlanResult, planRun } from "./plan-run.ts";
export { createPipelines, type PipelinePorts, type PlatformSyncResult, type PlatformWideStep, type StepCall, type StepWork } from "./platform-pipelines.ts";
export type { Pipeline } from "./types.ts";
export { createRegistry, type PipelineRegistry, PLATFORM_STEPS, platformIdFor, SHARED_STEPS, STEP_NAMES } from "./registry.ts";
export { renderGantt, renderJobSummary } from "./render-job-summary.ts";
export { type OrchestratorRun, runOrchestrator } from "./run-orchestrator.ts";
export { createReadyQueue, type ReadyQueue, type ReadyQueueOptions } from "./ready-queue.ts";
export { runPlan, type RunPlanOptions } from "./run-plan.ts";
export { outcomeForRun, type RunSummary, summarizeRun } from "./summarize-run.ts";
export { stepRetryOptions } from "./step-retry-options.ts";
export type * from "./types.ts";
