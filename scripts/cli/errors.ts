import { ExitCode } from "./exit-codes.ts";

/** Where in a file something is. Lines and columns are 1-based. */
export interface SourcePosition {
  /** Path relative to the working directory. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/**
 * The base of every error adops raises on purpose. Entry points turn it into
 * an exit code and a message; anything else is an internal error (exit 4).
 *
 * @example
 * ```ts
 * import { AdopsError, isAdopsError } from "./errors.ts";
 * const error = new AdopsError("Cannot read 'x'", { exitCode: 1 });
 * console.assert(isAdopsError(error) && error.exitCode === 1);
 * ```
 */
export class AdopsError extends Error {
  /** The exit code this error maps to. */
  readonly exitCode: ExitCode;
  /** A hint that tells the user how to fix the problem. */
  readonly hint: string | undefined;

  /**
   * @param message What failed, capitalised, no trailing period, value quoted.
   * @param options Exit code, hint and cause.
   */
  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdopsError";
    this.exitCode = options.exitCode ?? ExitCode.internal;
    this.hint = options.hint;
  }
}

/** A problem in configuration files, flags or environment variables (exit 1). */
export class ConfigError extends AdopsError {
  /** Where the problem is, when it is in a file. */
  readonly position: SourcePosition | undefined;

  /**
   * @param message What is wrong.
   * @param options Position, hint and cause.
   */
  constructor(message: string, options: { position?: SourcePosition; hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: ExitCode.config });
    this.name = "ConfigError";
    this.position = options.position;
  }
}

/** A command-line usage problem (exit 1). */
export class UsageError extends AdopsError {
  /**
   * @param message What is wrong with the command line.
   * @param hint How to fix it.
   */
  constructor(message: string, hint = "Run with --help to see the options") {
    super(message, { exitCode: ExitCode.config, hint });
    this.name = "UsageError";
  }
}

/** The run was interrupted by a signal (exit 130). */
export class InterruptedError extends AdopsError {
  /** @param message What was interrupted. */
  constructor(message = "Interrupted") {
    super(message, { exitCode: ExitCode.interrupted });
    this.name = "InterruptedError";
  }
}

/**
 * Narrows an unknown caught value to {@link AdopsError}, across realms.
 *
 * @param value Anything caught.
 * @returns Whether it is an AdopsError.
 * @example
 * ```ts
 * import { isAdopsError } from "./errors.ts";
 * console.assert(!isAdopsError(new Error("x")));
 * ```
 */
export function isAdopsError(value: unknown): value is AdopsError {
  return value instanceof AdopsError ||
    (typeof value === "object" && value !== null && "exitCode" in value && value instanceof Error &&
      typeof (value as { exitCode: unknown }).exitCode === "number");
}

/**
 * Narrows an unknown caught value to {@link ConfigError}.
 *
 * @param value Anything caught.
 * @returns Whether it is a ConfigError.
 * @example
 * ```ts
 * import { ConfigError, isConfigError } from "./errors.ts";
 * console.assert(isConfigError(new ConfigError("Bad")));
 * ```
 */
export function isConfigError(value: unknown): value is ConfigError {
  return isAdopsError(value) && value.exitCode === ExitCode.config;
}
