import { spawn } from "node:child_process";
import { AdopsError } from "../core/mod.ts";
import { dbtEnvironment, withPartialParse } from "./_invocation.ts";

/** One dbt process to run. */
export interface DbtInvocation {
  /** Arguments after `dbt` (passed as argv: no shell, no quoting). */
  args: readonly string[];
  /** Working directory (the dbt project, so relative DuckDB paths are right). */
  cwd: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Aborts the process (SIGTERM). */
  signal?: AbortSignal;
  /** Called with every line the process prints. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  /**
   * Keeps partial parsing across steps that each have their own `--target-path`:
   * dbt reads `shared` (when it exists) and the step's fresh file is copied back to it.
   */
  partialParse?: { shared: string; targetPath: string };
  /**
   * Invocations with the same lane run one after another (a DuckDB file takes one
   * writer; `dbt-worker.ts` queues them). No lane: may run beside others (PostgreSQL).
   */
  lane?: string;
}

/** How a dbt process ended. */
export interface DbtProcessResult {
  /** dbt's exit code (0, 1 or 2; 130 when aborted). */
  exitCode: number;
  /** Everything on stderr (click usage errors land here). */
  stderr: string;
}

/** The dbt command line, as a port. */
export interface DbtCli {
  /**
   * Runs dbt once.
   *
   * @param invocation Arguments, folder, environment, line callback.
   * @returns The exit code and stderr.
   */
  run(invocation: DbtInvocation): Promise<DbtProcessResult>;
}

/**
 * The real dbt: a child process of `dbtPath` (`dbt/.venv/bin/dbt`, made by
 * `node scripts/setup.mjs`). The environment turns off anonymous usage stats and
 * colours.
 *
 * @param options The dbt executable and the base environment.
 * @returns The port.
 * @example
 * ```ts ignore
 * import { createDbtCli } from "./dbt-cli.ts";
 * const cli = createDbtCli({ dbtPath: "dbt/.venv/bin/dbt", env: {} });
 * const { exitCode } = await cli.run({ args: ["--version"], cwd: "dbt" });
 * ```
 */
export function createDbtCli(options: { dbtPath: string; env: Readonly<Record<string, string | undefined>> }): DbtCli {
  return { run: (invocation) => withPartialParse(invocation, (args) => spawnDbt(options, invocation, args)) };
}

function spawnDbt(options: { dbtPath: string; env: Readonly<Record<string, string | undefined>> }, invocation: DbtInvocation, args: string[]): Promise<DbtProcessResult> {
      return new Promise((resolve, reject) => {
        const env = dbtEnvironment(options.env, invocation);
        const child = spawn(options.dbtPath, args, { cwd: invocation.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        const buffers = { stdout: "", stderr: "" };
        function feed(stream: "stdout" | "stderr", chunk: string) {
          buffers[stream] += chunk;
          const lines = buffers[stream].split("\n");
          buffers[stream] = lines.pop() ?? "";
          for (const line of lines) invocation.onLine?.(line, stream);
        }
        child.stdout.setEncoding("utf8").on("data", (c: string) => feed("stdout", c));
        child.stderr.setEncoding("utf8").on("data", (c: string) => {
          stderr += c;
          feed("stderr", c);
        });
        const onAbort = () => child.kill("SIGTERM");
        invocation.signal?.addEventListener("abort", onAbort, { once: true });
        child.on("error", (error) => {
          invocation.signal?.removeEventListener("abort", onAbort);
          reject(new AdopsError(`Cannot run dbt at '${options.dbtPath}': ${error.message}`, { kind: "config_error", hint: "Run 'node scripts/setup.mjs' to create dbt/.venv from dbt/requirements.txt", cause: error }));
        });
        child.on("close", (code, signal) => {
          invocation.signal?.removeEventListener("abort", onAbort);
          for (const stream of ["stdout", "stderr"] as const) if (buffers[stream] !== "") invocation.onLine?.(buffers[stream], stream);
          resolve({ exitCode: code ?? (signal ? 130 : 1), stderr });
        });
      });
}
