import { parseOptions } from "../cli/args.ts";
import { type Command, type CommandContext, commonOptions } from "../cli/command.ts";
import { isAdopsError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";

/** What a nested command ended with. */
export interface NestedOutcome {
  /** Its exit code. */
  exitCode: number;
  /** Its JSON result (null when it failed before returning one). */
  json: unknown;
  /** Its error message, when it threw an expected error. */
  error?: string;
}

let counter = 0;

/**
 * Runs an adops command in-process as one step of a bigger run: its own run id
 * (so it writes its own report), extra environment, and its human output
 * indented under the step's heading. Expected errors become exit codes; bugs
 * propagate.
 *
 * @param ctx The parent command's context.
 * @param command The command to run.
 * @param options Its arguments, extra environment and (for what-if runs) a clock.
 * @returns Its exit code and JSON result.
 * @example
 * ```ts ignore
 * const { exitCode } = await runNestedCommand(ctx, syncCommand, { argv: ["--force"], env: { AIRBYTE_BASE_URL: url } });
 * ```
 */
export async function runNestedCommand(
  ctx: CommandContext,
  command: Command,
  options: { argv?: readonly string[]; env?: Record<string, string>; clock?: CommandContext["clock"] } = {},
): Promise<NestedOutcome> {
  const args = parseOptions(options.argv ?? [], { ...command.options, ...commonOptions });
  const child: CommandContext = {
    ...ctx,
    env: { ...ctx.env, ...options.env },
    clock: options.clock ?? ctx.clock,
    runId: `${ctx.runId}-${++counter}`,
    out: (text) => ctx.out(text.replace(/^/gm, "   ")),
    json: false,
    configDir: ctx.configDir,
  };
  try {
    const result = await command.run(child, args as never);
    return { exitCode: result.exitCode, json: result.json };
  } catch (error) {
    if (!isAdopsError(error)) throw error;
    ctx.out(`   error: ${error.message}${error.hint ? `\n   hint: ${error.hint}` : ""}`);
    return { exitCode: error.exitCode ?? ExitCode.internal, json: null, error: error.message };
  }
}
