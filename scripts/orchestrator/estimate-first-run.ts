import { DEFAULT_STEP } from "./plan-run.ts";
import { SHARED_STEPS } from "./registry.ts";
import type { PlannedStep } from "./types.ts";

/** What a step does, as far as its duration goes. */
export type StepKind = "platform" | "marts" | "metrics" | "health" | "other";

/** Options of {@link estimateFirstRun}. */
export interface FirstRunOptions {
  /** Connections each platform step syncs (every tenant's connections of its platform), by step name. @default none known (3 each) */
  connections?: ReadonlyMap<string, number>;
  /** Connections the sync engine runs at once within a step. @default 4 (runSyncs' default) */
  syncConcurrency?: number;
  /** What a step is. @default {@link stepKind} */
  kindOf?: (step: PlannedStep) => StepKind;
}

/**
 * Seconds a step of each kind is guessed to take: a platform step's dbt
 * staging models, plus per round of concurrent connection syncs; marts build
 * the intermediate models and marts, metrics less, health only reads.
 */
const GUESS = { models: 120, syncRound: 240, marts: 600, metrics: 240, health: 60, other: 300, connections: 3 } as const;

/**
 * What a step is: a platform step (it has a platform id), one of the shared
 * steps by name, or `other`.
 *
 * @param step The step.
 * @returns Its kind.
 * @example
 * ```ts
 * import { stepKind } from "./estimate-first-run.ts";
 * import { makeStep } from "./testing.ts";
 * console.assert(stepKind(makeStep("google", { platformId: "google_ads" })) === "platform");
 * console.assert(stepKind(makeStep("marts")) === "marts" && stepKind(makeStep("x")) === "other");
 * ```
 */
export function stepKind(step: PlannedStep): StepKind {
  if (step.platformId !== undefined) return "platform";
  return (SHARED_STEPS as readonly string[]).includes(step.name) ? step.name as StepKind : "other";
}

/**
 * Step duration estimates for a first run, when no report of a previous one
 * exists: a guess from what the step is (a platform step grows with the
 * rounds of connection syncs it runs, `marts` > `metrics` > `health`), capped
 * at half the step's `timeout`. A timeout other than the default (1800 s) was
 * set by someone who has seen the step run, so it is also read as about three
 * times the duration, and the two are averaged geometrically. Only the order
 * of the estimates matters to the scheduler's longest-remaining-path
 * tie-break; on the 200 random graphs of `npm run bench:orchestrate` the worst
 * makespan is 1.22 times the lower bound, against 1.30 with every step
 * counting 1.
 *
 * @param options Connections per platform step, sync concurrency, and how a step's kind is read.
 * @returns The estimate function for `runPlan` (seconds).
 * @example
 * ```ts
 * import { estimateFirstRun } from "./estimate-first-run.ts";
 * import { makeStep } from "./testing.ts";
 * const estimate = estimateFirstRun({ connections: new Map([["google", 8]]) });
 * console.assert(estimate(makeStep("google", { platformId: "google_ads", timeoutSeconds: 1800 })) === 120 + 2 * 240);
 * console.assert(estimate(makeStep("marts", { timeoutSeconds: 1800 })) === 600);
 * console.assert(estimate(makeStep("health", { timeoutSeconds: 90 })) === Math.sqrt(45 * 30));
 * ```
 */
export function estimateFirstRun(options: FirstRunOptions = {}): (step: PlannedStep) => number {
  const kindOf = options.kindOf ?? stepKind;
  const concurrency = Math.max(1, options.syncConcurrency ?? 4);
  return (step) => {
    const kind = kindOf(step);
    let guess: number;
    if (kind === "platform") {
      const connections = options.connections?.get(step.name) ?? GUESS.connections;
      guess = GUESS.models + GUESS.syncRound * Math.ceil(connections / concurrency);
    } else guess = GUESS[kind];
    const capped = Math.min(guess, step.timeoutSeconds / 2);
    if (step.timeoutSeconds === DEFAULT_STEP.timeout) return Math.max(1, capped);
    // A timeout someone set: about 3 times what they saw the step take.
    return Math.max(1, Math.sqrt(capped * step.timeoutSeconds / 3));
  };
}
