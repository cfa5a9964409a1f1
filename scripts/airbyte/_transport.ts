// One POST to the Config API: auth header, timeout, safe retries (core
// retry(): backoff + full jitter honouring Retry-After), errors with context.
import ky from "ky";
import * as v from "valibot";
import { type Clock, isRetryError, parseRetryAfter, type Redactor, retry, type RetryOptions } from "../core/mod.ts";
import type { AirbyteAuth } from "./auth.ts";
import { AccessTokenSchema } from "./schemas.ts";
import {
  AirbyteAuthError,
  AirbyteConflictError,
  AirbyteError,
  type AirbyteErrorContext,
  type AirbyteErrorDetails,
  AirbyteNotFoundError,
  AirbyteResponseError,
} from "./errors.ts";

/** A retry about to happen (for logs and counters). */
export interface RetryEvent {
  path: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/**
 * Retry settings of the Airbyte client: the core backoff options (what is
 * retried and Retry-After are the transport's call). Defaults: 5 attempts,
 * 500 ms doubling to at most 30 s, full jitter in whole ms, Retry-After up to 300 s.
 */
export type AirbyteRetryOptions = Pick<RetryOptions, "maxAttempts" | "minTimeout" | "multiplier" | "maxTimeout" | "jitter" | "random" | "maxRetryAfter"> & {
  /** @deprecated The name of `maxAttempts` in the removed airbyte `RetryPolicy`. */
  attempts?: number;
};

/** Transport settings. */
export interface TransportOptions {
  baseUrl: string;
  auth: AirbyteAuth;
  fetch: typeof fetch;
  clock: Clock;
  signal: AbortSignal | undefined;
  retry: AirbyteRetryOptions;
  redactor: Redactor | undefined;
  timeoutMs: number;
  longTimeoutMs: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
  onRequest: ((path: string) => void) | undefined;
  headers: Record<string, string>;
}

/** Per-call options. */
export interface CallOptions extends AirbyteErrorContext {
  /** Aborts this call. */
  signal?: AbortSignal;
  /** Extra headers (e.g. stand-in fault headers in tests). */
  headers?: Record<string, string>;
}

/** How a call may be retried. */
export interface CallKind {
  /** Whether repeating the call is harmless (reads, updates, cancel). */
  idempotent: boolean;
  /** Synchronous connector work (check/discover): long timeout. */
  long?: boolean;
}

/** What the transport exposes to the client. */
export interface Transport {
  post<S extends v.GenericSchema>(path: string, body: unknown, schema: S, kind: CallKind, options?: CallOptions): Promise<v.InferOutput<S>>;
}

const TOKEN_MARGIN_MS = 30_000;

function parseError(text: string): { message: string | undefined; type: string | undefined } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const embedded = (body._embedded as { errors?: { message?: string }[] } | undefined)?.errors?.[0]?.message;
    const message = typeof body.detail === "string" && typeof body.type === "string"
      ? `${String(body.title ?? "")}: ${body.detail}`.replace(/^: /, "")
      : typeof body.message === "string"
      ? (embedded ? `${body.message}: ${embedded}` : body.message)
      : undefined;
    const type = typeof body.type === "string" ? body.type : typeof body.exceptionClassName === "string" ? body.exceptionClassName : undefined;
    return { message, type };
  } catch {
    return { message: text.slice(0, 200) || undefined, type: undefined };
  }
}

/** A failed request as retry() sees it: the error to throw, and whether and when to repeat. */
class FailedRequest extends Error {
  readonly error: AirbyteError;
  readonly retriable: boolean;
  readonly retryAfter: number | undefined;
  readonly reason: string;

  constructor(error: AirbyteError, how: { retriable: boolean; retryAfter: number | undefined; reason: string }) {
    super(error.message);
    this.name = "FailedRequest";
    this.error = error;
    this.retriable = how.retriable;
    this.retryAfter = how.retryAfter;
    this.reason = how.reason;
  }
}

function errorFor(details: AirbyteErrorDetails, cause?: unknown): AirbyteError {
  if (details.status === 409) return new AirbyteConflictError(details);
  if (details.status === 404) return new AirbyteNotFoundError(details);
  if (details.status === 401 || details.status === 403) return new AirbyteAuthError(details);
  return new AirbyteError(details, { cause });
}

/**
 * Builds the transport.
 *
 * @param options Settings.
 * @returns The transport.
 */
