import { dirname, isAbsolute, join } from "node:path";
import type { CommandContext } from "../cli/command.ts";
import { createDbtCli, createDbtWorker, type DbtCli, type DbtWorker } from "../dbt/mod.ts";

/** The dbt port of one command and what to do when the command is done with it. */
export interface DbtPort {
  cli: DbtCli;
  /** Closes the worker when this command made it (no run scope); otherwise nothing. */
  done(): Promise<void>;
}

/**
 * The dbt executable `adops dbt` runs: `ADOPS_DBT_BIN`, else `<project>/.venv/bin/dbt`
 * (the project is `ADOPS_DBT_PROJECT_DIR`, default `dbt`), absolute.
 *
 * @param ctx The command's context.
 * @returns The absolute path.
 */
export function dbtExecutable(ctx: Pick<CommandContext, "cwd" | "env">): string {
  const abs = (p: string) => (isAbsolute(p) ? p : join(ctx.cwd, p));
  return abs(ctx.env.ADOPS_DBT_BIN ?? join(abs(ctx.env.ADOPS_DBT_PROJECT_DIR ?? "dbt"), ".venv/bin/dbt"));
}

async function workerFor(ctx: CommandContext, dbtPath: string): Promise<{ worker: DbtWorker; own: boolean } | undefined> {
  const python = join(dirname(dbtPath), "python");
  if (ctx.env.ADOPS_DBT_WORKER === "0" || !(await ctx.files.exists(python))) return undefined;
  const make = () =>
    createDbtWorker({
      python,
      env: ctx.env,
      fallback: createDbtCli({ dbtPath, env: {} }),
      onFallback: (reason) => ctx.log.warn(`The dbt worker cannot start (${reason}): running the dbt CLI once per step`),
    });
  return ctx.scope === undefined ? { worker: make(), own: true } : { worker: ctx.scope.shared(`dbt-worker:${dbtPath}`, make), own: false };
}

/**
 * The dbt port `adops dbt` runs its steps through: the run's one dbt worker
 * (`dbt_worker.py` on the Python beside the dbt executable), started on first use
 * and shared by every in-process dbt command of the run, or the dbt CLI per step
 * when there is no such Python (a fake dbt in tests), when `ADOPS_DBT_WORKER=0`, or
 * when the worker cannot start.
 *
 * @param ctx The command's context (env, scope, log).
 * @param dbtPath The absolute dbt executable.
 * @returns The port and its `done`.
 * @example
 * ```ts ignore
 * const port = await dbtPortFor(ctx, dbtExecutable(ctx));
 * try { await port.cli.run({ args: ["parse"], cwd: "/repo/dbt" }); } finally { await port.done(); }
 * ```
 */
export async function dbtPortFor(ctx: CommandContext, dbtPath: string): Promise<DbtPort> {
  const found = await workerFor(ctx, dbtPath);
  if (found === undefined) return { cli: createDbtCli({ dbtPath, env: ctx.env }), done: () => Promise.resolve() };
  const { worker, own } = found;
  // Each command brings its whole environment: the shared worker may have been started by another.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;
  return {
    cli: { run: (invocation) => worker.run({ ...invocation, env: { ...env, ...invocation.env } }) },
    done: () => (own ? worker.close() : Promise.resolve()),
  };
}

/**
 * Starts the run's dbt worker in the background (the demo, before its syncs), so dbt's
 * import overlaps them. Does nothing without a run scope or a worker to start.
 *
 * @param ctx The command's context.
 * @returns When the check for dbt's Python is done (not when the worker is ready).
 */
export async function warmDbtWorker(ctx: CommandContext): Promise<void> {
  if (ctx.scope === undefined) return;
  (await workerFor(ctx, dbtExecutable(ctx)))?.worker.warm();
}
