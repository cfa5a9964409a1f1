// npm run bench:orchestrate — how close the schedulers get to the best possible
// makespan on random graphs, on a simulated clock (no real waiting).
//
// For 200 random DAGs (10-60 steps, random durations, max_parallel 2-8) it runs
//   - the ready-queue scheduler, tie-breaking on the longest remaining path with
//     true durations (as when estimates come from past runs) and with unit estimates
//     (path length in steps, the default),
//   - the seed's group mode: groups = dependency levels, run in order, members
//     concurrently within max_parallel,
// and prints the median and worst ratio of makespan to the lower bound
// max(critical path, total work / max_parallel). It also prints the scheduler's own
// wall-clock overhead per step against a baseline that runs the same simulated
// sleeps without the scheduler, in the same process.
import process from "node:process";
import type { Clock } from "../core/mod.ts";
import { createRegistry, type Pipeline, type PlannedStep, planWaves, runPlan, type RunPlan, type ScheduleMode } from "../orchestrator/mod.ts";
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
  maxParallel: number;
}

function randomGraph(random: () => number): Graph {
  const n = 10 + Math.floor(random() * 51);
  const density = 0.5 + random() * 2.5; // mean dependencies per step
  const steps: PlannedStep[] = [];
  const seconds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = `s${i}`;
    const deps = new Set<string>();
    const want = Math.min(i, Math.floor(random() * (2 * density + 1)));
    while (deps.size < want) deps.add(`s${Math.floor(random() * i)}`);
    steps.push({
      name,
      platformId: undefined,
      enabled: true,
      priority: 100,
      timeoutSeconds: 1e9,
      retry: { max_attempts: 1, backoff_seconds: 0, backoff_multiplier: 1, max_backoff_seconds: 0 },
      dependencies: [...deps],
      index: i,
    });
    // Mostly short steps with a heavy tail, 10 s to 1 h.
    seconds.set(name, Math.round(10 + 3590 * random() ** 3));
  }
  return { steps, seconds, maxParallel: 2 + Math.floor(random() * 7) };
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

async function makespan(g: Graph, mode: ScheduleMode, trueEstimates: boolean): Promise<{ seconds: number; wallMs: number }> {
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
  const outcome = await runPlan(plan, registry, {
    clock,
    random: () => 0,
    ...(trueEstimates ? { estimate: (s: PlannedStep) => g.seconds.get(s.name) as number } : {}),
  });
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

const GRAPHS = Number(process.env.BENCH_GRAPHS ?? 200);
const random = seededRandom(20260122);
const ratios: Record<string, number[]> = { "ready queue (true estimates)": [], "ready queue (unit estimates)": [], "seed group mode": [] };
let schedulerMs = 0;
let baselineMs = 0;
let totalSteps = 0;
for (let i = 0; i < GRAPHS; i++) {
  const g = randomGraph(random);
  const lb = lowerBound(g);
  const clair = await makespan(g, "ready_queue", true);
  const unit = await makespan(g, "ready_queue", false);
  const groups = await makespan(g, "groups", false);
  ratios["ready queue (true estimates)"]?.push(clair.seconds / lb);
  ratios["ready queue (unit estimates)"]?.push(unit.seconds / lb);
  ratios["seed group mode"]?.push(groups.seconds / lb);
  schedulerMs += unit.wallMs;
  baselineMs += await baseline(g);
  totalSteps += g.steps.length;
}

console.log(`bench:orchestrate  ${GRAPHS} random graphs, ${totalSteps} steps (10-60 each), max_parallel 2-8, simulated clock`);
console.log("makespan / max(critical path, total work / max_parallel)   (1.00 = optimal)");
console.log(`${"scheduler".padEnd(32)}${"median".padStart(8)}${"p90".padStart(8)}${"worst".padStart(8)}`);
for (const [name, values] of Object.entries(ratios)) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(`${name.padEnd(32)}${quantile(sorted, 0.5).toFixed(3).padStart(8)}${quantile(sorted, 0.9).toFixed(3).padStart(8)}${(sorted.at(-1) as number).toFixed(3).padStart(8)}`);
}
const perStep = (schedulerMs - baselineMs) / totalSteps;
console.log(
  `scheduler overhead: ${(schedulerMs / totalSteps * 1000).toFixed(1)} µs/step with the scheduler vs ${(baselineMs / totalSteps * 1000).toFixed(1)} µs/step baseline ` +
    `(same simulated sleeps, no scheduler): ${(perStep * 1000).toFixed(1)} µs/step of scheduling (${(schedulerMs / baselineMs).toFixed(2)}x)`,
);
