import { dirname, join } from "node:path";
import type { CommandContext } from "../cli/command.ts";
import { createDbtCli, createDbtWorker, type DbtCli } from "../dbt/mod.ts";

/** The dbt port of one command and what to do when the command is done with it. */
export interface DbtPort {
  cli: DbtCli;
  /** Closes the worker when this command made it (no run scope); otherwise nothing. */
  done(): Promise<void>;
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
 * const port = await dbtPortFor(ctx, "/repo/dbt/.venv/bin/dbt");
 * try { await port.cli.run({ args: ["parse"], cwd: "/repo/dbt" }); } finally { await port.done(); }
 * ```
 */
export async function dbtPortFor(ctx: CommandContext, dbtPath: string): Promise<DbtPort> {
  const cli = createDbtCli({ dbtPath, env: ctx.env });
  const python = join(dirname(dbtPath), "python");
  if (ctx.env.ADOPS_DBT_WORKER === "0" || !(await ctx.files.exists(python))) return { cli, done: () => Promise.resolve() };
  const make = () =>
    createDbtWorker({
      python,
      env: ctx.env,
      fallback: createDbtCli({ dbtPath, env: {} }),
      onFallback: (reason) => ctx.log.warn(`The dbt worker cannot start (${reason}): running the dbt CLI once per step`),
    });
  const worker = ctx.scope === undefined ? make() : ctx.scope.shared(`dbt-worker:${dbtPath}`, make);
  // Each command brings its whole environment: the shared worker was started by another.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;
  return {
    cli: { run: (invocation) => worker.run({ ...invocation, env: { ...env, ...invocation.env } }) },
    done: () => (ctx.scope === undefined ? worker.close() : Promise.resolve()),
  };
}
