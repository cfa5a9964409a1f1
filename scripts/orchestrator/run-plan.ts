import { type Clock, createLogger, type Logger } from "../core/mod.ts";
import { runStep, StepAborted } from "./_run-step.ts";
import type { OrchestratorHooks } from "./hooks.ts";
import { createReadyQueue } from "./ready-queue.ts";
import type { PipelineRegistry } from "./registry.ts";
import type { PlannedStep, RunOutcome, RunPlan, SkipReason, StepResult } from "./types.ts";

/** Options of {@link runPlan}. */
export interface RunPlanOptions {
  /** Every wait and timestamp goes through it. */
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: running steps are aborted, the rest skipped. */
  signal?: AbortSignal;
  /** Progress logs. @default a silent logger */
  log?: Logger;
  /** Hooks for progress and alerts. */
  hooks?: OrchestratorHooks;
  /** Randomness for backoff jitter, in [0, 1). @default Math.random */
  random?: () => number;
  /**
   * Expected seconds of a step, for the longest-remaining-path tie-break.
   * @default 1 for every step (the path counts steps)
   */
  estimate?: (step: PlannedStep) => number;
}

function emptyResult(step: PlannedStep): StepResult {
  return {
    name: step.name,
    platformId: step.platformId,
    status: "skipped",
    skipReason: undefined,
    startedAt: undefined,
    endedAt: undefined,
    attempts: 0,
    rowsProcessed: 0,
    tablesProcessed: 0,
    errorMessage: undefined,
  };
}

/**
 * Runs a plan. In `ready_queue` mode a step starts as soon as its
 * dependencies completed and a slot is free (at most `maxParallel`), highest
 * priority first (lower number), then longest remaining path. In `groups`
 * mode groups run in order and their members concurrently within the same
 * bound; `sequential` runs one step at a time in dependency-then-priority
 * order (group order first when groups exist). Step timeouts and the global
 * timeout abort the step's signal and mark it `timed_out`; steps downstream
 * of a failure are skipped with `upstream_failed`; with
 * `continue_on_failure: false` no step starts after the first failure.
 * Never rejects for a step's failure.
 *
 * @param plan The plan from `planRun`.
 * @param registry The pipelines by step name.
 * @param options Clock, signal, hooks, randomness.
 * @returns One result per step, in plan order, and how the run ended.
 * @throws {RangeError} When a planned step has no registered pipeline (a bug: planRun checks).
 * @example
 * ```ts
 * import { createFakeClock } from "../core/testing.ts";
 * import { createRegistry } from "./registry.ts";
 * import { runPlan } from "./run-plan.ts";
 * const registry = createRegistry({ a: { run: () => Promise.resolve({ rows_processed: 5, tables_processed: 1 }) } });
 * const step = { name: "a", platformId: undefined, enabled: true, priority: 1, timeoutSeconds: 60, dependencies: [], index: 0,
 *   retry: { max_attempts: 1, backoff_seconds: 1, backoff_multiplier: 2, max_backoff_seconds: 10 } };
 * const outcome = await runPlan({ mode: "ready_queue", maxParallel: 1, continueOnFailure: true, globalTimeoutSeconds: 60, steps: [step], groups: undefined, warnings: [] }, registry, { clock: createFakeClock() });
 * console.assert(outcome.results[0]?.status === "completed");
 * ```
 */
