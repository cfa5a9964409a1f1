import type { SourcePosition } from "./annotation.ts";
import type { Outcome } from "./outcome.ts";

/**
 * What kind of failure an error is. The CLI maps it to an exit code
 * (`cli/exit-codes.ts`); nothing below the CLI knows exit codes.
 * - `config_error`: configuration, flags or environment variables are wrong (exit 1)
 * - `partial`: some of the work failed (exit 2)
 * - `failed`: the work failed, for example a remote API refused it (exit 3)
 * - `interrupted`: SIGINT or SIGTERM (exit 130)
 * - `internal_error`: a bug or an unexpected condition (exit 4)
 */
export type ErrorKind = Exclude<Outcome, "ok">;

/**
 * The base of every error adops raises on purpose. Entry points turn its
 * `kind` into an exit code and a message; anything else is an internal error.
 *
 * @example
 * ```ts
 * import { AdopsError, isAdopsError } from "./errors.ts";
 * const error = new AdopsError("Cannot read 'x'", { kind: "config_error" });
 * console.assert(isAdopsError(error) && error.kind === "config_error");
 * ```
 */
export class AdopsError extends Error {
  /** What kind of failure this is. */
  readonly kind: ErrorKind;
  /** A hint that tells the user how to fix the problem. */
  readonly hint: string | undefined;

  /**
   * @param message What failed, capitalised, no trailing period, value quoted.
   * @param options Kind (default `internal_error`), hint and cause.
   */
  constructor(message: string, options: { kind?: ErrorKind; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdopsError";
    this.kind = options.kind ?? "internal_error";
    this.hint = options.hint;
  }
}

/** A problem in configuration files, flags or environment variables. */
export class ConfigError extends AdopsError {
  /** Where the problem is, when it is in a file. */
  readonly position: SourcePosition | undefined;

  /**
   * @param message What is wrong.
   * @param options Position, hint and cause.
   */
  constructor(message: string, options: { position?: SourcePosition; hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, kind: "config_error" });
    this.name = "ConfigError";
    this.position = options.position;
  }
}

/** A command-line usage problem (a `config_error`). */
export class UsageError extends AdopsError {
  /**
   * @param message What is wrong with the command line.
   * @param hint How to fix it.
   */
  constructor(message: string, hint = "Run with --help to see the options") {
    super(message, { kind: "config_error", hint });
    this.name = "UsageError";
  }
}

/** The run was interrupted by a signal. */
export class InterruptedError extends AdopsError {
  /** @param message What was interrupted. */
  constructor(message = "Interrupted") {
    super(message, { kind: "interrupted" });
    this.name = "InterruptedError";
  }
}

const KINDS: readonly string[] = ["config_error", "partial", "failed", "interrupted", "internal_error"];

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
    (value instanceof Error && "kind" in value && KINDS.includes(String((value as { kind: unknown }).kind)));
}

/**
 * Narrows an unknown caught value to a configuration error.
 *
 * @param value Anything caught.
 * @returns Whether it is an AdopsError of kind `config_error`.
 * @example
 * ```ts
 * import { ConfigError, isConfigError } from "./errors.ts";
 * console.assert(isConfigError(new ConfigError("Bad")));
 * ```
 */
export function isConfigError(value: unknown): value is AdopsError {
  return isAdopsError(value) && value.kind === "config_error";
}
