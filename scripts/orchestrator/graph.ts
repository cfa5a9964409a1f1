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
  const dependents = new Map<string, string[]>(steps.map((s) => [s.name, []]));
  for (const step of steps) {
    for (const dep of step.dependencies) dependents.get(dep)?.push(step.name);
  }
  const memo = new Map<string, number>();
  function visit(name: string): number {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const tail = Math.max(0, ...(dependents.get(name) ?? []).map(visit));
    const value = estimate(name) + tail;
    memo.set(name, value);
    return value;
  }
  for (const step of steps) visit(step.name);
  return memo;
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
  const found = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const step of steps) {
      if (step.dependencies.includes(current) && !found.has(step.name)) {
        found.add(step.name);
        queue.push(step.name);
      }
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
