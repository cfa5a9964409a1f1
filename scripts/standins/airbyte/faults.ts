/** A fault applied to matching HTTP requests before the stand-in handles them. */
export interface RequestFault {
  /** Operation path (e.g. `connections/sync`) or pattern; every path when absent. */
  path?: string | RegExp;
  /**
   * - `latency`: wait `latencyMs`, then handle normally
   * - `error`: answer `status` (default 503) with a KnownExceptionInfo body
   * - `rate_limit`: answer 429 with `Retry-After: retryAfterSeconds` (default 1)
   * - `drop`: destroy the socket without answering
   * - `unauthorized`: answer 401 as if the token had expired
   */
  kind: "latency" | "error" | "rate_limit" | "drop" | "unauthorized";
  /** Delay for `latency`. */
  latencyMs?: number;
  /** Status for `error`. @default 503 */
  status?: number;
  /** Retry-After for `rate_limit`. @default 1 */
  retryAfterSeconds?: number;
  /** Message for `error`. */
  message?: string;
  /** How many matching requests it affects. @default Infinity */
  times?: number;
  /**
   * Whether the fault applies after handling: the request is handled (a write
   * happens, `connections/sync` starts its job), then `drop` cuts the answer
   * or `error` replaces it (default 502). Only `drop` and `error` apply after
   * handling. @default false
   */
  afterHandling?: boolean;
}

/** How the jobs of matching connections behave. */
export interface JobBehaviour {
  /** Connection id to match; every connection when absent (and no name). */
  connectionId?: string;
  /** Connection name or pattern to match. */
  connectionName?: string | RegExp;
  /** Failed attempts before success; with `maxAttempts` or more the job fails. @default 0 */
  failAttempts?: number;
  /** Attempts Airbyte makes before giving up. @default 3 */
  maxAttempts?: number;
  /** failureType of failed attempts. @default "system_error" */
  failureType?: "config_error" | "system_error" | "transient_error" | "heartbeat_timeout" | "destination_timeout";
  /** failureOrigin of failed attempts. @default "source" */
  failureOrigin?: "source" | "destination" | "replication" | "airbyte_platform";
  /** externalMessage of failed attempts. */
  message?: string;
  /** Whether the first attempt runs forever. @default false */
  hang?: boolean;
  /** Whether jobs/cancel is ignored. @default false */
  ignoreCancel?: boolean;
  /** How long one attempt runs (stand-in time). */
  durationMs?: number;
  /** How long the job stays pending. */
  pendingMs?: number;
  /** How many jobs it applies to. @default Infinity */
  times?: number;
}

/** A source whose check_connection fails. */
export interface CheckFailure {
  /** Source name or pattern; every source when absent. */
  sourceName?: string | RegExp;
  /** Definition name to match. */
  definitionName?: string;
  /** The failure message. @default "Invalid credentials" */
  message?: string;
  /** Whether the check job itself fails (no `status`, failureReason set) rather than reporting `failed`. @default false */
  jobFails?: boolean;
}

/** Every fault the stand-in can inject; also settable at run time through `server.faults`. */
export interface FaultConfig {
  /** Latency added to every request. @default 0 */
  latencyMs?: number;
  /** Per-request faults, applied in order. */
  requests?: RequestFault[];
  /** Job behaviours; the first match wins. */
  jobs?: JobBehaviour[];
  /** Sources whose check fails. */
  checks?: CheckFailure[];
}

/** Header carrying per-request faults: `latency=20,status=503,rate-limit=2,drop,unauthorized`. */
export const FAULT_HEADER = "x-adops-fault";
/** Header on `connections/sync` carrying the job's behaviour: `fail=config_error,attempts=3,hang,ignore-cancel,duration=60000`. */
export const JOB_FAULT_HEADER = "x-adops-job";

/**
 * Parses the {@link FAULT_HEADER} value into request faults.
 *
 * @param value The header value.
 * @returns The faults, in order.
 * @example
 * ```ts
 * import { parseFaultHeader } from "./faults.ts";
 * console.assert(parseFaultHeader("status=503")[0]?.kind === "error");
 * ```
 */
export function parseFaultHeader(value: string | undefined): RequestFault[] {
  const out: RequestFault[] = [];
  for (const part of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const [key, raw] = part.split("=") as [string, string | undefined];
    const n = Number(raw);
    if (key === "latency") out.push({ kind: "latency", latencyMs: n });
    else if (key === "status") out.push({ kind: "error", status: n });
    else if (key === "rate-limit") out.push({ kind: "rate_limit", retryAfterSeconds: raw === undefined ? 1 : n });
    else if (key === "drop") out.push({ kind: "drop" });
    else if (key === "unauthorized") out.push({ kind: "unauthorized" });
  }
  return out;
}

/**
 * Parses the {@link JOB_FAULT_HEADER} value into a job behaviour.
 *
 * @param value The header value.
 * @returns The behaviour, or undefined when the header is absent.
 * @example
 * ```ts
 * import { parseJobHeader } from "./faults.ts";
 * console.assert(parseJobHeader("fail=config_error")?.failureType === "config_error");
 * ```
 */
export function parseJobHeader(value: string | undefined): JobBehaviour | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const out: JobBehaviour = {};
  for (const part of value.split(",").map((p) => p.trim())) {
    const [key, raw] = part.split("=") as [string, string | undefined];
    if (key === "fail") {
      out.failureType = (raw ?? "system_error") as NonNullable<JobBehaviour["failureType"]>;
      out.failAttempts ??= 99;
    } else if (key === "attempts") out.failAttempts = Number(raw);
    else if (key === "hang") out.hang = true;
    else if (key === "ignore-cancel") out.ignoreCancel = true;
    else if (key === "duration") out.durationMs = Number(raw);
    else if (key === "origin") out.failureOrigin = raw as NonNullable<JobBehaviour["failureOrigin"]>;
  }
  return out;
}

/**
 * Whether a rule's path matches an operation path.
 *
 * @param rule The rule's path.
 * @param path The operation path.
 * @returns True when it matches.
 */
export function pathMatches(rule: string | RegExp | undefined, path: string): boolean {
  if (rule === undefined) return true;
  return typeof rule === "string" ? rule === path : rule.test(path);
}
