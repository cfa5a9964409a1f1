// Runs a child process with the stop signals passed on to it, and ends with its exit code: what
// `npm start` and `npm run adops:deno` go through, so stopping npm stops adops. npm runs a script
// through `sh -c` and signals that shell, which dies without passing SIGTERM on; so when this
// process's parent goes away, the child is sent SIGTERM as if it had been passed on.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import process from "node:process";
import { whenOrphaned } from "./when-orphaned.mjs";

/** The signals passed on to the child (Windows has no SIGHUP to catch). */
export const PASSED_SIGNALS = process.platform === "win32" ? ["SIGINT", "SIGTERM"] : ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The exit code for how a child ended: its own code; 130 (adops' "interrupted") when SIGINT or
 * SIGTERM killed it; 128 + the signal's number for another signal, as shells report it.
 *
 * @param {number | null} code The child's exit code.
 * @param {string | null} signal The signal that killed it.
 * @returns {number} The exit code to end with.
 */
export function exitCodeOfChild(code, signal) {
  if (code !== null) return code;
  if (signal === "SIGINT" || signal === "SIGTERM") return 130;
  const number = signal === null ? undefined : constants.signals[/** @type {keyof typeof constants.signals} */ (signal)];
  return number === undefined ? 1 : 128 + number;
}

/**
 * Spawns `command` with inherited stdio, passes SIGINT, SIGTERM and SIGHUP on to it, sends it
 * SIGTERM when this process is orphaned (its parent, npm's shell, died), and resolves with
 * {@link exitCodeOfChild} once it has exited.
 *
 * @param {string} command The program.
 * @param {string[]} args Its arguments.
 * @param {{ env?: Record<string, string | undefined>, parentCheckMs?: number }} [options] Its environment (default: this one's) and how often the parent is checked (default 200 ms).
 * @returns {Promise<number>} The exit code to end with.
 */
export function runPassingSignals(command, args, options = {}) {
  const child = spawn(command, args, { stdio: "inherit", ...(options.env ? { env: options.env } : {}) });
  let passed = false;
  /** @param {NodeJS.Signals} signal */
  const pass = (signal) => {
    passed = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const handlers = PASSED_SIGNALS.map((signal) => /** @type {const} */ ([signal, () => pass(/** @type {NodeJS.Signals} */ (signal))]));
  for (const [signal, handler] of handlers) process.on(signal, handler);
  // The child keeps this process alive until it exits; the watch itself keeps nothing alive.
  const stopWatching = whenOrphaned(() => {
    if (!passed) pass("SIGTERM");
  }, options.parentCheckMs ?? 200);
  return new Promise((resolve) => {
    let ended = false;
    /** @param {number} code */
    const end = (code) => {
      if (ended) return;
      ended = true;
      stopWatching();
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    child.on("exit", (code, signal) => end(exitCodeOfChild(code, signal)));
    child.on("error", (error) => {
      process.stderr.write(`Cannot start '${command}': ${error.message}\n`);
      end(1);
    });
  });
}
