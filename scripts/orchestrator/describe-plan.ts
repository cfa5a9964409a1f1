import { planWaves } from "./graph.ts";
import type { PlannedStep, RunPlan } from "./types.ts";

/** A plan as the dry run shows it. */
export interface PlanDescription {
  /** `waves` (ready queue: independent steps side by side), `groups` (the seed's mode) or `order` (sequential). */
  kind: "waves" | "groups" | "order";
  /** The stages, each a list of step names (one name per stage for `order`). */
  stages: string[][];
  /** Steps disabled in config (skipped with reason `disabled`). */
  disabled: string[];
}

function byPriority(a: PlannedStep, b: PlannedStep): number {
  return a.priority - b.priority || a.index - b.index;
}

/**
 * The execution plan for `--dry-run`: the groups in group mode, dependency
 * waves for the ready queue (a step starts as soon as its dependencies are
 * done, so waves are the earliest stage each step can run in), or the
 * sequential order.
 *
 * @param plan The run plan.
 * @returns The description.
 * @example
 * ```ts
 * import { describePlan } from "./describe-plan.ts";
 * import { makeStep } from "./testing.ts";
 * const d = describePlan({ mode: "ready_queue", maxParallel: 2, continueOnFailure: true, globalTimeoutSeconds: 60, groups: undefined, warnings: [],
 *   steps: [makeStep("a"), makeStep("b", { dependencies: ["a"], index: 1 })] });
 * console.assert(JSON.stringify(d.stages) === '[["a"],["b"]]');
 * ```
 */
export function describePlan(plan: RunPlan): PlanDescription {
  const enabled = plan.steps.filter((s) => s.enabled);
  const disabled = plan.steps.filter((s) => !s.enabled).map((s) => s.name);
  const byName = new Map(enabled.map((s) => [s.name, s]));
  const sortNames = (names: string[]) => names.map((n) => byName.get(n) as PlannedStep).sort(byPriority).map((s) => s.name);
  const phases = plan.groups === undefined ? [enabled.map((s) => s.name)] : plan.groups.map((g) => g.filter((n) => byName.has(n)));
  if (plan.mode === "groups") return { kind: "groups", stages: phases.filter((g) => g.length > 0).map(sortNames), disabled };
  if (plan.mode === "ready_queue") return { kind: "waves", stages: planWaves(enabled).map(sortNames), disabled };
  const order: string[] = [];
  const done = new Set<string>();
  for (const phase of phases) {
    const left = phase.map((n) => byName.get(n) as PlannedStep);
    while (left.length > 0) {
      const ready = left.filter((s) => s.dependencies.every((d) => done.has(d) || !byName.has(d))).sort(byPriority);
      const next = ready[0] ?? left.sort(byPriority)[0] as PlannedStep;
      left.splice(left.indexOf(next), 1);
      done.add(next.name);
      order.push(next.name);
    }
  }
  return { kind: "order", stages: order.map((n) => [n]), disabled };
}

/**
 * The dry run's text: settings, then one line per stage with each step's
 * priority, timeout, attempts and dependencies.
 *
 * @param plan The run plan.
 * @returns Lines of text.
 * @example
 * ```ts
 * import { renderPlan } from "./describe-plan.ts";
 * import { makeStep } from "./testing.ts";
 * const text = renderPlan({ mode: "groups", maxParallel: 2, continueOnFailure: false, globalTimeoutSeconds: 60, groups: [["a"]], warnings: [], steps: [makeStep("a")] });
 * console.assert(text.includes("Group 1: a"));
 * ```
 */
export function renderPlan(plan: RunPlan): string {
  const d = describePlan(plan);
  const byName = new Map(plan.steps.map((s) => [s.name, s]));
  const label = d.kind === "groups" ? "Group" : d.kind === "waves" ? "Wave" : "Step";
  const detail = (name: string) => {
    const s = byName.get(name) as PlannedStep;
    const deps = s.dependencies.length > 0 ? `, after ${s.dependencies.join("+")}` : "";
    return `${name} (priority ${s.priority}, timeout ${s.timeoutSeconds}s, ${s.retry.max_attempts} attempt${s.retry.max_attempts === 1 ? "" : "s"}${deps})`;
  };
  const lines = [
    `Execution plan: ${plan.mode}, max_parallel ${plan.maxParallel}, continue_on_failure ${plan.continueOnFailure}, global_timeout ${plan.globalTimeoutSeconds}s`,
    ...d.stages.map((stage, i) => `  ${label} ${i + 1}: ${stage.map(detail).join(", ")}`),
    ...(d.disabled.length > 0 ? [`  Skipped (disabled): ${d.disabled.join(", ")}`] : []),
    ...plan.warnings.map((w) => `  Warning: ${w}`),
  ];
  return lines.join("\n");
}
