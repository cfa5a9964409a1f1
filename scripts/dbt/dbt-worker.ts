import { fileURLToPath } from "node:url";
import type { DbtCli, DbtInvocation, DbtProcessResult } from "./dbt-cli.ts";
import { dbtEnvironment, withPartialParse } from "./_invocation.ts";
import { startWorkerProcess, type WorkerProcess } from "./_worker-process.ts";

const SCRIPT = fileURLToPath(new URL("./dbt_worker.py", import.meta.url));

/** Options of {@link createDbtWorker}. */
export interface DbtWorkerOptions {
  /** dbt's Python (`dbt/.venv/bin/python`). */
  python: string;
  /** The base environment (each invocation adds its own, as with the CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /** What runs the invocations when the worker cannot start (the CLI port). */
  fallback: DbtCli;
  /** Most worker processes at once (invocations in different lanes, or none, run side by side). @default 2 */
  maxProcesses?: number;
  /** The worker script. @default dbt_worker.py beside this file */
  script?: string;
  /** Told once when the worker cannot start and the fallback takes over. */
  onFallback?: (reason: string) => void;
}

/** The dbt port over long-lived worker processes. */
export interface DbtWorker extends DbtCli {
  /**
   * Starts one process now, if none is running, without waiting for it: dbt's import
   * then overlaps other work, and the first invocation finds it ready.
   */
  warm(): void;
  /** Stops every worker process and waits for them; later runs start new ones. */
  close(): Promise<void>;
  /** The process ids of the workers running now. */
  pids(): number[];
  /** Why the fallback runs the invocations, once the worker could not start. */
  readonly fallbackReason: string | undefined;
}

/**
 * The dbt port over long-lived Python processes that import dbt once and run each
 * invocation through `dbtRunner` (`dbt_worker.py`), printing the same JSON log
 * lines and exit codes as the CLI. Invocations in one lane (a DuckDB file) run one
 * after another; others take a second process. When the worker cannot start (no
 * Python, dbt not importable), every invocation goes to `fallback`.
 *
 * @param options Python, environment, fallback.
 * @returns The port; `close()` it when the run ends.
 * @example
 * ```ts ignore
 * import { createDbtCli } from "./dbt-cli.ts";
 * import { createDbtWorker } from "./dbt-worker.ts";
 * const env = { PATH: "/usr/bin" };
 * const dbt = createDbtWorker({ python: "dbt/.venv/bin/python", env, fallback: createDbtCli({ dbtPath: "dbt/.venv/bin/dbt", env }) });
 * try {
 *   await dbt.run({ args: ["parse"], cwd: "dbt" });
 * } finally {
 *   await dbt.close();
 * }
 * ```
 */
export function createDbtWorker(options: DbtWorkerOptions): DbtWorker {
  const maxProcesses = options.maxProcesses ?? 2;
  const idle: WorkerProcess[] = [];
  const all = new Set<WorkerProcess>();
  const waiting: ((worker: WorkerProcess | undefined) => void)[] = [];
  const lanes = new Map<string, Promise<unknown>>();
  let fallbackReason: string | undefined;
  let warming: Promise<void> | undefined;

  function startEnv(): Record<string, string> {
    return dbtEnvironment(options.env, {});
  }

  async function acquire(): Promise<WorkerProcess | undefined> {
    if (warming !== undefined) await warming;
    while (idle.length > 0) {
      const worker = idle.pop() as WorkerProcess;
      if (worker.alive) return worker;
    }
    if (all.size >= maxProcesses) return await new Promise((resolve) => waiting.push(resolve));
    const worker = startWorkerProcess(options.python, { script: options.script ?? SCRIPT, env: startEnv() });
    all.add(worker);
    const ready = await worker.ready;
    if (ready.ok) return worker;
    all.delete(worker);
    if (fallbackReason === undefined) {
      fallbackReason = ready.reason;
      options.onFallback?.(ready.reason);
    }
    return undefined;
  }

  function release(worker: WorkerProcess) {
    if (!worker.alive) {
      all.delete(worker);
      // A slot is free: the next waiter starts a new process.
      const next = waiting.shift();
      if (next !== undefined) void acquire().then(next);
      return;
    }
    const next = waiting.shift();
    if (next !== undefined) next(worker);
    else idle.push(worker);
  }

  async function runOne(invocation: DbtInvocation): Promise<DbtProcessResult> {
    if (fallbackReason !== undefined) return await options.fallback.run(invocation);
    const worker = await acquire();
    if (worker === undefined) return await options.fallback.run(invocation);
    try {
      return await withPartialParse(invocation, (args) =>
        worker.invoke({
          args,
          cwd: invocation.cwd,
          env: dbtEnvironment(options.env, invocation),
          ...(invocation.onLine === undefined ? {} : { onLine: invocation.onLine }),
          ...(invocation.signal === undefined ? {} : { signal: invocation.signal }),
        }));
    } finally {
      release(worker);
    }
  }

  function inLane(invocation: DbtInvocation): Promise<DbtProcessResult> {
    const lane = invocation.lane;
    if (lane === undefined) return runOne(invocation);
    const before = lanes.get(lane) ?? Promise.resolve();
    const mine = before.then(() => runOne(invocation));
    const settled = mine.catch(() => {});
    lanes.set(lane, settled);
    void settled.then(() => {
      if (lanes.get(lane) === settled) lanes.delete(lane);
    });
    return mine;
  }

  return {
    run: inLane,
    warm() {
      if (warming !== undefined || all.size > 0 || fallbackReason !== undefined) return;
      const started = acquire();
      warming = started.then((worker) => {
        warming = undefined;
        if (worker !== undefined) release(worker);
      });
    },
    get fallbackReason() {
      return fallbackReason;
    },
    pids: () => [...all].filter((w) => w.alive).map((w) => w.pid).filter((p): p is number => p !== undefined),
    async close() {
      const workers = [...all];
      all.clear();
      idle.length = 0;
      for (const next of waiting.splice(0)) next(undefined);
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
