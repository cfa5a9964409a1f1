// npm run bench:orchestrate — how close the schedulers get to the best possible
// makespan on random graphs, on a simulated clock (no real waiting), and what the
// scheduler's own bookkeeping costs per step.
//
// For 200 random DAGs (10-60 steps, max_parallel 2-8) whose steps carry what the real
// config tells the orchestrator (a kind, the connections a platform step syncs, a
// timeout), it runs the ready-queue scheduler tie-breaking on the longest remaining path
//   - with history: the true durations (as when the previous run's report is read),
//   - first run, new: estimateFirstRun() from kind, connections and timeout only,
//   - first run, before: unit estimates (path length in steps, the old default),
// and the seed's group mode (groups = dependency levels, run in order, members
// concurrently within max_parallel), and prints the median and worst ratio of makespan
// to the lower bound max(critical path, total work / max_parallel).
//
// Then, at 1,000 and 10,000 steps, it times the pick-next selection alone (the same
// discrete-event simulation with the old rescan-and-sort loop, copied below as "before",
// and with createReadyQueue), and the whole runPlan against the same simulated sleeps
// without a scheduler.
import process from "node:process";
import type { Clock } from "../core/mod.ts";
import {
  createReadyQueue,
  createRegistry,
  estimateFirstRun,
  longestRemainingPath,
  type Pipeline,
  type PlannedStep,
  planWaves,
  runPlan,
  type RunPlan,
  type ScheduleMode,
  type StepKind,
} from "../orchestrator/mod.ts";
import { seededRandom } from "./_random.ts";

interface SimClock extends Clock {
  timers(): number;
}

/** A virtual clock that jumps to the next timer once all in-process work is done (setImmediate). */
function createSimClock(): SimClock {
  let now = 0;
  let seq = 0;
  let timers: { at: number; seq: number; resolve: () => void }[] = [];
  let scheduled = false;
  function tick(): void {
    scheduled = false;
    if (timers.length === 0) return;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    now = Math.max(now, (timers[0] as { at: number }).at);
    while (timers[0] !== undefined && timers[0].at <= now) (timers.shift() as { resolve: () => void }).resolve();
    schedule();
  }
  function schedule(): void {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(tick);
  }
  return {
    now: () => now,
    timers: () => timers.length,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        function onAbort(): void {
          timers = timers.filter((t) => t !== timer);
          reject(signal?.reason);
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        timers.push(timer);
        schedule();
      });
    },
  };
}

