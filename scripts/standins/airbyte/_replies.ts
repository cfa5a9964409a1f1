// Reply shapes of the real server (NOTES.md §3).

/** A reply the handlers produce. */
export interface Reply {
  status: number;
  body: unknown;
  /** Whether the call changed state (counted as a write, saved to the state file). */
  write?: boolean;
}

/** A thrown reply: handlers throw these for error answers. */
export class ReplyError extends Error {
  /** The reply to send. */
  readonly reply: Reply;
  /** @param reply The reply. */
  constructor(reply: Reply) {
    super(String((reply.body as { message?: string }).message ?? reply.status));
    this.reply = reply;
  }
}

/**
 * 404 with the real body: KnownExceptionInfo with the odd "Internal Server Error: " prefix.
 *
 * @param type The config type, e.g. `STANDARD_SYNC`.
 * @param id The id asked for.
 * @returns The error to throw.
 */
export function notFound(type: string, id: unknown): ReplyError {
  return new ReplyError({
    status: 404,
    body: {
      message: `Internal Server Error: Could not find configuration for ${type}: ${String(id)}.`,
      exceptionClassName: "io.airbyte.commons.server.errors.IdNotFoundKnownException",
      exceptionStack: [],
      rootCauseExceptionStack: [],
    },
  });
}

/**
 * 500 as the UncaughtExceptionHandler sends it.
 *
 * @param message The exception message.
 * @param exceptionClassName The Java exception class.
 * @returns The error to throw.
 */
export function internal(message: string, exceptionClassName = "java.lang.IllegalStateException"): ReplyError {
  return new ReplyError({ status: 500, body: { message: `Internal Server Error: ${message}`, exceptionClassName, exceptionStack: [], rootCauseExceptionStack: [] } });
}

/**
 * 409 for a running sync.
 *
 * @param connectionId The connection.
 * @returns The error to throw.
 */
export function syncConflict(connectionId: string): ReplyError {
  return new ReplyError({
    status: 409,
    body: { message: `A sync is already running for: ${connectionId}`, exceptionClassName: "io.airbyte.commons.server.errors.ValueConflictKnownException", exceptionStack: [], rootCauseExceptionStack: [] },
  });
}

/**
 * 422 for a JsonValidationException.
 *
 * @param message The message.
 * @returns The error to throw.
 */
export function unprocessable(message: string): ReplyError {
  return new ReplyError({ status: 422, body: { message, exceptionClassName: "io.airbyte.commons.server.errors.BadObjectSchemaKnownException", exceptionStack: [], rootCauseExceptionStack: [] } });
}

/**
 * 400 for bean validation (a missing required property).
 *
 * @param problems Property paths and messages.
 * @returns The error to throw.
 */
export function invalidInput(problems: { propertyPath: string; message: string }[]): ReplyError {
  return new ReplyError({
    status: 400,
    body: {
      message: "Some properties contained invalid input.",
      exceptionClassName: "io.micronaut.validation.validator.ConstraintViolationException",
      exceptionStack: [],
      validationErrors: problems.map((p) => ({ ...p, invalidValue: "null" })),
    },
  });
}
