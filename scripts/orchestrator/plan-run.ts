import type { OrchestratorConfig } from "../../schemas/orchestrator.ts";
import { findCycle, withAncestors } from "./graph.ts";
import { platformIdFor } from "./registry.ts";
import type { PlannedStep, RetryPolicy, RunPlan, ScheduleMode } from "./types.ts";

/** Settings a step takes when a parallel group names it but `platforms` does not (the schema's defaults). */
export const DEFAULT_STEP = {
  enabled: true,
  priority: 100,
  timeout: 1800,
  retry: { max_attempts: 1, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 } satisfies RetryPolicy,
} as const;

/** Overrides from the command line and the selection of steps. */
export interface PlanOptions {
  /** Run only these steps (all when undefined or empty). */
  platforms?: readonly string[] | undefined;
  /** With `platforms`: also their dependencies, transitively. @default false */
  withDeps?: boolean | undefined;
  /** Overrides `parallel_execution`. */
  parallel?: boolean | undefined;
  /** Overrides `continue_on_failure`. */
  continueOnFailure?: boolean | undefined;
  /** Overrides `max_parallel`. */
  maxParallel?: number | undefined;
}

/** A plan, or why there can be none. */
export type PlanResult = { ok: true; plan: RunPlan } | { ok: false; errors: string[] };

type StepConfig = OrchestratorConfig["platforms"][number];

function toPlanned(step: StepConfig, index: number): PlannedStep {
  return {
    name: step.name,
    platformId: platformIdFor(step.name),
    enabled: step.enabled,
    priority: step.priority,
    timeoutSeconds: step.timeout,
    retry: { ...step.retry },
    dependencies: [...step.dependencies],
    index,
  };
}

/**
 * Turns orchestrator.yml into a run plan (pure): resolves defaults, checks
 * names against the registered pipelines, finds cycles and groups that
 * contradict dependencies, applies `--platform`/`--with-deps` and the
 * command-line overrides, and picks the scheduling mode.
 *
 * @param config The parsed orchestrator config.
 * @param options Registered names and overrides.
 * @returns The plan, or the errors that prevent one.
 * @example
 * ```ts
 * import { planRun } from "./plan-run.ts";
 * const result = planRun(
 *   { orchestrator: { parallel_execution: true, max_parallel: 2, continue_on_failure: true, global_timeout: 60 }, platforms: [] },
 *   { registered: ["google"] },
 * );
 * console.assert(result.ok && result.plan.mode === "ready_queue");
 * ```
 */
export function planRun(config: OrchestratorConfig, options: PlanOptions & { registered: readonly string[] }): PlanResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const registered = new Set(options.registered);
  const known = `Registered pipelines: ${options.registered.join(", ")}`;
  const steps: PlannedStep[] = [];
  const seen = new Set<string>();
  config.platforms.forEach((step, i) => {
    if (!registered.has(step.name)) errors.push(`Unknown platform '${step.name}' in platforms. ${known}`);
    if (seen.has(step.name)) errors.push(`Platform '${step.name}' is listed twice under platforms`);
    seen.add(step.name);
    steps.push(toPlanned(step, i));
  });

  const groupOf = new Map<string, number>();
  const groups = config.parallel_groups?.map((group, g) =>
    group.filter((name) => {
      if (groupOf.has(name)) errors.push(`Platform '${name}' is in more than one parallel group`);
      groupOf.set(name, g);
      if (seen.has(name)) return true;
      if (!registered.has(name)) {
        errors.push(`Parallel group ${g + 1} names '${name}', for which no pipeline is registered. ${known}`);
        return false;
      }
      warnings.push(`Parallel group ${g + 1} names '${name}', which is not listed under platforms: it runs with default settings`);
      seen.add(name);
      steps.push(toPlanned({ name, ...DEFAULT_STEP, retry: { ...DEFAULT_STEP.retry }, dependencies: [] }, steps.length));
      return true;
    })
  );

  for (const step of steps) {
    for (const dep of step.dependencies) {
      if (!seen.has(dep)) errors.push(`Platform '${step.name}' depends on '${dep}', which is not listed under platforms`);
    }
  }
  const cycle = findCycle(steps);
  if (cycle) errors.push(`Dependency cycle: ${cycle.join(" -> ")}`);
  if (groups !== undefined) {
    for (const step of steps) {
      const g = groupOf.get(step.name);
      for (const dep of step.dependencies) {
        const dg = groupOf.get(dep);
        if (g !== undefined && dg !== undefined && dg >= g) {
          errors.push(`Platform '${step.name}' depends on '${dep}' but runs in parallel group ${g + 1}, ${dg === g ? "the same group as" : "before"} '${dep}' (group ${dg + 1})`);
        }
      }
    }
  }
  const only = options.platforms ?? [];
  for (const name of only) {
    if (!seen.has(name)) errors.push(`Platform '${name}' is not in orchestrator.yml. Steps: ${[...seen].join(", ") || "none"}`);
  }
  if (errors.length > 0) return { ok: false, errors };

  let selected = steps;
  if (only.length > 0) {
    const keep = options.withDeps ? withAncestors(steps, only) : new Set(only);
    selected = steps.filter((s) => keep.has(s.name));
  }
  const enabled = new Set(selected.filter((s) => s.enabled).map((s) => s.name));
  for (const step of selected) step.dependencies = step.dependencies.filter((d) => enabled.has(d));

  let planGroups = groups?.map((group) => group.filter((name) => selected.some((s) => s.name === name))).filter((g) => g.length > 0);
  if (planGroups !== undefined) {
    const ungrouped = selected.filter((s) => !groupOf.has(s.name)).map((s) => s.name);
    if (ungrouped.length > 0) {
      warnings.push(`Not in any parallel group, run after the groups: '${ungrouped.join("', '")}'`);
      planGroups = [...planGroups, ungrouped];
    }
  }

  const parallel = options.parallel ?? config.orchestrator.parallel_execution;
  const mode: ScheduleMode = !parallel ? "sequential" : planGroups !== undefined ? "groups" : "ready_queue";
  return {
    ok: true,
    plan: {
      mode,
      maxParallel: mode === "sequential" ? 1 : (options.maxParallel ?? config.orchestrator.max_parallel),
      continueOnFailure: options.continueOnFailure ?? config.orchestrator.continue_on_failure,
      globalTimeoutSeconds: config.orchestrator.global_timeout,
      steps: selected,
      groups: planGroups,
      warnings,
    },
  };
}
