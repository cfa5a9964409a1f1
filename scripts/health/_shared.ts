// Small helpers shared by the evaluators (private to scripts/health).
import { isTerminalStatus } from "../sync/mod.ts";
import type { SyncJob } from "./types.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Runbook anchors, one per kind of trouble (README.md "Runbook" section). */
export const RUNBOOK = {
  airbyte: "airbyte-sync-health",
  cadence: "cadence-drift",
  dbt: "dbt-health",
  sources: "snapshot-lag-and-source-freshness",
  volume: "volume-anomalies",
  transformLag: "transform-lag",
  credentials: "expiring-credentials",
} as const;

export function isTerminal(job: SyncJob): boolean {
  return isTerminalStatus(job.status);
}

export function newestFirst(jobs: readonly SyncJob[]): SyncJob[] {
  return [...jobs].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

export function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}


export function roundMinutes(ms: number): number {
  return Math.round((ms / MINUTE) * 100) / 100;
}
