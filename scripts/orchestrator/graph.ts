import { findCycle as findCycleInEdges } from "../config/mod.ts";

/** The least a graph function needs of a step. */
export interface GraphStep {
  /** The step name. */
  name: string;
  /** Names of the steps it depends on (names outside the set are ignored). */
  dependencies: readonly string[];
}

/**
 * Finds a dependency cycle, as the path that closes it.
 *
 * @param steps The steps.
 * @returns E.g. `["a", "b", "a"]`, or undefined when there is none.
 * @example
 * ```ts
 * import { findCycle } from "./graph.ts";
 * const cycle = findCycle([{ name: "a", dependencies: ["b"] }, { name: "b", dependencies: ["a"] }]);
 * console.assert(cycle?.join(" -> ") === "a -> b -> a");
 * ```
 */
export function findCycle(steps: readonly GraphStep[]): string[] | undefined {
  // One cycle finder for the validator and the orchestrator.
  return findCycleInEdges(new Map(steps.map((s) => [s.name, s.dependencies])));
}

/**
 * Groups an acyclic graph into waves: each step in the first wave after all
 * of its dependencies (its depth). Steps of one wave are independent.
 *
 * @param steps The steps (acyclic).
 * @returns The waves, each in input order.
 * @throws {RangeError} When the graph has a cycle.
 * @example
 * ```ts
 * import { planWaves } from "./graph.ts";
 * const waves = planWaves([{ name: "a", dependencies: [] }, { name: "b", dependencies: ["a"] }, { name: "c", dependencies: [] }]);
 * console.assert(JSON.stringify(waves) === '[["a","c"],["b"]]');
 * ```
 */
export function planWaves(steps: readonly GraphStep[]): string[][] {
  const names = new Set(steps.map((s) => s.name));
  const depth = new Map<string, number>();
  let remaining = [...steps];
  while (remaining.length > 0) {
    const next: GraphStep[] = [];
    for (const step of remaining) {
      const deps = step.dependencies.filter((d) => names.has(d));
      if (deps.every((d) => depth.has(d))) depth.set(step.name, Math.max(-1, ...deps.map((d) => depth.get(d) as number)) + 1);
      else next.push(step);
    }
    if (next.length === remaining.length) throw new RangeError(`Cannot order steps with a dependency cycle: '${next.map((s) => s.name).join("', '")}'`);
    remaining = next;
  }
  const waves: string[][] = [];
  for (const step of steps) {
    const d = depth.get(step.name) as number;
    (waves[d] ??= []).push(step.name);
  }
  return waves;
}

/**
 * The longest path from each step to the end of the graph, counting the
 * step's own estimate (the critical-path priority of list scheduling).
 * Computed once in reverse topological order: O(steps + dependencies).
 *
 * @param steps The steps (acyclic).
 * @param estimate The expected seconds of a step.
 * @returns Seconds by step name.
 * @example
 * ```ts
 * import { longestRemainingPath } from "./graph.ts";
 * const lp = longestRemainingPath([{ name: "a", dependencies: [] }, { name: "b", dependencies: ["a"] }], () => 1);
 * console.assert(lp.get("a") === 2 && lp.get("b") === 1);
 * ```
 */
export function longestRemainingPath(steps: readonly GraphStep[], estimate: (name: string) => number): Map<string, number> {
  // Once, in reverse topological order (Kahn's algorithm from the sinks): O(steps + edges).
  const { dependents } = dependentsOf(steps);
  const waiting = new Map<string, number>(steps.map((s) => [s.name, dependents.get(s.name)?.length ?? 0]));
  const tail = new Map<string, number>();
  const order = steps.filter((s) => waiting.get(s.name) === 0).map((s) => s.name);
  const byName = new Map(steps.map((s) => [s.name, s]));
  const memo = new Map<string, number>();
  for (let i = 0; i < order.length; i++) {
    const name = order[i] as string;
    const value = estimate(name) + (tail.get(name) ?? 0);
    memo.set(name, value);
    for (const dep of new Set(byName.get(name)?.dependencies ?? [])) {
      const left = waiting.get(dep);
      if (left === undefined) continue;
      tail.set(dep, Math.max(tail.get(dep) ?? 0, value));
      waiting.set(dep, left - 1);
      if (left === 1) order.push(dep);
    }
  }
  // Steps on a cycle (planRun refuses those) count what is known below them.
  for (const step of steps) if (!memo.has(step.name)) memo.set(step.name, estimate(step.name) + (tail.get(step.name) ?? 0));
  return memo;
}

/** Each step's direct dependents, in step order (one entry per distinct dependency). */
function dependentsOf(steps: readonly GraphStep[]): { dependents: Map<string, string[]> } {
  const dependents = new Map<string, string[]>(steps.map((s) => [s.name, []]));
  for (const step of steps) {
    for (const dep of new Set(step.dependencies)) dependents.get(dep)?.push(step.name);
  }
  return { dependents };
}

/**
 * Every step that depends on `name`, directly or through others.
 *
 * @param steps The steps.
 * @param name The step whose descendants are wanted.
 * @returns Their names (without `name`).
 * @example
 * ```ts
 * import { descendantsOf } from "./graph.ts";
 * const d = descendantsOf([{ name: "a", dependencies: [] }, { name: "b", dependencies: ["a"] }], "a");
 * console.assert(d.has("b") && d.size === 1);
 * ```
 */
export function descendantsOf(steps: readonly GraphStep[], name: string): Set<string> {
  const { dependents } = dependentsOf(steps);
  const found = new Set<string>();
  const queue = [name];
  for (let i = 0; i < queue.length; i++) {
    for (const next of dependents.get(queue[i] as string) ?? []) {
      if (found.has(next)) continue;
      found.add(next);
      queue.push(next);
    }
  }
  return found;
}

/**
 * Every step `names` depend on, directly or through others, plus `names`.
 *
 * @param steps The steps.
 * @param names The steps whose ancestors are wanted.
 * @returns The closure.
 * @example
 * ```ts
 * import { withAncestors } from "./graph.ts";
 * const s = withAncestors([{ name: "a", dependencies: [] }, { name: "b", dependencies: ["a"] }], ["b"]);
 * console.assert(s.has("a") && s.has("b"));
 * ```
 */
export function withAncestors(steps: readonly GraphStep[], names: readonly string[]): Set<string> {
  const byName = new Map(steps.map((s) => [s.name, s]));
  const found = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (found.has(current)) continue;
    found.add(current);
    queue.push(...(byName.get(current)?.dependencies ?? []));
  }
  return found;
}