export function createTransport(options: TransportOptions): Transport {
  const root = options.baseUrl.replace(/\/+$/, "").replace(/\/api$/, "");
  const http = ky.create({ fetch: options.fetch, retry: 0, throwHttpErrors: false, headers: { "content-type": "application/json", accept: "application/json", ...options.headers } });
  const redact = (text: string | undefined) => (text === undefined || options.redactor === undefined ? text : options.redactor.redact(text));
  let token: { value: string; expiresAt: number } | undefined;
  let refreshing: Promise<string> | undefined;

  async function fetchToken(signal: AbortSignal | undefined): Promise<string> {
    const auth = options.auth;
    if (auth.mode !== "client_credentials") throw new Error("Token fetch without client credentials");
    const path = "/api/v1/applications/token";
    let response: Response;
    try {
      response = await http.post(`${root}${path}`, { json: { client_id: auth.clientId, client_secret: auth.clientSecret }, timeout: options.timeoutMs, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw errorFor({ method: "POST", path, status: undefined, airbyteMessage: error instanceof Error ? error.message : String(error), problemType: undefined }, error);
    }
    const text = await response.text();
    if (!response.ok) {
      const parsed = parseError(text);
      throw new AirbyteAuthError({ method: "POST", path, status: response.status, airbyteMessage: redact(parsed.message), problemType: parsed.type });
    }
    const parsed = v.safeParse(AccessTokenSchema, JSON.parse(text));
    if (!parsed.success) throw new AirbyteResponseError({ method: "POST", path, status: response.status, airbyteMessage: "Token response has no access_token", problemType: undefined });
    options.redactor?.add(parsed.output.access_token);
    // No expires_in from the Config API: assume the shortest lifetime Airbyte has used (180 s).
    const lifetime = (parsed.output.expires_in ?? 180) * 1000;
    token = { value: parsed.output.access_token, expiresAt: options.clock.now() + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 5) };
    return token.value;
  }

  async function authHeader(signal: AbortSignal | undefined, force: boolean): Promise<string | undefined> {
    const auth = options.auth;
    if (auth.mode === "none") return undefined;
    if (auth.mode === "bearer") return `Bearer ${auth.token}`;
    if (auth.mode === "header") return auth.header;
    if (!force && token !== undefined && options.clock.now() < token.expiresAt) return `Bearer ${token.value}`;
    refreshing ??= fetchToken(signal).finally(() => (refreshing = undefined));
    return `Bearer ${await refreshing}`;
  }

  async function post<S extends v.GenericSchema>(path: string, body: unknown, schema: S, kind: CallKind, call: CallOptions = {}): Promise<v.InferOutput<S>> {
    const fullPath = `/api/v1/${path}`;
    const signal = call.signal ?? options.signal;
    const context = { tenant: call.tenant, connectionId: call.connectionId };
    let reauthed = false;

    async function attemptOnce(attempt: number): Promise<v.InferOutput<S>> {
      let forceToken = false;
      for (;;) {
        signal?.throwIfAborted();
        options.onRequest?.(path);
        let response: Response | undefined;
        let text = "";
        let failure: unknown;
        try {
          const auth = await authHeader(signal, forceToken);
          response = await http.post(`${root}${fullPath}`, {
            json: body,
            timeout: kind.long ? options.longTimeoutMs : options.timeoutMs,
            headers: { ...(auth ? { authorization: auth } : {}), ...call.headers },
            ...(signal ? { signal } : {}),
          });
          text = await response.text();
        } catch (error) {
          if (error instanceof AirbyteError) throw error.withContext(context);
          if (signal?.aborted) throw signal.reason;
          failure = error;
          response = undefined;
        }
        if (response?.ok) {
          let json: unknown;
          try {
            json = response.status === 204 || text === "" ? {} : JSON.parse(text);
          } catch {
            json = undefined;
          }
          const parsed = v.safeParse(schema, json);
          if (parsed.success) return parsed.output;
          const issue = parsed.issues[0];
          const where = issue?.path?.map((p) => String(p.key)).join(".") ?? "";
          throw new AirbyteResponseError({ method: "POST", path: fullPath, status: response.status, airbyteMessage: `Unexpected response body${where ? ` at '${where}'` : ""}: ${issue?.message ?? "invalid"}`, problemType: undefined, ...context });
        }
        const status = response?.status;
        if (status === 401 && options.auth.mode === "client_credentials" && !reauthed) {
          // The token expired early (or was revoked): refresh once per call, even for writes (nothing
          // was applied), at once and within this attempt: it is not a retry.
          reauthed = true;
          forceToken = true;
          continue;
        }
        const parsed = response ? parseError(text) : { message: failure instanceof Error ? failure.message : String(failure), type: failure instanceof Error ? failure.name : undefined };
        // 429 means the request was refused before it was processed: safe for any call.
        // 5xx and network errors may hide an applied write: only idempotent calls repeat.
        const transient = status === undefined || status === 429 || status >= 500;
        const safe = status === 429 || kind.idempotent;
        throw new FailedRequest(errorFor({
          method: "POST",
          path: fullPath,
          status,
          airbyteMessage: redact(parsed.message),
          problemType: parsed.type,
          ambiguous: !kind.idempotent && (status === undefined || status === 502 || status === 503 || status === 504),
          attempts: attempt,
          ...context,
        }, failure), {
          retriable: transient && safe,
          retryAfter: status === 429 || status === 503 ? parseRetryAfter(response?.headers.get("retry-after"), options.clock.now()) : undefined,
          reason: status === undefined ? "network error" : `status ${status}`,
        });
      }
    }

    const { attempts, ...backoff } = options.retry;
    try {
      return await retry(attemptOnce, {
        maxAttempts: attempts ?? 5,
        minTimeout: 500,
        maxTimeout: 30_000,
        maxRetryAfter: 300_000,
        jitter: (delay, draw) => Math.floor(delay * draw),
        ...backoff,
        clock: options.clock,
        signal,
        isRetriable: (error) => error instanceof FailedRequest && error.retriable,
        retryAfter: (error) => (error instanceof FailedRequest ? error.retryAfter : undefined),
        onRetry: ({ attempt, delay, error }) => options.onRetry?.({ path, attempt, delayMs: delay, reason: (error as FailedRequest).reason }),
      });
    } catch (error) {
      const last = isRetryError(error) ? error.cause : error;
      throw last instanceof FailedRequest ? last.error : last;
    }
  }

  return { post };
}
