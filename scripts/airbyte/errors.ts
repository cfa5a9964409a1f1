import { AdopsError } from "../core/mod.ts";

/** Which tenant and connection an Airbyte call was about. */
export interface AirbyteErrorContext {
  /** Tenant slug. */
  tenant?: string | undefined;
  /** Connection id (or managed key when the connection does not exist yet). */
  connectionId?: string | undefined;
}

/** What an {@link AirbyteError} carries. */
export interface AirbyteErrorDetails extends AirbyteErrorContext {
  /** HTTP method (the Config API only uses POST). */
  method: string;
  /** Path, e.g. `/api/v1/connections/sync`. */
  path: string;
  /** HTTP status, or undefined when no response came (network error, timeout). */
  status: number | undefined;
  /** Airbyte's `message` (or problem `detail`), redacted. */
  airbyteMessage: string | undefined;
  /** The problem `type` (e.g. `error:cron-validation/invalid-expression`) or Java exception class. */
  problemType: string | undefined;
  /** Whether the call may have taken effect although it failed (a lost answer to a write). */
  ambiguous?: boolean;
  /** Attempts made. */
  attempts?: number;
}

/**
 * An Airbyte API call failed. Carries method, path, status, Airbyte's message
 * and problem type, and the tenant/connection concerned; never a token,
 * secret or request body.
 *
 * @example
 * ```ts
 * import { AirbyteError, isAirbyteError } from "./errors.ts";
 * const e = new AirbyteError({ method: "POST", path: "/api/v1/connections/get", status: 404, airbyteMessage: "Not found", problemType: undefined });
 * console.assert(isAirbyteError(e) && e.message.includes("404"));
 * ```
 */
export class AirbyteError extends AdopsError {
  /** HTTP method. */
  readonly method: string;
  /** Request path. */
  readonly path: string;
  /** HTTP status, undefined without a response. */
  readonly status: number | undefined;
  /** Airbyte's message. */
  readonly airbyteMessage: string | undefined;
  /** Problem type or exception class. */
  readonly problemType: string | undefined;
  /** Tenant slug. */
  tenant: string | undefined;
  /** Connection id. */
  connectionId: string | undefined;
  /** Whether a write may have happened although the call failed. */
  readonly ambiguous: boolean;
  /** Attempts made. */
  readonly attempts: number;

  /**
   * @param details What failed.
   * @param options Cause.
   */
  constructor(details: AirbyteErrorDetails, options: { cause?: unknown } = {}) {
    super(describe(details), { kind: "failed", ...options });
    this.name = "AirbyteError";
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.airbyteMessage = details.airbyteMessage;
    this.problemType = details.problemType;
    this.tenant = details.tenant;
    this.connectionId = details.connectionId;
    this.ambiguous = details.ambiguous ?? false;
    this.attempts = details.attempts ?? 1;
  }

  /**
   * Adds the tenant and connection to the error (and its message).
   *
   * @param context Tenant and connection.
   * @returns This error.
   */
  withContext(context: AirbyteErrorContext): this {
    this.tenant ??= context.tenant;
    this.connectionId ??= context.connectionId;
    this.message = describe(this);
    return this;
  }
}

function describe(d: AirbyteErrorDetails): string {
  const what = d.status === undefined ? "got no response" : `failed with ${d.status}`;
  const msg = d.airbyteMessage ? `: ${d.airbyteMessage}` : "";
  const type = d.problemType && !d.airbyteMessage?.includes(d.problemType) ? ` [${d.problemType}]` : "";
  const ctx = [d.tenant ? `tenant '${d.tenant}'` : "", d.connectionId ? `connection '${d.connectionId}'` : ""].filter(Boolean).join(", ");
  return `Airbyte ${d.method} ${d.path} ${what}${msg}${type}${ctx ? ` (${ctx})` : ""}${d.ambiguous ? " (the change may have been applied)" : ""}`;
}

/** A 409: a sync (or reset) is already running for the connection. */
export class AirbyteConflictError extends AirbyteError {
  /** @param details What failed. */
  constructor(details: AirbyteErrorDetails) {
    super(details);
    this.name = "AirbyteConflictError";
  }
}

/** A 404: the workspace, source, destination or connection does not exist. */
export class AirbyteNotFoundError extends AirbyteError {
  /** @param details What failed. */
  constructor(details: AirbyteErrorDetails) {
    super(details);
    this.name = "AirbyteNotFoundError";
  }
}

/** 401/403, or rejected client credentials. */
export class AirbyteAuthError extends AirbyteError {
  /** @param details What failed. */
  constructor(details: AirbyteErrorDetails) {
    super(details);
    this.name = "AirbyteAuthError";
  }
}

/** A 200 whose body does not have the fields the client needs. */
export class AirbyteResponseError extends AirbyteError {
  /** @param details What failed. */
  constructor(details: AirbyteErrorDetails) {
    super(details);
    this.name = "AirbyteResponseError";
  }
}

/**
 * Narrows to {@link AirbyteError}.
 *
 * @param value Anything caught.
 * @returns Whether it is an AirbyteError.
 * @example
 * ```ts
 * import { isAirbyteError } from "./errors.ts";
 * console.assert(!isAirbyteError(new Error("x")));
 * ```
 */
export function isAirbyteError(value: unknown): value is AirbyteError {
  return value instanceof AirbyteError || (value instanceof Error && "path" in value && "problemType" in value && "ambiguous" in value);
}

/**
 * Narrows to {@link AirbyteConflictError} (409: a sync is already running).
 *
 * @param value Anything caught.
 * @returns Whether it is a conflict.
 * @example
 * ```ts
 * import { AirbyteConflictError, isAirbyteConflictError } from "./errors.ts";
 * console.assert(isAirbyteConflictError(new AirbyteConflictError({ method: "POST", path: "/p", status: 409, airbyteMessage: undefined, problemType: undefined })));
 * ```
 */
export function isAirbyteConflictError(value: unknown): value is AirbyteConflictError {
  return isAirbyteError(value) && value.status === 409;
}

/**
 * Narrows to {@link AirbyteNotFoundError}.
 *
 * @param value Anything caught.
 * @returns Whether it is a 404.
 * @example
 * ```ts
 * import { isAirbyteNotFoundError } from "./errors.ts";
 * console.assert(!isAirbyteNotFoundError(undefined));
 * ```
 */
export function isAirbyteNotFoundError(value: unknown): value is AirbyteNotFoundError {
  return isAirbyteError(value) && value.status === 404;
}

/**
 * Narrows to {@link AirbyteAuthError}.
 *
 * @param value Anything caught.
 * @returns Whether it is an auth failure.
 */
export function isAirbyteAuthError(value: unknown): value is AirbyteAuthError {
  return isAirbyteError(value) && (value.status === 401 || value.status === 403 || value.name === "AirbyteAuthError");
}
