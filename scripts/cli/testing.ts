// Runs the CLI in-process for tests: real commands, captured output, a fake or
// real clock, the real file system rooted at a folder.
import type { Clock } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { commands } from "../commands/mod.ts";
import type { CommandListing, CommandResult } from "./command.ts";
import { runCli } from "./run-cli.ts";

/** What a CLI run printed and returned. */
export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  result: CommandResult | undefined;
  /** Text appended to files (job summary, outputs), by path. */
  appended: Record<string, string>;
}

/**
 * Runs `adops <argv>` in-process.
 *
 * @param argv Arguments after `adops`.
 * @param options Working directory, environment, clock, signal, and the commands
 *   (default: every adops command; pass one built with fakes to inject ports).
 * @returns Exit code, captured stdout/stderr and the command's result.
 */
export async function runCliForTest(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; clock?: Clock; signal?: AbortSignal; commands?: readonly CommandListing[] },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const appended: Record<string, string> = {};
  const outcome = await runCli({
    argv,
    env: options.env ?? {},
    cwd: options.cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    clock: options.clock ?? createFakeClock(),
    files: createNodeFiles(options.cwd),
    appendFile: (path, text) => {
      appended[path] = (appended[path] ?? "") + text;
      return Promise.resolve();
    },
    signal: options.signal ?? new AbortController().signal,
  }, options.commands ?? commands);
  return { exitCode: outcome.exitCode, stdout, stderr, result: outcome.result, appended };
}
