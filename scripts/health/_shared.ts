// Small helpers shared by the evaluators (private to scripts/health).
import { isTerminalStatus } from "../sync/mod.ts";
import type { SyncJob } from "./types.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Runbook anchors, one per kind of trouble (README.md "Runbook" section). */
export const RUNBOOK = {
  airbyte: "airbyte-sync-health",
  cadence: "cadence-drift",
  dbt: "dbt-health",
  sources: "snapshot-lag-and-source-freshness",
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

/** `59m 59s`, `2h 05m`, `3d 4h`: a readable duration. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function roundMinutes(ms: number): number {
  return Math.round((ms / MINUTE) * 100) / 100;
}
