import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdopsConfig } from "../../config/mod.ts";
import { type Clock } from "../../core/mod.ts";
import { createSystemClock } from "../../runtime/clock.ts";
import { loadConnectorContracts, secretPathsOf } from "./_catalogs.ts";
import { actorHandlers, badCredentials, type Handler } from "./_handle-actors.ts";
import { connectionHandlers, type ConnectionHandlerInput, type JobPlan } from "./_handle-connections.ts";
import { type JobRecord, jobPhase, TERMINAL } from "./_jobs.ts";
import { type Reply, ReplyError, invalidInput } from "./_replies.ts";
import { type ConnectionRecord, emptyState, maskSecrets, type StandinState } from "./_state.ts";
import { createAcceleratedClock } from "./accelerated-clock.ts";
import { type ContractIssue, createContractChecker } from "./contract/check-contract.ts";
import { createFakeDestinationWriter, type DestinationWriter } from "./destination-writer.ts";
import { FAULT_HEADER, type FaultConfig, JOB_FAULT_HEADER, type JobBehaviour, parseFaultHeader, parseJobHeader, pathMatches, type RequestFault } from "./faults.ts";
import { applySeed, type StandinSeed, seedFromConfig } from "./seed.ts";

/** Authentication the stand-in enforces (none when absent). */
export interface StandinAuth {
  /** Client id accepted by `applications/token`. */
  clientId?: string;
  /** Client secret accepted by `applications/token`. */
  clientSecret?: string;
  /** Lifetime of issued tokens (stand-in time). @default 180 */
  tokenTtlSeconds?: number;
  /** Bearer tokens always accepted. */
  tokens?: string[];
  /** Whole `Authorization` header values always accepted (the seed's AIRBYTE_API_AUTH_HEADER). */
  headers?: string[];
}

/** How long jobs take when no fault rule says otherwise (stand-in time). */
export interface JobTiming {
  /** One attempt's duration, or a function of the connection. @default 30 s to 4 min, stable per connection and job */
  durationMs?: number | ((connection: { connectionId: string; name: string }, jobId: number) => number);
  /** Time spent pending before the first attempt. @default 0 */
  pendingMs?: number;
  /** Pause between a failed attempt and the next. @default 10_000 */
  gapMs?: number;
}

/** Options of {@link startLocalAirbyte}. */
export interface LocalAirbyteOptions {
  /** Port to listen on. @default 0 (ephemeral) */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** What to start with: a loaded config (see `seedFromConfig`) or an explicit seed. */
  seed?: StandinSeed | AdopsConfig;
  /** Environment for seeding from a config (`template_connection_id_env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Validate every request and response against config.yaml; a mismatch answers 422 and is recorded. @default false */
  contractCheck?: boolean;
  /** Faults to inject; mutable later through `server.faults`. */
  faults?: FaultConfig;
  /** The stand-in's clock (timestamps, job timelines, latency). @default the system clock */
  clock?: Clock;
  /** Runs the clock this many times faster (jobs of minutes finish in milliseconds). @default 1 */
  timeScale?: number;
  /** Job durations. */
  jobs?: JobTiming;
  /** Where successful syncs land. @default a fake that returns plausible counts */
  destination?: DestinationWriter;
  /**
   * The definition and configuration of every destination seeded from a config (`Postgres`
   * for a warehouse that `destination` writes in destination-postgres' layout).
   * @default { definitionName: "DuckDB" }
   */
  seededDestination?: { definitionName: string; configuration?: Record<string, unknown> };
  /** Authentication to enforce. */
  auth?: StandinAuth;
  /** JSON file to load state from and save it to after every write. */
  statePath?: string;
  /** Request log (one line per request). */
  log?: (line: string) => void;
}

