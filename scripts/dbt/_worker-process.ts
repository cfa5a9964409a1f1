// One dbt_worker.py process and its JSON-lines protocol (see the docstring of
// dbt_worker.py): one invocation at a time; the pool in dbt-worker.ts queues.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { DbtProcessResult } from "./dbt-cli.ts";

/** One invocation as the worker takes it. */
export interface WorkerRequest {
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  signal?: AbortSignal;
}

/** A started worker. */
export interface WorkerProcess {
  /** The process id (for tests and logs). */
  readonly pid: number | undefined;
  /** Whether it can take another invocation (it has not exited). */
  readonly alive: boolean;
  /** Resolves with `true` once dbt is imported, `false` when the worker cannot start (and why). */
  readonly ready: Promise<{ ok: true; version: string } | { ok: false; reason: string }>;
  /** Runs one invocation; aborting its signal stops the whole process (exit code 130). */
  invoke(request: WorkerRequest): Promise<DbtProcessResult>;
  /** Stops the process and waits until it has exited. */
  stop(): Promise<void>;
}

interface Current {
  id: number;
  request: WorkerRequest;
  stderr: string;
  resolve: (result: DbtProcessResult) => void;
}

type Message = { ready?: boolean; version?: string; error?: string; id?: number; line?: string; stderr?: string; exit?: number };

/**
 * Starts `python script` with the base environment (each invocation brings its own).
 *
 * @param python dbt's Python.
 * @param options The worker script and the environment to start it with.
 * @returns The worker.
 */
export function startWorkerProcess(python: string, options: { script: string; env: Record<string, string> }): WorkerProcess {
  let child: ChildProcessWithoutNullStreams | undefined;
  let alive = true;
  let nextId = 0;
  let current: Current | undefined;
  let aborted = false;
  let startupStderr = "";
  let settleReady: (value: Awaited<WorkerProcess["ready"]>) => void = () => {};
  const ready = new Promise<Awaited<WorkerProcess["ready"]>>((resolve) => (settleReady = resolve));
  let markExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (markExited = resolve));

  function idle(isIdle: boolean) {
    // An idle worker keeps nothing alive: a run that forgets to close it still ends
    // (and the worker then sees the end of its input and exits).
    const handles = [child, child?.stdin, child?.stdout, child?.stderr] as ({ ref?: () => void; unref?: () => void } | undefined)[];
    for (const handle of handles) (isIdle ? handle?.unref : handle?.ref)?.call(handle);
  }

  function onMessage(message: Message) {
    if (message.ready === true) {
      idle(true);
      settleReady({ ok: true, version: message.version ?? "" });
    }
    else if (message.ready === false) settleReady({ ok: false, reason: message.error ?? "dbt cannot be imported" });
    else if (current !== undefined && message.id === current.id) {
      if (message.line !== undefined) current.request.onLine?.(message.line, "stdout");
      if (message.stderr !== undefined) {
        current.stderr += `${message.stderr}\n`;
        for (const line of message.stderr.split("\n")) current.request.onLine?.(line, "stderr");
      }
      if (message.exit !== undefined) finish({ exitCode: message.exit, stderr: current.stderr });
    }
  }

  function finish(result: DbtProcessResult) {
    const done = current;
    if (done === undefined) return;
    current = undefined;
    done.request.signal?.removeEventListener("abort", onAbort);
    if (alive) idle(true);
    done.resolve(result);
  }

  function onAbort() {
    aborted = true;
    child?.kill("SIGTERM");
  }

  try {
    // -B: no __pycache__ beside the script (dbt's "spawn" helpers import it again).
    child = spawn(python, ["-B", options.script], { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
  } catch (error) {
    alive = false;
    settleReady({ ok: false, reason: error instanceof Error ? error.message : String(error) });
    markExited();
  }
  if (child !== undefined) {
    let buffer = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() === "") continue;
        try {
          onMessage(JSON.parse(line) as Message);
        } catch {
          current?.request.onLine?.(line, "stderr");
        }
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      // Python warnings and stray prints: the invocation's stderr, as with the CLI.
      if (current === undefined) startupStderr = (startupStderr + chunk).slice(-4000);
      else {
        current.stderr += chunk;
        for (const line of chunk.split("\n").filter(Boolean)) current.request.onLine?.(line, "stderr");
      }
    });
    child.stdin.on("error", () => {});
    child.on("error", (error) => {
      alive = false;
      settleReady({ ok: false, reason: error.message });
      finish({ exitCode: 2, stderr: `Error: dbt worker: ${error.message}` });
      markExited();
    });
    child.on("exit", (code, signal) => {
      alive = false;
      const tail = startupStderr.trim().split("\n").slice(-3).join(" | ");
      settleReady({ ok: false, reason: `the worker exited (${signal ?? code})${tail ? `: ${tail}` : ""}` });
      finish(aborted ? { exitCode: 130, stderr: current?.stderr ?? "" } : { exitCode: 2, stderr: `${current?.stderr ?? ""}Error: dbt worker exited (${signal ?? code}) during the invocation\n` });
      markExited();
    });
  }

  return {
    get pid() {
      return child?.pid;
    },
    get alive() {
      return alive;
    },
    ready,
    invoke(request) {
      if (!alive || child === undefined) return Promise.resolve({ exitCode: 2, stderr: "Error: dbt worker is not running\n" });
      if (current !== undefined) throw new Error("Bug: a dbt worker got a second invocation while busy");
      if (request.signal?.aborted) return Promise.resolve({ exitCode: 130, stderr: "" });
      const id = ++nextId;
      const spawned = child;
      return new Promise((resolve) => {
        current = { id, request, stderr: "", resolve };
        request.signal?.addEventListener("abort", onAbort, { once: true });
        idle(false);
        spawned.stdin.write(`${JSON.stringify({ id, args: request.args, cwd: request.cwd, env: request.env })}\n`);
      });
    },
    async stop() {
      if (alive) {
        idle(false); // wait for its exit
        child?.stdin.end();
        child?.kill("SIGTERM");
      }
      await exited;
    },
  };
}