interface Graph {
  steps: PlannedStep[];
  seconds: Map<string, number>;
  kinds: Map<string, StepKind>;
  connections: Map<string, number>;
  maxParallel: number;
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * The true duration of a step, from what it is, with noise the estimate cannot see:
 * a platform step runs its connections 4 at a time, each round taking 90 s times a
 * log-normal factor (sigma 0.9: APIs, backfills and rate limits differ), plus 30-150 s
 * of staging models; marts take about 900 s, metrics 240 s, health 20 s, each times a
 * log-normal factor (sigma 0.9, 0.9, 0.6). Clamped to 10 s - 1 h, the range of the
 * old draw (10 + 3590 u³ s, which knew nothing of the step). The estimate's own
 * guesses (estimate-first-run.ts) are not these numbers.
 */
function trueSeconds(kind: StepKind, connections: number, world: () => number): number {
  const spread = (sigma: number) => Math.exp(sigma * normal(world));
  let seconds: number;
  if (kind === "platform") {
    seconds = Math.ceil(connections / 4) * 90 * spread(0.9) + 30 + 120 * world();
  } else if (kind === "marts") seconds = 900 * spread(0.9);
  else if (kind === "metrics") seconds = 240 * spread(0.9);
  else seconds = 20 * spread(0.6);
  return Math.round(Math.min(3600, Math.max(10, seconds)));
}

/**
 * A step's timeout as a config would have it: 40% keep the default 1800 s (when the
 * step fits in it), the rest were set by someone who watched it run, to 1.5-4 times
 * its duration rounded up to 5 minutes.
 */
function timeoutFor(seconds: number, world: () => number): number {
  if (world() < 0.4 && seconds < 1500) return 1800;
  return Math.ceil(seconds * (1.5 + 2.5 * world()) / 300) * 300;
}

/**
 * A random DAG. `random` draws the structure exactly as the bench always did (so the
 * graphs are the ones of the earlier figures); `world` draws what the steps are: roots
 * are platform steps, the others platform 35%, marts 30%, metrics 20%, health 15%;
 * a platform step syncs 1-40 connections (most few). With `size`, a graph of that many
 * steps, each but the first depending on 1-3 of the 50 before it, for max_parallel 8.
 */
function randomGraph(random: () => number, world: () => number, size?: number): Graph {
  const n = size ?? 10 + Math.floor(random() * 51);
  const density = 0.5 + random() * 2.5; // mean dependencies per step
  const steps: PlannedStep[] = [];
  const seconds = new Map<string, number>();
  const kinds = new Map<string, StepKind>();
  const connections = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = `s${i}`;
    const deps = new Set<string>();
    const want = Math.min(i, size === undefined ? Math.floor(random() * (2 * density + 1)) : 1 + Math.floor(random() * 3));
    // The large graphs of the overhead figures: 1-3 dependencies among the previous 50 steps (a long pipeline, not one wide layer).
    while (deps.size < want) deps.add(`s${size === undefined ? Math.floor(random() * i) : i - 1 - Math.floor(random() * Math.min(i, 50))}`);
    const roll = world();
    const kind: StepKind = deps.size === 0 || roll < 0.35 ? "platform" : roll < 0.65 ? "marts" : roll < 0.85 ? "metrics" : "health";
    const count = kind === "platform" ? 1 + Math.floor(40 * world() ** 2) : 0;
    const duration = trueSeconds(kind, count, world);
    steps.push({
      name,
      platformId: undefined,
      enabled: true,
      priority: 100,
      timeoutSeconds: timeoutFor(duration, world),
      retry: { max_attempts: 1, backoff_seconds: 0, backoff_multiplier: 1, max_backoff_seconds: 0 },
      dependencies: [...deps],
      index: i,
    });
    kinds.set(name, kind);
    if (kind === "platform") connections.set(name, count);
    // The old bench drew the duration here; keep the structure's stream unchanged.
    random();
    seconds.set(name, duration);
  }
  return { steps, seconds, kinds, connections, maxParallel: size === undefined ? 2 + Math.floor(random() * 7) : 8 };
}

function lowerBound(g: Graph): number {
  const finish = new Map<string, number>();
  for (const s of g.steps) finish.set(s.name, (g.seconds.get(s.name) as number) + Math.max(0, ...s.dependencies.map((d) => finish.get(d) as number)));
  const critical = Math.max(...finish.values());
  const work = [...g.seconds.values()].reduce((a, b) => a + b, 0);
  return Math.max(critical, work / g.maxParallel);
}

function pipelines(g: Graph, clock: Clock): Record<string, Pipeline> {
  const out: Record<string, Pipeline> = {};
  for (const s of g.steps) {
    out[s.name] = {
      async run(_context, signal) {
        await clock.sleep((g.seconds.get(s.name) as number) * 1000, signal);
        return { rows_processed: 1, tables_processed: 1 };
      },
    };
  }
  return out;
}

type Estimate = "history" | "first_run" | "unit";

function estimateOf(g: Graph, estimate: Estimate): ((step: PlannedStep) => number) | undefined {
  if (estimate === "history") return (s) => g.seconds.get(s.name) as number;
  if (estimate === "unit") return undefined;
  return estimateFirstRun({ connections: g.connections, kindOf: (s) => g.kinds.get(s.name) as StepKind });
}

async function makespan(g: Graph, mode: ScheduleMode, estimate: Estimate): Promise<{ seconds: number; wallMs: number }> {
  const clock = createSimClock();
  const registry = createRegistry(pipelines(g, clock));
  const plan: RunPlan = {
    mode,
    maxParallel: g.maxParallel,
    continueOnFailure: true,
    globalTimeoutSeconds: 1e12,
    steps: g.steps.map((s) => ({ ...s, dependencies: [...s.dependencies] })),
    groups: mode === "groups" ? planWaves(g.steps) : undefined,
    warnings: [],
  };
  const t = performance.now();
  const fn = estimateOf(g, estimate);
  const outcome = await runPlan(plan, registry, { clock, random: () => 0, ...(fn ? { estimate: fn } : {}) });
  const wallMs = performance.now() - t;
  if (outcome.results.some((r) => r.status !== "completed")) throw new Error("Bench run did not complete every step");
  if (outcome.peakParallel > g.maxParallel) throw new Error("max_parallel exceeded");
  return { seconds: (outcome.endedAt - outcome.startedAt) / 1000, wallMs };
}

