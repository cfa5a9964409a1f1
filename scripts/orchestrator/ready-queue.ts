import { BinaryHeap } from "./_binary-heap.ts";
import { longestRemainingPath } from "./graph.ts";
import type { PlannedStep } from "./types.ts";

/** Options of {@link createReadyQueue}. */
export interface ReadyQueueOptions {
  /**
   * The phases steps run in (groups mode): a step is offered only in its own
   * phase. @default one phase holding every step
   */
  phases?: readonly (readonly string[])[] | undefined;
  /**
   * `critical_path` orders ready steps by priority, then longest remaining
   * path, then config order; `priority` skips the path (sequential mode).
   * @default "critical_path"
   */
  order?: "critical_path" | "priority";
  /** Expected seconds of a step. @default 1 for every step (the path counts steps) */
  estimate?: (step: PlannedStep) => number;
}

/** The ready steps of a run, kept in a heap per phase. */
export interface ReadyQueue {
  /** Removes and returns the best ready step of `phase`, or undefined when none is ready. O(log n). */
  next(phase: number): PlannedStep | undefined;
  /** Records that `name` completed; dependents whose dependencies have all completed become ready. O(out-degree × log n). */
  completed(name: string): void;
  /** The steps downstream of `name` that `visit` accepts, breadth first; a refused step's own dependents are not visited. */
  downstream(name: string, visit: (name: string) => boolean): string[];
}

/**
 * The ready queue of the scheduler: longest remaining paths are computed once
 * in topological order, each step keeps a counter of dependencies not yet
 * completed, and ready steps wait in a binary heap keyed by (priority, longest
 * remaining path, config order). A run of n steps and e dependencies costs
 * O((n + e) log n), where rescanning every pending step at each pick cost O(n²).
 *
 * @param steps The enabled steps (dependencies on names outside them never complete).
 * @param options Phases, ordering and the estimate.
 * @returns The queue, with the steps that have no dependencies already ready.
 * @example
 * ```ts
 * import { createReadyQueue } from "./ready-queue.ts";
 * import { makeStep } from "./testing.ts";
 * const queue = createReadyQueue([makeStep("a"), makeStep("b", { dependencies: ["a"] }), makeStep("c")]);
 * console.assert(queue.next(0)?.name === "a" && queue.next(0)?.name === "c" && queue.next(0) === undefined);
 * queue.completed("a");
 * console.assert(queue.next(0)?.name === "b");
 * ```
 */
export function createReadyQueue(steps: readonly PlannedStep[], options: ReadyQueueOptions = {}): ReadyQueue {
  const byName = new Map(steps.map((s) => [s.name, s]));
  const estimate = options.estimate ?? (() => 1);
  const longest = options.order === "priority"
    ? new Map<string, number>()
    : longestRemainingPath(steps, (name) => estimate(byName.get(name) as PlannedStep));
  const rank = (s: PlannedStep) => longest.get(s.name) ?? 0;
  const compare = (a: PlannedStep, b: PlannedStep) => a.priority - b.priority || rank(b) - rank(a) || a.index - b.index;

  const phaseOf = new Map<string, number>();
  options.phases?.forEach((phase, i) => {
    for (const name of phase) if (!phaseOf.has(name)) phaseOf.set(name, i);
  });
  const heaps: BinaryHeap<PlannedStep>[] = [];
  const heapOf = (phase: number) => heaps[phase] ??= new BinaryHeap(compare);
  const offer = (step: PlannedStep) => {
    const phase = options.phases === undefined ? 0 : phaseOf.get(step.name);
    if (phase !== undefined) heapOf(phase).push(step);
  };

  // One counter per step: dependencies (as listed) not completed yet.
  const waiting = new Map<string, number>();
  const dependents = new Map<string, PlannedStep[]>();
  for (const step of steps) {
    waiting.set(step.name, step.dependencies.length);
    for (const dep of step.dependencies) {
      const list = dependents.get(dep);
      if (list === undefined) dependents.set(dep, [step]);
      else list.push(step);
    }
  }
  for (const step of steps) if (step.dependencies.length === 0) offer(step);

  return {
    next: (phase) => heaps[phase]?.pop(),
    completed(name) {
      for (const step of dependents.get(name) ?? []) {
        const left = (waiting.get(step.name) as number) - 1;
        waiting.set(step.name, left);
        if (left === 0) offer(step);
      }
    },
    downstream(name, visit) {
      const found: string[] = [];
      const seen = new Set<string>();
      const queue = [name];
      for (let i = 0; i < queue.length; i++) {
        for (const step of dependents.get(queue[i] as string) ?? []) {
          if (seen.has(step.name)) continue;
          seen.add(step.name);
          if (!visit(step.name)) continue;
          found.push(step.name);
          queue.push(step.name);
        }
      }
      return found;
    },
  };
}
