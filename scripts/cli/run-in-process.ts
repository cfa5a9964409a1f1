import { isAdopsError } from "../core/mod.ts";
import { parseOptions } from "./args.ts";
import { type Command, type CommandContext, commonOptions } from "./command.ts";
import { type ExitCode, exitCodeFor } from "./exit-codes.ts";

/** What a command run in-process ended with. */
export interface InProcessOutcome {
  /** Its exit code. */
  exitCode: ExitCode | number;
  /** Its JSON result (null when it failed before returning one). */
  json: unknown;
  /** Its error message, when it threw an expected error. */
  error?: string;
}

/** Options of {@link runInProcess}: what the nested run changes of its parent's context. */
export interface RunInProcessOptions {
  /** Its arguments (options only; parsed like the command line). @default [] */
  argv?: readonly string[];
  /** Extra environment over the parent's. @default {} */
  env?: Record<string, string>;
  /** Another clock (what-if runs). @default the parent's */
  clock?: CommandContext["clock"];
  /** Another signal (an orchestrator step's). @default the parent's */
  signal?: AbortSignal;
  /** Another logger (an orchestrator step's). @default the parent's */
  log?: CommandContext["log"];
  /** Where its human output goes. @default the parent's output, indented */
  out?: (text: string) => void;
  /** Whether it runs as with `--json`. @default false */
  json?: boolean;
  /** Where an expected error is told. @default the parent's output, indented */
  onError?: (message: string, hint: string | undefined) => void;
}

let counter = 0;

/**
 * The one in-process command runner (the demo's steps, the orchestrator's dbt
 * and health steps): the command runs with the parent's context and its own
 * run id (`<run>-<n>`, so it writes its own report); expected errors become
 * exit codes through the one map, bugs propagate.
 *
 * @param ctx The parent command's context.
 * @param command The command to run.
 * @param options What differs from the parent.
 * @returns Its exit code and JSON result.
 * @example
 * ```ts ignore
 * const { exitCode } = await runInProcess(ctx, syncCommand, { argv: ["--force"], env: { AIRBYTE_BASE_URL: url } });
 * ```
 */
export async function runInProcess(ctx: CommandContext, command: Command, options: RunInProcessOptions = {}): Promise<InProcessOutcome> {
  const args = parseOptions([...(options.json ? ["--json"] : []), ...(options.argv ?? [])], { ...command.options, ...commonOptions });
  const indented = (text: string) => ctx.out(text.replace(/^/gm, "   "));
  const child: CommandContext = {
    ...ctx,
    env: { ...ctx.env, ...options.env },
    clock: options.clock ?? ctx.clock,
    signal: options.signal ?? ctx.signal,
    log: options.log ?? ctx.log,
    runId: `${ctx.runId}-${++counter}`,
    out: options.out ?? indented,
    json: options.json ?? false,
  };
  try {
    const result = await command.run(child, args as never);
    return { exitCode: result.exitCode, json: result.json };
  } catch (error) {
    if (!isAdopsError(error)) throw error;
    if (options.onError) options.onError(error.message, error.hint);
    else indented(`error: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ""}`);
    return { exitCode: exitCodeFor(error.kind), json: null, error: error.message };
  }
}
