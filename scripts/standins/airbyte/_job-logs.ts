// The log lines of one job attempt, shaped like Airbyte 1.x's formatted logs
// (`<UTC time> <component> > <text>`). Never a configuration value: only
// images, stream names, counts and the failure's external message.
import type { JobRecord } from "./_jobs.ts";
import type { StreamWriteStats } from "./destination-writer.ts";

/** What {@link jobLogLines} needs of an attempt. */
export interface AttemptLogInput {
  job: JobRecord;
  /** Attempt number (0-based). */
  attempt: number;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; undefined while running. */
  endedAt: number | undefined;
  status: "running" | "failed" | "succeeded";
  /** Per-stream counts read so far. */
  streams: readonly StreamWriteStats[];
  /** Whether the destination committed them. */
  committed: boolean;
  /** The failure's external message, when the attempt failed. */
  failure: string | undefined;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/**
 * The attempt's log lines: start-up, one read line and one status line per
 * stream, the sync summary, and the failure when it failed.
 *
 * @param input The attempt.
 * @returns The lines (`logs.logLines` of `AttemptInfoRead`).
 * @example
 * ```ts ignore
 * const lines = jobLogLines({ job, attempt: 0, createdAt: 0, endedAt: 1000, status: "succeeded", streams: [], committed: true, failure: undefined });
 * ```
 */
export function jobLogLines(input: AttemptLogInput): string[] {
  const { job } = input;
  const start = stamp(input.createdAt);
  const end = stamp(input.endedAt ?? input.createdAt);
  const source = job.images?.source ?? "airbyte/source";
  const destination = job.images?.destination ?? "airbyte/destination";
  const lines = [
    `${start} platform > Executing worker wrapper. Airbyte version: 1.8.0`,
    `${start} platform > Attempt ${input.attempt} of job ${job.id} for connection ${job.connectionId}`,
    `${start} replication-orchestrator > Starting source: ${source}`,
    `${start} replication-orchestrator > Starting destination: ${destination}`,
    `${start} replication-orchestrator > Configured streams: ${job.streams.map((s) => s.name).join(", ") || "(none)"}`,
  ];
  if (input.status === "running") return [...lines, `${start} source > Starting syncing ${source.split(":")[0]?.replace("airbyte/", "")}`];
  for (const s of input.streams) {
    lines.push(`${end} source > Read ${s.records} records from ${s.name} stream`);
    lines.push(`${end} replication-orchestrator > Stream status TRACE received of status: ${input.status === "succeeded" ? "COMPLETE" : "INCOMPLETE"} for stream ${s.name}`);
  }
  const records = input.streams.reduce((n, s) => n + s.records, 0);
  const bytes = input.streams.reduce((n, s) => n + s.bytes, 0);
  if (input.failure !== undefined) lines.push(`${end} source > ERROR ${input.failure}`);
  lines.push(`${end} replication-orchestrator > Total records read: ${records} (${bytes} bytes)`);
  lines.push(`${end} replication-orchestrator > Records committed: ${input.committed ? records : 0}`);
  lines.push(`${end} platform > Attempt ${input.attempt} of job ${job.id} ${input.status === "succeeded" ? "succeeded" : "failed"}`);
  return lines;
}
