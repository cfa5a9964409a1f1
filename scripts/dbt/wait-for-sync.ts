import type { Clock } from "../core/mod.ts";

/** The latest Airbyte job of one connection. */
export interface SyncJobStatus {
  tenant: string;
  connectionId: string;
  /** `pending`/`running` are in flight; `succeeded`; anything else is a failure. */
  status: "pending" | "running" | "succeeded" | "failed" | "cancelled" | "incomplete";
  jobId?: string | number;
}

/** Airbyte job history, as the dbt runner needs it. */
export interface SyncStatusPort {
  /**
   * The latest sync job of every connection of the tenants.
   *
   * @param tenants Tenant slugs.
   * @param signal Aborts the request.
   * @returns One entry per connection that has a job.
   */
  latestJobs(tenants: readonly string[], signal?: AbortSignal): Promise<SyncJobStatus[]>;
}

/** How waiting ended. */
export interface WaitForSyncResult {
  /** `ready` when nothing is in flight, `timeout` when the deadline passed first. */
  outcome: "ready" | "timeout";
  /** Connections whose latest job failed. */
  failed: SyncJobStatus[];
  /** Connections still in flight at the deadline. */
  inFlight: SyncJobStatus[];
  /** Time spent waiting. */
  waitedMs: number;
}

/**
 * Waits until no sync of the tenants is pending or running (seed 000: "the dbt task
 * waits for the latest Airbyte sync job"), polling every `pollMs`, at most `timeoutMs`.
 *
 * @param port Job history.
 * @param tenants The tenants dbt transforms.
 * @param options Clock, timeout, poll interval, signal, progress hook.
 * @returns How it ended and which connections failed.
 * @example
 * ```ts
 * import { waitForSync } from "./wait-for-sync.ts";
 * import { createFakeClock } from "../core/testing.ts";
 * const port = { latestJobs: () => Promise.resolve([{ tenant: "a", connectionId: "c", status: "succeeded" as const }]) };
 * const r = await waitForSync(port, ["a"], { clock: createFakeClock(), timeoutMs: 1000 });
 * console.assert(r.outcome === "ready");
 * ```
 */
export async function waitForSync(
  port: SyncStatusPort,
  tenants: readonly string[],
  options: { clock: Clock; timeoutMs: number; pollMs?: number; signal?: AbortSignal; onPoll?: (inFlight: SyncJobStatus[]) => void },
): Promise<WaitForSyncResult> {
  const start = options.clock.now();
  const poll = options.pollMs ?? 15_000;
  for (;;) {
    const jobs = await port.latestJobs(tenants, options.signal);
    const inFlight = jobs.filter((j) => j.status === "pending" || j.status === "running");
    const failed = jobs.filter((j) => j.status === "failed" || j.status === "cancelled" || j.status === "incomplete");
    const waitedMs = options.clock.now() - start;
    if (inFlight.length === 0) return { outcome: "ready", failed, inFlight, waitedMs };
    if (waitedMs >= options.timeoutMs) return { outcome: "timeout", failed, inFlight, waitedMs };
    options.onPoll?.(inFlight);
    await options.clock.sleep(Math.min(poll, options.timeoutMs - waitedMs), options.signal);
  }
}