/** The same simulated sleeps in dependency order without the scheduler: the overhead baseline. */
async function baseline(g: Graph): Promise<number> {
  const clock = createSimClock();
  const done = new Map<string, Promise<void>>();
  const t = performance.now();
  for (const s of g.steps) {
    done.set(s.name, Promise.all(s.dependencies.map((d) => done.get(d))).then(() => clock.sleep((g.seconds.get(s.name) as number) * 1000)));
  }
  await Promise.all(done.values());
  return performance.now() - t;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Ready-queue list scheduling as a discrete-event simulation: `pick` chooses what starts, the rest is shared. */
interface Selection {
  /** Steps to start now, best first, at most `slots`. */
  pick(slots: number): PlannedStep[];
  /** `name` completed. */
  completed(name: string): void;
}

function simulate(g: Graph, selection: Selection): { seconds: number; wallMs: number } {
  const t = performance.now();
  let now = 0;
  const running: { name: string; end: number }[] = [];
  for (;;) {
    for (const step of selection.pick(g.maxParallel - running.length)) running.push({ name: step.name, end: now + (g.seconds.get(step.name) as number) });
    if (running.length === 0) break;
    // Every step ending at the same instant completes before the next pick, as under runPlan.
    now = Math.min(...running.map((r) => r.end));
    for (let i = running.length - 1; i >= 0; i--) {
      const r = running[i] as { name: string; end: number };
      if (r.end !== now) continue;
      running.splice(i, 1);
      selection.completed(r.name);
    }
  }
  return { seconds: now, wallMs: performance.now() - t };
}

/**
 * "before": the pick-next loop runPlan had until #16 item 5, copied. At every pick it
 * rescans the phase's members for pending steps whose dependencies are all done and
 * sorts them; members come from filtering the steps by `phase.includes`: O(n²) a run.
 */
function selectionBefore(g: Graph, estimate: (step: PlannedStep) => number): Selection {
  const active = g.steps;
  const phase = active.map((s) => s.name);
  const members = active.filter((s) => phase.includes(s.name));
  const byName = new Map(active.map((s) => [s.name, s]));
  const longest = longestRemainingPath(active, (name) => estimate(byName.get(name) as PlannedStep));
  const compare = (a: PlannedStep, b: PlannedStep) => a.priority - b.priority || (longest.get(b.name) ?? 0) - (longest.get(a.name) ?? 0) || a.index - b.index;
  const pending = new Set(phase);
  const done = new Set<string>();
  return {
    pick(slots) {
      const ready = members.filter((s) => pending.has(s.name) && s.dependencies.every((d) => done.has(d))).sort(compare);
      const chosen = ready.slice(0, Math.max(0, slots));
      for (const s of chosen) pending.delete(s.name);
      return chosen;
    },
    completed: (name) => void done.add(name),
  };
}

/** "after": createReadyQueue, as runPlan now uses it. */
function selectionAfter(g: Graph, estimate: (step: PlannedStep) => number): Selection {
  const queue = createReadyQueue(g.steps, { estimate });
  return {
    pick(slots) {
      const chosen: PlannedStep[] = [];
      while (chosen.length < slots) {
        const step = queue.next(0);
        if (step === undefined) break;
        chosen.push(step);
      }
      return chosen;
    },
    completed: (name) => queue.completed(name),
  };
}

function ratioRow(name: string, values: number[], goal: string): string {
  const sorted = [...values].sort((a, b) => a - b);
  const cells = [quantile(sorted, 0.5), quantile(sorted, 0.9), sorted.at(-1) as number].map((x) => x.toFixed(3).padStart(8)).join("");
  return `${name.padEnd(40)}${cells}   ${goal}`;
}

const GRAPHS = Number(process.env.BENCH_GRAPHS ?? 200);
const random = seededRandom(20260122);
const world = seededRandom(16_05);
const rows = {
  history: { name: "ready queue, with history (true)", values: [] as number[], goal: "" },
  first_run: { name: "ready queue, first run: new estimate", values: [] as number[], goal: "goal: worst <= 1.300" },
  unit: { name: "ready queue, first run: unit (before)", values: [] as number[], goal: "" },
  groups: { name: "seed group mode", values: [] as number[], goal: "" },
};
let totalSteps = 0;
for (let i = 0; i < GRAPHS; i++) {
  const g = randomGraph(random, world);
  const lb = lowerBound(g);
  rows.history.values.push((await makespan(g, "ready_queue", "history")).seconds / lb);
  rows.first_run.values.push((await makespan(g, "ready_queue", "first_run")).seconds / lb);
  rows.unit.values.push((await makespan(g, "ready_queue", "unit")).seconds / lb);
  rows.groups.values.push((await makespan(g, "groups", "unit")).seconds / lb);
  totalSteps += g.steps.length;
}

console.log(`bench:orchestrate  ${GRAPHS} random graphs, ${totalSteps} steps (10-60 each), max_parallel 2-8, simulated clock`);
console.log("makespan / max(critical path, total work / max_parallel)   (1.00 = optimal)");
console.log(`${"scheduler".padEnd(40)}${"median".padStart(8)}${"p90".padStart(8)}${"worst".padStart(8)}`);
for (const row of Object.values(rows)) console.log(ratioRow(row.name, row.values, row.goal));

console.log("");
console.log("scheduler overhead per step (random DAGs, max_parallel 8; goal: per-step cost flat from 1,000 to 10,000 steps, O(n log n))");
console.log(`${"steps".padEnd(8)}${"selection before".padStart(18)}${"after".padStart(10)}${"ratio".padStart(9)}${"runPlan after".padStart(16)}${"no scheduler".padStart(15)}`);
const perStep: Record<string, number[]> = { before: [], after: [], run: [] };
for (const n of (process.env.BENCH_STEPS ?? "1000,10000").split(",").map(Number)) {
  const g = randomGraph(seededRandom(n), seededRandom(n + 1), n);
  const estimate = estimateOf(g, "first_run") as (step: PlannedStep) => number;
  // Best of three (one run of "before" at 10,000 steps: it takes seconds), after a warm-up run.
  const best = async (times: number, fn: () => Promise<{ seconds: number; wallMs: number }>) => {
    let found = await fn();
    for (let i = 0; i < times; i++) {
      const next = await fn();
      if (next.wallMs < found.wallMs) found = next;
    }
    return found;
  };
  const before = await best(n > 5_000 ? 0 : 3, () => Promise.resolve(simulate(g, selectionBefore(g, estimate))));
  const after = await best(3, () => Promise.resolve(simulate(g, selectionAfter(g, estimate))));
  if (before.seconds !== after.seconds) throw new Error(`The selections disagree at ${n} steps: ${before.seconds} s vs ${after.seconds} s`);
  const run = await best(3, () => makespan(g, "ready_queue", "first_run"));
  if (run.seconds !== after.seconds) throw new Error(`runPlan and the simulation disagree at ${n} steps: ${run.seconds} s vs ${after.seconds} s`);
  let none = Infinity;
  for (let i = 0; i < 4; i++) none = Math.min(none, await baseline(g));
  const us = (ms: number) => ms / n * 1000;
  perStep.before?.push(us(before.wallMs));
  perStep.after?.push(us(after.wallMs));
  perStep.run?.push(us(run.wallMs - none));
  console.log(
    `${n.toLocaleString("en-US").padEnd(8)}${`${us(before.wallMs).toFixed(1)} µs`.padStart(18)}${`${us(after.wallMs).toFixed(1)} µs`.padStart(10)}` +
      `${`${(before.wallMs / after.wallMs).toFixed(0)}x`.padStart(9)}${`${us(run.wallMs - none).toFixed(1)} µs`.padStart(16)}${`${us(none).toFixed(1)} µs`.padStart(15)}`,
  );
}
const growth = (k: string) => `${((perStep[k]?.[1] ?? 0) / (perStep[k]?.[0] ?? 1)).toFixed(2)}x`;
console.log(`per-step cost 10,000 vs 1,000 steps: selection before ${growth("before")}, after ${growth("after")}, runPlan after ${growth("run")} (goal <= 2x)`);
console.log("runPlan is the whole scheduler (timers, signals, hooks) less the same simulated sleeps run without it; selection is the pick-next loop alone");
