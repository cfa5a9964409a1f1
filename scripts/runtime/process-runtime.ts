import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import process from "node:process";
import { InterruptedError, type Runtime } from "../core/mod.ts";
import { createSystemClock } from "./clock.ts";
import { createNodeFiles } from "./files.ts";

/**
 * Signals this soon after the first are the same interrupt: a Ctrl-C reaches
 * both this process and the launcher that passes it on (`scripts/bin/pass-signals.mjs`).
 */
const SAME_INTERRUPT_MS = 500;

/**
 * Builds the CLI runtime from the real process (Node or Deno). This and
 * `exitWith` are the only places that touch `process`.
 *
 * @param argv Arguments after the script name.
 * @returns The runtime; its signal aborts on SIGINT or SIGTERM (a second one, later than 0.5 s after the first, exits 130 at once).
 * @example
 * ```ts ignore
 * const runtime = createProcessRuntime(process.argv.slice(2));
 * ```
 */
export function createProcessRuntime(argv: readonly string[]): Runtime {
  const controller = new AbortController();
  let firstAt: number | undefined;
  const onSignal = (name: string) => () => {
    const now = performance.now();
    if (firstAt !== undefined) {
      if (now - firstAt < SAME_INTERRUPT_MS) return;
      process.exit(130);
    }
    firstAt = now;
    process.stderr.write(`\nReceived ${name}: stopping, writing the report (press again to quit at once)\n`);
    controller.abort(new InterruptedError(`Interrupted by ${name}`));
  };
  process.on("SIGINT", onSignal("SIGINT"));
  if (process.platform !== "win32") process.on("SIGTERM", onSignal("SIGTERM"));
  const cwd = process.cwd();
  return {
    argv,
    env: { ...process.env },
    cwd,
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    clock: createSystemClock(),
    files: createNodeFiles(cwd),
    async appendFile(path, text) {
      // The runner's summary and output files exist; creating their folder would need
      // write access to it (Deno's scoped --allow-write grants the files only).
      try {
        await appendFile(path, text, "utf8");
      } catch (error) {
        if ((error as { code?: string }).code !== "ENOENT") throw error;
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, text, "utf8");
      }
    },
    signal: controller.signal,
  };
}

/**
 * Ends the process with `code` once stdout and stderr are flushed.
 *
 * @param code The exit code.
 */
export function exitWith(code: number): void {
  process.exitCode = code;
  // Signal listeners keep nothing alive, but child processes or servers might.
  setTimeout(() => process.exit(code), 50).unref?.();
}
