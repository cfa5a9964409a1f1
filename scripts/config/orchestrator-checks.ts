import type { OrchestratorConfig } from "../../schemas/mod.ts";
import type { ConfigProblem } from "./problem.ts";
import { didYouMean } from "./schema-problems.ts";
import type { YamlSource } from "./yaml-source.ts";

/** Step names the orchestrator can run: the seed's five platforms and the shared steps. */
export const PIPELINE_NAMES = ["microsoft", "linkedin", "facebook", "google", "tiktok", "marts", "metrics", "health"] as const;

/**
 * Finds a dependency cycle, as the path that closes it.
 *
 * @param edges Each step's dependencies.
 * @returns E.g. `["a", "b", "a"]`, or undefined when acyclic.
 * @example
 * ```ts
 * import { findCycle } from "./orchestrator-checks.ts";
 * console.assert(findCycle(new Map([["a", ["b"]], ["b", ["a"]]]))?.join(" -> ") === "a -> b -> a");
 * ```
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  function visit(node: string): string[] | undefined {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "visiting") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "visiting");
    stack.push(node);
    for (const dep of edges.get(node) ?? []) {
      if (!edges.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  }
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Semantic checks of orchestrator.yml the schema cannot express: unknown and
 * duplicate step names, unknown dependencies, cycles (printed as a path),
 * parallel groups naming unknown steps, groups that contradict dependencies.
 *
 * @param config The parsed orchestrator config.
 * @param source Its YAML source, for positions.
 * @returns The problems.
 */
export function checkOrchestrator(config: OrchestratorConfig, source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const known: readonly string[] = PIPELINE_NAMES;
  const listed = new Map<string, number>();
  config.platforms.forEach((step, i) => {
    if (!known.includes(step.name)) {
      const guess = didYouMean(step.name, known);
      problems.push({
        level: "error",
        code: "unknown-platform",
        message: `Unknown platform '${step.name}' in orchestrator.yml`,
        hint: `${guess ? `Did you mean '${guess}'? ` : ""}Registered pipelines: ${known.join(", ")}`,
        position: source.locate(["platforms", i, "name"]),
      });
    }
    if (listed.has(step.name)) {
      problems.push({
        level: "error",
        code: "duplicate-platform",
        message: `Platform '${step.name}' is listed twice in orchestrator.yml`,
        hint: "Keep one entry per platform",
        position: source.locate(["platforms", i, "name"]),
      });
    }
    listed.set(step.name, i);
  });
  config.platforms.forEach((step, i) => {
    step.dependencies.forEach((dep, j) => {
      if (!listed.has(dep)) {
        problems.push({
          level: "error",
          code: "unknown-dependency",
          message: `Platform '${step.name}' depends on '${dep}', which is not listed under platforms`,
          hint: `Add '${dep}' to platforms or remove the dependency`,
          position: source.locate(["platforms", i, "dependencies", j]),
        });
      }
    });
  });
  const cycle = findCycle(new Map(config.platforms.map((s) => [s.name, s.dependencies])));
  if (cycle) {
    const first = listed.get(cycle[0] as string) ?? 0;
    problems.push({
      level: "error",
      code: "dependency-cycle",
      message: `Dependency cycle: ${cycle.join(" -> ")}`,
      hint: "Remove one of these dependencies so the platforms can be ordered",
      position: source.locate(["platforms", first, "dependencies"]),
    });
  }
  const groupOf = new Map<string, number>();
  (config.parallel_groups ?? []).forEach((group, g) => {
    group.forEach((name, k) => {
      if (!known.includes(name)) {
        problems.push({
          level: "error",
          code: "unknown-platform",
          message: `Parallel group ${g + 1} names '${name}', for which no pipeline exists`,
          hint: `Registered pipelines: ${known.join(", ")}`,
          position: source.locate(["parallel_groups", g, k]),
        });
      } else if (!listed.has(name)) {
        problems.push({
          level: "warning",
          code: "group-platform-defaults",
          message: `Parallel group ${g + 1} names '${name}', which is not listed under platforms: it runs with default settings`,
          hint: `Add '${name}' under platforms to set its timeout, retry and priority`,
          position: source.locate(["parallel_groups", g, k]),
        });
      }
      if (groupOf.has(name)) {
        problems.push({
          level: "error",
          code: "group-duplicate",
          message: `'${name}' is in more than one parallel group`,
          hint: "Put each platform in one group",
          position: source.locate(["parallel_groups", g, k]),
        });
      }
      groupOf.set(name, g);
    });
  });
  for (const step of config.platforms) {
    const g = groupOf.get(step.name);
    if (g === undefined) continue;
    for (const dep of step.dependencies) {
      const dg = groupOf.get(dep);
      if (dg !== undefined && dg >= g) {
        problems.push({
          level: "error",
          code: "group-contradicts-dependency",
          message: `'${step.name}' depends on '${dep}' but runs in parallel group ${g + 1}, ${dg === g ? "the same group as" : "before"} '${dep}' (group ${dg + 1})`,
          hint: `Move '${dep}' to an earlier group than '${step.name}'`,
          position: source.locate(["parallel_groups", g]),
        });
      }
    }
  }
  return problems;
}