export async function runPlan(plan: RunPlan, registry: PipelineRegistry, options: RunPlanOptions): Promise<RunOutcome> {
  const { clock } = options;
  const log = options.log ?? createLogger(() => {}, { level: "error" });
  const hooks = options.hooks ?? {};
  const random = options.random ?? Math.random;
  for (const step of plan.steps) {
    if (step.enabled && !registry.has(step.name)) throw new RangeError(`No pipeline registered for step '${step.name}'`);
  }
  const startedAt = clock.now();
  const results = new Map(plan.steps.map((s) => [s.name, emptyResult(s)]));
  const pending = new Set<string>();
  const done = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let halt: SkipReason | undefined;
  let stopped = false;
  let globalTimedOut = false;
  let interrupted = false;
  let peakParallel = 0;

  const runController = new AbortController();
  const globalTimer = new AbortController();
  clock.sleep(plan.globalTimeoutSeconds * 1000, globalTimer.signal).then(() => {
    globalTimedOut = true;
    halt ??= "global_timeout";
    runController.abort(new StepAborted("global_timeout", `Global timeout of ${plan.globalTimeoutSeconds}s exceeded`));
  }, () => {});
  const onInterrupt = () => {
    interrupted = true;
    halt = "interrupted";
    runController.abort(new StepAborted("interrupted", "Interrupted"));
  };
  if (options.signal?.aborted) onInterrupt();
  else options.signal?.addEventListener("abort", onInterrupt, { once: true });

  function skip(name: string, reason: SkipReason): void {
    const result = results.get(name) as StepResult;
    pending.delete(name);
    done.add(name);
    result.status = "skipped";
    result.skipReason = reason;
    result.endedAt = clock.now();
    hooks.onStepEnd?.({ result });
  }

  for (const step of plan.steps) {
    if (step.enabled) pending.add(step.name);
    else skip(step.name, "disabled");
  }
  const active = plan.steps.filter((s) => s.enabled);
  const grouped = plan.mode !== "ready_queue" && plan.groups !== undefined;
  const phases = grouped ? plan.groups as string[][] : [active.map((s) => s.name)];
  const queue = createReadyQueue(active, {
    phases: grouped ? phases : undefined,
    order: plan.mode === "sequential" ? "priority" : "critical_path",
    ...(options.estimate ? { estimate: options.estimate } : {}),
  });
  // Woken once per finished step, so a wait costs O(1) however many steps run.
  let wake = () => {};
  let crashed: { error: unknown } | undefined;

  function start(step: PlannedStep): void {
    pending.delete(step.name);
    const result = results.get(step.name) as StepResult;
    result.startedAt = clock.now();
    const promise = runStep(step, registry.get(step.name) as NonNullable<ReturnType<PipelineRegistry["get"]>>, {
      clock,
      runSignal: runController.signal,
      log,
      random,
      hooks,
      running: () => running.size,
    }).then((run) => {
      // Two hops later, as a race over the running steps resumed: steps that end together are picked for together.
      queueMicrotask(() => queueMicrotask(wake));
      running.delete(step.name);
      done.add(step.name);
      result.status = run.status;
      result.attempts = run.attempts;
      result.rowsProcessed = run.rows;
      result.tablesProcessed = run.tables;
      result.errorMessage = run.errorMessage;
      result.endedAt = clock.now();
      hooks.onStepEnd?.({ result });
      if (run.status === "interrupted") return;
      if (run.status === "completed") return queue.completed(step.name);
      for (const name of queue.downstream(step.name, (n) => pending.has(n))) skip(name, "upstream_failed");
      if (!plan.continueOnFailure && (run.status === "failed" || run.status === "timed_out") && halt === undefined) {
        stopped = true;
        halt = "stopped";
      }
    });
    promise.catch((error: unknown) => {
      // A throwing hook rejects the run, as it did when the loop raced the running steps.
      crashed ??= { error };
      running.delete(step.name);
      wake();
    });
    running.set(step.name, promise);
    peakParallel = Math.max(peakParallel, running.size);
  }

  try {
    for (const [i, phase] of phases.entries()) {
      if (grouped) {
        const names = new Set(phase);
        hooks.onGroupStart?.({ group: i + 1, total: phases.length, steps: active.filter((s) => names.has(s.name)).map((s) => s.name) });
      }
      for (;;) {
        while (halt === undefined && running.size < plan.maxParallel) {
          const step = queue.next(i);
          if (step === undefined) break;
          if (pending.has(step.name)) start(step);
        }
        if (running.size === 0) break;
        await new Promise<void>((resolve) => wake = resolve);
        if (crashed !== undefined) throw crashed.error;
      }
      if (halt !== undefined) break;
    }
  } finally {
    globalTimer.abort();
    options.signal?.removeEventListener("abort", onInterrupt);
  }
  for (const name of [...pending]) skip(name, halt ?? "upstream_failed");
  return {
    results: plan.steps.map((s) => results.get(s.name) as StepResult),
    startedAt,
    endedAt: clock.now(),
    stopped,
    globalTimedOut,
    interrupted,
    peakParallel,
  };
}