/** A running local Airbyte. */
export interface LocalAirbyte {
  /** Base URL without `/api`, e.g. `http://127.0.0.1:53121` (what `airbyte.base_url` holds). */
  url: string;
  /** The port. */
  port: number;
  /** The live state (plain data; tests may read and change it). */
  state: StandinState;
  /** The stand-in's clock (accelerated when `timeScale` is set); share it with the code under test. */
  clock: Clock;
  /** The live fault config; push rules to inject faults mid-test. */
  faults: Required<FaultConfig>;
  /** Requests served, by operation path (`connections/create`, ...). */
  calls: Record<string, number>;
  /** Requests that changed state. */
  writes(): number;
  /** Zeroes `calls` and the write count. */
  resetCounters(): void;
  /** Contract issues seen so far (contract check mode). */
  contractIssues: ContractIssue[];
  /** Throws when any contract issue was seen. */
  assertContract(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function isConfig(seed: StandinSeed | AdopsConfig): seed is AdopsConfig {
  return "tenants" in seed && "platform" in seed;
}

function defaultDuration(connectionId: string, jobId: number): number {
  const h = createHash("sha256").update(`${connectionId}:${jobId}`).digest();
  return 30_000 + (h.readUInt32BE(0) % 210_000);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Starts a local Airbyte 1.8 Config API stand-in on 127.0.0.1: real HTTP,
 * state in memory (optionally a JSON file), behaving like the real server
 * (Quartz cron validation, patch updates, only selected streams stored, 409
 * for a running sync, 500 for an inactive one or an unknown job, real 404
 * bodies, 20-item cursor pages for sources/destinations, epoch-second
 * timestamps, jobs with attempts, stats and failure summaries).
 *
 * @param options Seed, contract check, faults, clock, destination writer, auth.
 * @returns The running server.
 * @example
 * ```ts
 * import { startLocalAirbyte } from "./start-local-airbyte.ts";
 * const airbyte = await startLocalAirbyte({ contractCheck: true, seed: { workspaces: [{ workspaceId: "00000000-0000-4000-8000-000000000001" }] } });
 * const res = await fetch(`${airbyte.url}/api/v1/workspaces/get`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workspaceId: "00000000-0000-4000-8000-000000000001" }) });
 * console.assert(res.status === 200);
 * await airbyte.close();
 * ```
 */
export async function startLocalAirbyte(options: LocalAirbyteOptions = {}): Promise<LocalAirbyte> {
  loadConnectorContracts();
  const base = options.clock ?? createSystemClock();
  const clock = options.timeScale !== undefined && options.timeScale !== 1 ? createAcceleratedClock(options.timeScale, base) : base;
  const checker = options.contractCheck ? createContractChecker() : undefined;
  const boundaryChecker = createContractChecker();
  const writer = options.destination ?? createFakeDestinationWriter();
  const faults: Required<FaultConfig> = {
    latencyMs: options.faults?.latencyMs ?? 0,
    requests: [...(options.faults?.requests ?? [])],
    jobs: [...(options.faults?.jobs ?? [])],
    checks: [...(options.faults?.checks ?? [])],
  };
  const faultUses = new Map<object, number>();
  const tokens = new Map<string, number>();
  const calls: Record<string, number> = {};
  let writes = 0;
  const contractIssues: ContractIssue[] = [];
  const log = options.log;

  let state = emptyState();
  if (options.statePath !== undefined) {
    try {
      state = JSON.parse(await readFile(options.statePath, "utf8")) as StandinState;
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOENT") throw error;
    }
  }
  if (options.seed !== undefined) {
    const seed = isConfig(options.seed) ? seedFromConfig(options.seed, options.env ?? {}) : options.seed;
    const destination = options.seededDestination;
    const destinations = destination === undefined ? seed.destinations : seed.destinations?.map((d) => ({ ...d, ...destination }));
    applySeed(state, { ...seed, ...(destinations === undefined ? {} : { destinations }) }, clock.now());
  }
  else applySeed(state, {}, clock.now());
  const unsettled = new Set<string>(Object.values(state.jobs).filter((j) => !TERMINAL.has(jobPhase(j, clock.now()).status)).map((j) => String(j.id)));

  let saving = Promise.resolve();
  function save(): void {
    if (options.statePath === undefined) return;
    const path = options.statePath;
    const text = JSON.stringify(state);
    saving = saving.then(() => writeFile(path, text)).catch(() => undefined);
  }

  function take<T extends object>(rule: T & { times?: number }): boolean {
    const used = faultUses.get(rule) ?? 0;
    if (used >= (rule.times ?? Number.POSITIVE_INFINITY)) return false;
    faultUses.set(rule, used + 1);
    return true;
  }

  function planJob(connection: ConnectionRecord, jobId: number, header: JobBehaviour | undefined): JobPlan {
    const rule = header ?? faults.jobs.find((r) =>
      (r.connectionId === undefined || r.connectionId === connection.connectionId) &&
      (r.connectionName === undefined || (typeof r.connectionName === "string" ? r.connectionName === connection.name : r.connectionName.test(connection.name))) &&
      take(r)
    );
    const timing = options.jobs ?? {};
    const duration = rule?.durationMs ??
      (typeof timing.durationMs === "function" ? timing.durationMs(connection, jobId) : timing.durationMs ?? defaultDuration(connection.connectionId, jobId));
    const failureType = rule?.failureType ?? "system_error";
    return {
      pendingMs: rule?.pendingMs ?? timing.pendingMs ?? 0,
      attemptMs: duration,
      gapMs: timing.gapMs ?? 10_000,
      failAttempts: rule?.failAttempts ?? (rule?.failureType !== undefined ? 99 : 0),
      maxAttempts: rule?.maxAttempts ?? 3,
      failureType,
      failureOrigin: rule?.failureOrigin ?? "source",
      message: rule?.message ?? (failureType === "config_error" ? "Invalid credentials: the access token has expired" : "Connection reset by peer"),
      hang: rule?.hang ?? false,
      ignoreCancel: rule?.ignoreCancel ?? false,
    };
  }

  async function settle(now: number): Promise<void> {
    for (const id of [...unsettled]) {
      const job = state.jobs[id];
      if (job === undefined) {
        unsettled.delete(id);
        continue;
      }
      const phase = jobPhase(job, now);
      if (phase.needsWrite) await runWriterOnce(job, now);
      if (TERMINAL.has(jobPhase(job, now).status)) unsettled.delete(id);
    }
  }

  // Concurrent reads of a job that just ended must land its data once, not once per read.
  const writing = new Map<number, Promise<void>>();
  function runWriterOnce(job: JobRecord, now: number): Promise<void> {
    let pending = writing.get(job.id);
    if (pending === undefined) {
      pending = runWriter(job, now).finally(() => writing.delete(job.id));
      writing.set(job.id, pending);
    }
    return pending;
  }

  async function runWriter(job: JobRecord, now: number): Promise<void> {
    const c = state.connections[job.connectionId];
    const source = c ? state.sources[c.sourceId] : undefined;
    const tenantHint = /^adops:([^:]+):/.exec(source?.name ?? "")?.[1];
    const phase = jobPhase(job, now);
    const emittedAt = phase.attempts.at(-1)?.createdAt ?? now;
    try {
      job.result = await writer.write({
        connectionId: job.connectionId,
        ...(tenantHint !== undefined ? { tenantHint } : {}),
        namespace: c?.namespaceDefinition === "customformat" && c.namespaceFormat ? c.namespaceFormat : "public",
        prefix: c?.prefix ?? "",
        streams: job.streams.map((s) => s.name),
        ...(job.configuredStreams !== undefined ? { configuredStreams: job.configuredStreams } : {}),
        sourceDefinitionName: source ? state.sourceDefinitions[source.definitionId]?.name ?? "" : "",
        sourceConfiguration: maskSecrets(source?.configuration ?? {}, source ? secretPathsOf(state.sourceDefinitions[source.definitionId]?.name ?? "") : undefined) as Record<string, unknown>,
        jobId: job.id,
        emittedAt: emittedAt + job.attemptMs,
      });
    } catch (error) {
      job.result = { error: `Destination write failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    save();
  }

  function authorized(req: IncomingMessage, now: number): boolean {
    const auth = options.auth;
    if (auth === undefined) return true;
    const header = req.headers.authorization;
    if (header === undefined) return false;
    if (auth.headers?.includes(header)) return true;
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (token === undefined) return false;
    if (auth.tokens?.includes(token)) return true;
    const expires = tokens.get(token);
    return expires !== undefined && expires > now;
  }

  async function handle(path: string, req: IncomingMessage, raw: string): Promise<Reply | "drop"> {
    const now = () => clock.now();
    const headerFaults = parseFaultHeader(req.headers[FAULT_HEADER] as string | undefined);
    const ruleFaults = faults.requests.filter((f) => pathMatches(f.path, path));
    const before: RequestFault[] = [...headerFaults, ...ruleFaults.filter((f) => !f.afterHandling && take(f))];
    const after = ruleFaults.filter((f) => f.afterHandling && take(f));
    if (faults.latencyMs > 0) await clock.sleep(faults.latencyMs);
    for (const fault of before) {
      if (fault.kind === "latency") await clock.sleep(fault.latencyMs ?? 0);
      else if (fault.kind === "drop") return "drop";
      else if (fault.kind === "rate_limit") return { status: 429, body: { message: "Too Many Requests" }, retryAfter: fault.retryAfterSeconds ?? 1 } as Reply;
      else if (fault.kind === "unauthorized") return { status: 401, body: { message: "Unauthorized" } };
      else return { status: fault.status ?? 503, body: { message: fault.message ?? "Service Unavailable", exceptionClassName: "io.airbyte.commons.server.errors.InjectedFault" } };
    }
    if (path !== "applications/token" && !authorized(req, now())) return { status: 401, body: { message: "Unauthorized" } };

    let body: Record<string, unknown> = {};
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch (error) {
        return { status: 422, body: { message: `Invalid json. ${error instanceof Error ? error.message : ""}`, exceptionClassName: "com.fasterxml.jackson.core.JsonParseException" } };
      }
    }
    const requestIssues = (checker ?? boundaryChecker).checkRequest(path, body);
    if (requestIssues.length > 0) {
      if (checker !== undefined) {
        contractIssues.push(...requestIssues);
        return contractReply(requestIssues);
      }
      const missing = requestIssues.filter((i) => i.message.startsWith("Missing required"));
      if (missing.length > 0) throw invalidInput(missing.map((i) => ({ propertyPath: `${path}.${i.pointer}`, message: i.message })));
    }
    if (path === "applications/token") {
      const auth = options.auth;
      if (auth?.clientId === undefined || body.client_id !== auth.clientId || body.client_secret !== auth.clientSecret) throw badCredentials();
      const token = `sat_${randomUUID().replace(/-/g, "")}`;
      tokens.set(token, now() + (auth.tokenTtlSeconds ?? 180) * 1000);
      return { status: 200, body: { access_token: token } };
    }
    await settle(now());
    const jobHeader = parseJobHeader(req.headers[JOB_FAULT_HEADER] as string | undefined);
    const input: ConnectionHandlerInput = {
      state,
      now: now(),
      body,
      headers: req.headers as Record<string, string | undefined>,
      checks: faults.checks,
      planJob: (c, id) => planJob(c, id, jobHeader),
    };
    const handler = (actorHandlers[path] ?? connectionHandlers[path]) as Handler | undefined;
    if (handler === undefined) return { status: 404, body: { message: `Page Not Found: /api/v1/${path}` } };
    const reply = await handler(input);
    if (reply.write) {
      writes += 1;
      for (const j of Object.values(state.jobs)) if (!TERMINAL.has(jobPhase(j, now()).status)) unsettled.add(String(j.id));
      save();
    }
    if (after.some((f) => f.kind === "drop")) return "drop";
    const lost = after.find((f) => f.kind === "error");
    if (lost !== undefined) return { status: lost.status ?? 502, body: { message: lost.message ?? "Bad Gateway" } };
    return reply;
  }

  function contractReply(issues: ContractIssue[]): Reply {
    const text = issues.slice(0, 5).map((i) => `${i.direction} ${i.path}${i.status ? ` ${i.status}` : ""} ${i.pointer || "/"}: ${i.message}`).join("; ");
    return { status: 422, body: { message: `Stand-in contract violation: ${text}`, exceptionClassName: "adops.standin.ContractViolation" } };
  }

  async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/^\/api\/v1\//, "");
    calls[path] = (calls[path] ?? 0) + 1;
    let reply: Reply | "drop";
    try {
      const raw = await readBody(req);
      if (req.method !== "POST" || !url.pathname.startsWith("/api/v1/")) reply = { status: 404, body: { message: `Page Not Found: ${url.pathname}` } };
      else reply = await handle(path, req, raw);
    } catch (error) {
      if (error instanceof ReplyError) reply = error.reply;
      else reply = { status: 500, body: { message: `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`, exceptionClassName: "java.lang.RuntimeException" } };
    }
    if (reply === "drop") {
      // Start a response, then cut the connection: a closed socket before any
      // response is replayed by Deno's fetch on reused connections, even for POST.
      log?.(`POST /api/v1/${path} -> dropped`);
      res.writeHead(200, { "content-type": "application/json", "content-length": "4096" });
      res.write("{");
      setTimeout(() => req.socket.destroy(), 1);
      return;
    }
    const isContractReply = (reply.body as { exceptionClassName?: string } | null)?.exceptionClassName === "adops.standin.ContractViolation";
    if (checker !== undefined && !isContractReply) {
      const issues = checker.checkResponse(path, reply.status, reply.body);
      if (issues.length > 0) {
        contractIssues.push(...issues);
        reply = contractReply(issues);
      }
    }
    log?.(`POST /api/v1/${path} -> ${reply.status}`);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const retryAfter = (reply as Reply & { retryAfter?: number }).retryAfter;
    if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
    if (reply.status === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    get state() {
      return state;
    },
    set state(value) {
      state = value;
    },
    clock,
    faults,
    calls,
    writes: () => writes,
    resetCounters() {
      for (const key of Object.keys(calls)) delete calls[key];
      writes = 0;
    },
    contractIssues,
    assertContract() {
      if (contractIssues.length > 0) {
        throw new Error(`Contract violations: ${contractIssues.map((i) => `${i.direction} ${i.path} ${i.pointer}: ${i.message}`).join("; ")}`);
      }
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      await saving;
    },
  };
}
