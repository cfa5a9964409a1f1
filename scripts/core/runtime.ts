import type { Clock } from "./clock.ts";
import type { Files } from "./files.ts";

/** What the process gives the CLI. Built by `runtime/` (the real process), faked in tests (`cli/testing.ts`). */
export interface Runtime {
  /** Arguments after the program name. */
  argv: readonly string[];
  /** The environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory. */
  cwd: string;
  /** Writes to stdout (no newline added). */
  stdout: (text: string) => void;
  /** Writes to stderr (no newline added). */
  stderr: (text: string) => void;
  /** The clock. */
  clock: Clock;
  /** The file system. */
  files: Files;
  /** Appends to a file (job summary, step outputs). */
  appendFile: (path: string, text: string) => Promise<void>;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

