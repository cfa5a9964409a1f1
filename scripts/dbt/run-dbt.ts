import type { DbtStagingVolume } from "../../schemas/report-rows/dbt.ts";
import type { Clock, Files, Outcome } from "../core/mod.ts";
import type { DbtCli } from "./dbt-cli.ts";
import type { DbtLogEvent } from "./log-events.ts";
import type { DbtPlan, DbtStep } from "./plan-steps.ts";
import { type DbtStepOutcome, runDbtStep } from "./run-step.ts";
import { builtStagingModels, readStagingVolume } from "./staging-volume.ts";
import { countNodes, type DbtCounts, dbtRunOutcome } from "./summarize.ts";

/** Hooks a caller gets while dbt runs. */
export interface RunDbtHooks {
  /** Before each step. */
  onStepStart?: (state: { step: DbtStep; index: number; total: number }) => void;
  /** After each step. */
  onStepFinished?: (state: { outcome: DbtStepOutcome; index: number; total: number }) => void;
  /** Each parsed dbt log event (node start/finish drive progress lines). */
  onEvent?: (event: DbtLogEvent, step: DbtStep) => void;
}

/** Options of {@link runDbt}. */
export interface RunDbtOptions {
  cli: DbtCli;
  files: Pick<Files, "tryReadText">;
  clock: Clock;
  /** Absolute dbt project folder. */
  projectDir: string;
  /** Absolute folder with profiles.yml. @default projectDir */
  profilesDir?: string;
  /** Absolute folder under which each step gets `<index>-<id>/` as its target path. */
  targetRoot: string;
  /** Shared partial-parse file, so per-step target paths do not force a re-parse. */
  partialParseFile?: string;
  /** `--vars` (passed as one JSON argv element). */
  vars?: Record<string, unknown>;
  /** `--target`. */
  target?: string;
  env?: Record<string, string>;
  /** The invocations' lane (the DuckDB file): one at a time per lane. @default none */
  lane?: string;
  signal?: AbortSignal;
  hooks?: RunDbtHooks;
  /**
   * After the steps, when a build or run step built staging models: count the
   * staging rows per tenant, platform and stat_date since `since` (`YYYY-MM-DD`)
   * with one `dbt show`. @default not counted
   */
  stagingVolume?: { since: string };
}

/** The result of a dbt run. */
export interface RunDbtResult {
  outcomes: DbtStepOutcome[];
  counts: DbtCounts;
  outcome: Outcome;
  /** Steps not started because an earlier one did not run. */
  notStarted: DbtStep[];
  /** The staging models' daily volume, when asked for and counted. */
  stagingVolume?: DbtStagingVolume;
  /** Why the staging volume was not counted (a failed query never fails the run). */
  stagingVolumeNote?: string;
}

/**
 * Runs a plan's steps one after the other (DuckDB has one writer: never in
 * parallel). A step where dbt did not run (rc 2) stops the rest, which would fail
 * the same way; failing nodes (rc 1) do not. With `stagingVolume`, a last
 * `dbt show` counts the staging rows when a step built staging models; its
 * failure is a note, never the run's outcome.
 *
 * @param plan The steps.
 * @param options Ports, paths, vars and hooks.
 * @returns Every step's outcome, the counts and the exit code.
 */
export async function runDbt(plan: DbtPlan, options: RunDbtOptions): Promise<RunDbtResult> {
  const outcomes: DbtStepOutcome[] = [];
  const commonArgs = [
    ...(options.vars !== undefined && Object.keys(options.vars).length > 0 ? ["--vars", JSON.stringify(options.vars)] : []),
    ...(options.target !== undefined ? ["--target", options.target] : []),
  ];
  const notStarted: DbtStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    if (outcomes.some((o) => o.status === "not_run") || options.signal?.aborted) {
      notStarted.push(step);
      continue;
    }
    options.hooks?.onStepStart?.({ step, index, total: plan.steps.length });
    const outcome = await runDbtStep(step, {
      cli: options.cli,
      files: options.files,
      clock: options.clock,
      projectDir: options.projectDir,
      profilesDir: options.profilesDir ?? options.projectDir,
      targetPath: `${options.targetRoot}/${index + 1}-${step.id}`,
      commonArgs,
      ...(options.partialParseFile === undefined ? {} : { partialParseFile: options.partialParseFile }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.lane === undefined ? {} : { lane: options.lane }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.hooks?.onEvent === undefined ? {} : { onEvent: options.hooks.onEvent }),
    });
    outcomes.push(outcome);
    options.hooks?.onStepFinished?.({ outcome, index, total: plan.steps.length });
  }
  const result: RunDbtResult = { outcomes, counts: countNodes(outcomes), outcome: dbtRunOutcome(outcomes), notStarted };
  if (options.stagingVolume !== undefined && !options.signal?.aborted && builtStagingModels(outcomes)) {
    const read = await readStagingVolume({
      cli: options.cli,
      projectDir: options.projectDir,
      profilesDir: options.profilesDir ?? options.projectDir,
      targetPath: `${options.targetRoot}/${plan.steps.length + 1}-staging-volume`,
      commonArgs,
      since: options.stagingVolume.since,
      ...(options.partialParseFile === undefined ? {} : { partialParseFile: options.partialParseFile }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.lane === undefined ? {} : { lane: options.lane }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (read.ok) result.stagingVolume = read.value;
    else result.stagingVolumeNote = `Staging volume not counted (health judges no staging rows until a run counts them): ${read.message}`;
  }
  return result;
}
