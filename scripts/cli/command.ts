import type { Clock, Files, Logger, Redactor, RunScope, SourcePosition } from "../core/mod.ts";
import type { OptionSpecs, ParsedOptions } from "./args.ts";
import type { ExitCode } from "./exit-codes.ts";

/** A problem pinned to a file position: an annotation in GitHub, a line in the terminal. */
export interface Annotation {
  /** `error` fails the check; `warning` and `notice` inform. */
  level: "error" | "warning" | "notice";
  /** What is wrong. */
  message: string;
  /** A short title for the annotation. */
  title?: string;
  /** Where it is. */
  position?: SourcePosition;
}

/** What the GitHub Actions runner tells a step (only set inside Actions). */
export interface GithubEnv {
  /** `owner/repo`. */
  repository: string;
  /** The event that started the run (`schedule`, `workflow_dispatch`, `pull_request`, ...). */
  eventName: string;
  /** Who started it. */
  actor: string;
  /** Run id and attempt, for links. */
  runId: string;
  runAttempt: string;
  /** `https://github.com` or the GHES URL. */
  serverUrl: string;
  /** Path of the job summary file, when any. */
  stepSummaryPath: string | undefined;
  /** Path of the step outputs file, when any. */
  outputPath: string | undefined;
  /** The job id (`GITHUB_JOB`), made path-safe. */
  job: string;
}

/** Everything a command may touch. Built by the runtime; faked in tests. */
export interface CommandContext {
  /** The working directory (the repository root). */
  cwd: string;
  /** The environment, read-only. Only config/env readers look at it. */
  env: Readonly<Record<string, string | undefined>>;
  /** The clock. */
  clock: Clock;
  /** The file system. */
  files: Files;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Human output: stdout, or stderr under `--json`. Redacted. */
  out: (text: string) => void;
  /** Progress and diagnostics on stderr. Redacted. */
  log: Logger;
  /** Redacts secrets; register fetched tokens with `add`. */
  redactor: Redactor;
  /** Set inside GitHub Actions. */
  github: GithubEnv | undefined;
  /** The config folder (`--config`, default `config`). */
  configDir: string;
  /** Whether `--json` was given. */
  json: boolean;
  /** A unique id for this run, used as correlation id in logs and reports. */
  runId: string;
  /**
   * What the commands of this run share (the dbt worker), closed when the run ends;
   * in-process runs get their parent's. Without one, a command closes what it made.
   */
  scope?: RunScope;
}

/** What a command hands back to its entry point. */
export interface CommandResult {
  /** The process exit code. */
  exitCode: ExitCode;
  /** The machine-readable summary, printed on stdout with `--json`. */
  json: unknown;
  /** Problems pinned to files; annotations in GitHub. */
  annotations?: Annotation[];
  /** Markdown for the GitHub job summary. */
  summaryMarkdown?: string;
  /** Step outputs for a GitHub Action. */
  outputs?: Record<string, string>;
}

/** Options every command has. */
export const commonOptions = {
  help: { type: "boolean", short: "h", description: "Show this help" },
  config: { type: "string", valueName: "<dir>", description: "Config folder", default: "config" },
  json: { type: "boolean", description: "Print one JSON summary on stdout; human text goes to stderr" },
  "log-format": { type: "string", valueName: "<fmt>", choices: ["text", "json"], default: "text", description: "Log line format on stderr" },
  verbose: { type: "boolean", short: "v", description: "Show debug logs" },
} as const satisfies OptionSpecs;

/** One subcommand of `adops`. */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The word after `adops`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** More text for `--help`. */
  description?: string;
  /** Positional arguments, for `--help`. */
  usage?: string;
  /** Example invocations, for `--help`. */
  examples?: string[];
  /** The command's own options (the common ones are added). */
  options: O;
  /** Runs the command. Throws only AdopsErrors (or bugs). */
  run(ctx: CommandContext, args: { values: ParsedOptions<O & typeof commonOptions>; positionals: string[] }): Promise<CommandResult>;
}

/**
 * A command as the list knows it before loading it: its name and summary (all
 * that `adops --help` prints) and how to import the rest. `adops <name>` loads
 * only this one command's module, so start-up does not pay for the others.
 */
export interface LazyCommand {
  /** The word after `adops`; the loaded command has the same. */
  name: string;
  /** One line for the command list; the loaded command has the same. */
  summary: string;
  /** Imports the command's module and returns the command. */
  load(): Promise<Command>;
}

/** What the CLI picks from: commands, or lazy entries that load them. */
export type CommandListing = Command | LazyCommand;

/**
 * The command a listing stands for, loading it when it is lazy.
 *
 * @param listing A command or a lazy entry.
 * @returns The command.
 * @example
 * ```ts
 * import { defineCommand, loadCommand } from "./command.ts";
 * const hello = defineCommand({ name: "hello", summary: "Greets", options: {}, run: async () => ({ exitCode: 0, json: {} }) });
 * const loaded = await loadCommand({ name: "hello", summary: "Greets", load: () => Promise.resolve(hello) });
 * console.assert(loaded === hello);
 * ```
 */
export function loadCommand(listing: CommandListing): Promise<Command> {
  return "load" in listing ? listing.load() : Promise.resolve(listing);
}

/**
 * Declares a command with typed options (an identity function for inference).
 *
 * @param command The command.
 * @returns The same command.
 * @example
 * ```ts
 * import { defineCommand } from "./command.ts";
 * const hello = defineCommand({ name: "hello", summary: "Greets", options: {}, run: async () => ({ exitCode: 0, json: {} }) });
 * console.assert(hello.name === "hello");
 * ```
 */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}
