import * as core from "@actions/core";
import type { Command } from "./command.ts";
import { runCli } from "./run-cli.ts";
import { createProcessRuntime, exitWith } from "../runtime/process-runtime.ts";

/** How an action's inputs become the command line of its command. */
export interface ActionSpec {
  /** The adops command the action runs. */
  command: Command;
  /**
   * Builds the command's arguments from the action's inputs.
   * @param input Reads an input (trimmed, '' when unset).
   * @param flag Reads a boolean input ('true'/'false'; '' counts as false).
   */
  args(input: (name: string) => string, flag: (name: string) => boolean): string[];
}

/**
 * The body of every custom action: inputs -> argv, run the same command the
 * CLI runs (annotations and job summary come from the command's result), then
 * set the step outputs (`exit_code` plus the command's own) and the exit code.
 *
 * @param spec The command and how inputs map to its flags.
 * @returns When the command has finished.
 */
export async function runAction(spec: ActionSpec): Promise<void> {
  const input = (name: string) => core.getInput(name);
  const flag = (name: string) => ["true", "True", "TRUE", "1", "yes"].includes(core.getInput(name));
  const argv = [spec.command.name, ...spec.args(input, flag)];
  core.info(`adops ${argv.join(" ")}`);
  const runtime = createProcessRuntime(argv);
  const { exitCode, result } = await runCli(runtime, [spec.command]);
  core.setOutput("exit_code", String(exitCode));
  for (const [name, value] of Object.entries(result?.outputs ?? {})) core.setOutput(name, value);
  if (exitCode !== 0) core.error(`adops ${spec.command.name} exited with ${exitCode}`);
  exitWith(exitCode);
}

/**
 * Adds `--name value` to args when value is non-empty.
 *
 * @param name The flag without dashes.
 * @param value The input value.
 * @returns The flag and value, or nothing.
 * @example
 * ```ts
 * import { opt } from "./run-action.ts";
 * console.assert(opt("tenant", "").length === 0 && opt("tenant", "acme").length === 2);
 * ```
 */
export function opt(name: string, value: string): string[] {
  return value === "" ? [] : [`--${name}`, value];
}
