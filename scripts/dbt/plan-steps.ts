import { UsageError } from "../core/mod.ts";
import { RAW_PLATFORMS } from "./tenant-layouts.ts";

/** A dbt command adops can run as a step. */
export type DbtStepName = "deps" | "seed" | "build" | "run" | "test" | "freshness";

/** Every step name `--steps` accepts. */
export const DBT_STEP_NAMES: readonly DbtStepName[] = ["deps", "seed", "build", "run", "test", "freshness"];

/** One dbt invocation in a plan. */
export interface DbtStep {
  /** A label unique in the plan (`build`, `per-source-2-marts`, ...). */
  id: string;
  /** The dbt command. */
  name: DbtStepName;
  /** The dbt subcommand words (`["source", "freshness"]`). */
  command: string[];
  /** Selection and other flags for this step. */
  args: string[];
  /** `args.which` dbt writes into run_results.json for it (none for deps/freshness). */
  which: string | undefined;
}

/** What the caller asks for. */
export interface DbtPlanInput {
  /**
   * Steps in order. @default ["deps", "build", "freshness"]: `dbt build` loads the seeds
   * itself; with a `select` or `exclude`, `["deps", "seed", "build", "freshness"]` (build
   * would only load the selected seeds)
   */
  steps?: readonly DbtStepName[];
  /** `--select` words. */
  select?: readonly string[];
  /** `--exclude` words. */
  exclude?: readonly string[];
  /** `--full-refresh`. */
  fullRefresh?: boolean;
  /** `--state <dir>`: compare with the production manifest there. */
  state?: { dir: string; manifestExists: boolean; warehouseExists: boolean };
  /** `--per-source <platform>`: the seed 003 flow for one platform. */
  perSource?: string;
  /** Platforms enabled by vars (linkedin/tiktok need theirs). */
  enabledPlatforms?: readonly string[];
  /** Whether the project has a packages.yml (else `deps` is skipped). */
  hasPackages?: boolean;
}

/** A plan: the steps and what a person should know about how they were chosen. */
export interface DbtPlan {
  steps: DbtStep[];
  notes: string[];
  /** `state` when comparing with a production manifest, `full` otherwise, `per-source` for seed 003. */
  mode: "full" | "state" | "per-source";
}

const COMMAND: Record<DbtStepName, string[]> = { deps: ["deps"], seed: ["seed"], build: ["build"], run: ["run"], test: ["test"], freshness: ["source", "freshness"] };

function step(id: string, name: DbtStepName, args: string[]): DbtStep {
  return { id, name, command: COMMAND[name], args, which: name === "deps" || name === "freshness" ? undefined : name };
}

function selection(select: readonly string[], exclude: readonly string[]): string[] {
  return [...(select.length > 0 ? ["--select", ...select] : []), ...(exclude.length > 0 ? ["--exclude", ...exclude] : [])];
}

/**
 * Plans the dbt invocations of one `adops dbt` run (pure).
 *
 * - Default: `deps` (only with a packages.yml), `build` (which loads the seeds in DAG order,
 *   so no separate `seed` step), `source freshness`; with a `--select`/`--exclude`, a `seed`
 *   step first, since build would load only the selected seeds.
 * - `state`: `--select state:modified+ --defer --state <dir>` on seed/build/run/test when the
 *   production manifest is there and the warehouse it describes exists; otherwise a full
 *   build, with a note saying why (dbt fails with rc 2 on a state selector without a
 *   manifest, and deferring to tables a fresh DuckDB file lacks cannot build).
 * - `perSource`: seed 003's flow for one platform: its staging models and tests, then
 *   `fct_campaign_performance+` (with the intermediate views it reads, metrics left to the
 *   next step), then `metrics`, then the mart tests.
 *
 * @param input What was asked.
 * @returns The plan.
 * @throws {UsageError} For an unknown platform or one whose var is off.
 * @example
 * ```ts
 * import { planDbtSteps } from "./plan-steps.ts";
 * const plan = planDbtSteps({ state: { dir: "state", manifestExists: false, warehouseExists: true } });
 * console.assert(plan.mode === "full" && plan.notes.length === 2);
 * console.assert(plan.steps.map((s) => s.id).join() === "deps,build,freshness");
 * ```
 */
export function planDbtSteps(input: DbtPlanInput): DbtPlan {
  const notes: string[] = [];
  const select = input.select ?? [];
  const exclude = input.exclude ?? [];
  const refresh = input.fullRefresh ? ["--full-refresh"] : [];
  if (input.perSource !== undefined) {
    const p = input.perSource;
    if (!(RAW_PLATFORMS as readonly string[]).includes(p)) throw new UsageError(`Unknown platform '${p}' for --per-source`, `Use one of: ${RAW_PLATFORMS.join(", ")}`);
    const enabled = input.enabledPlatforms ?? ["meta", "google_ads", "microsoft_ads"];
    if (!enabled.includes(p)) throw new UsageError(`Platform '${p}' is disabled`, `Pass --vars '{"enable_${p}": true}' to transform it`);
    return {
      mode: "per-source",
      notes: [`Per-source flow (seed 003) for '${p}'`],
      steps: [
        step("per-source-1-staging", "build", ["--select", `path:models/staging/${p}`, ...refresh]),
        step("per-source-2-marts", "run", ["--select", "path:models/intermediate", "fct_campaign_performance+", "--exclude", "path:models/metrics", ...refresh]),
        step("per-source-3-metrics", "run", ["--select", "path:models/metrics", ...refresh]),
        step("per-source-4-mart-tests", "test", ["--select", "path:models/marts"]),
      ],
    };
  }
  const names = input.steps ?? (select.length > 0 || exclude.length > 0 ? ["deps", "seed", "build", "freshness"] : ["deps", "build", "freshness"]);
  let mode: DbtPlan["mode"] = "full";
  let stateArgs: string[] = [];
  let nodeSelect = select;
  if (input.state !== undefined) {
    if (!input.state.manifestExists) {
      notes.push(`No production manifest in '${input.state.dir}': running a full build instead of state:modified+`);
      notes.push("Upload target/manifest.json after a successful production run so the next run can compare");
    } else if (!input.state.warehouseExists) {
      notes.push(`The warehouse the manifest in '${input.state.dir}' describes does not exist here: running a full build (deferral needs the production tables)`);
    } else {
      mode = "state";
      stateArgs = ["--defer", "--state", input.state.dir];
      if (!select.some((s) => s.includes("state:"))) nodeSelect = ["state:modified+", ...select];
      notes.push(`Selective run: ${nodeSelect.join(" ")} against the manifest in '${input.state.dir}'`);
    }
  }
  const steps: DbtStep[] = [];
  for (const name of names) {
    if (name === "deps") {
      if (input.hasPackages === false) {
        notes.push("Skipped dbt deps: the project has no packages.yml");
        continue;
      }
      steps.push(step("deps", "deps", []));
    } else if (name === "freshness") {
      const sources = select.filter((s) => s.startsWith("source:"));
      steps.push(step("freshness", "freshness", sources.length > 0 ? ["--select", ...sources] : []));
    } else if (name === "seed") {
      steps.push(step("seed", "seed", [...(mode === "state" ? ["--select", "state:modified", "--state", input.state?.dir ?? ""] : []), ...refresh]));
    } else {
      steps.push(step(name, name, [...selection(nodeSelect, exclude), ...stateArgs, ...(name === "test" ? [] : refresh)]));
    }
  }
  return { steps, notes, mode };
}
