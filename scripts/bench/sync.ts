// npm run bench:sync — what adaptive polling costs and buys, against a fixed 10 s poll.
//
// Starts the local Airbyte with an accelerated clock (default 20x: a 10-minute job
// takes 30 s of real time), seeds 200 connections whose jobs take from 5 s to 10
// minutes (log-uniform, fixed seed), triggers them over the first 3 minutes and follows
// every job concurrently through the real client and adapter, once per strategy:
//   - fixed: poll every 10 s (the baseline),
//   - adaptive: the engine's default policy, no history,
//   - adaptive+history: the same with each connection's usual duration known (±20%).
// For each it prints API calls per job (trigger + polls) and the detection delay
// (when the follower saw the end minus when the job really ended), with ratios to
// the baseline. Figures are in stand-in time; real event-loop lag is scaled too
// (a few seconds of noise at x20, more for the strategy that polls most), so the
// exact figures of the same policies on the same jobs, computed without I/O
// ("model"), are printed beside them.
//
// Options: --jobs <n> (200), --scale <x> (20), --seed <n> (7), --clock fake (an I/O-aware
// fake clock instead: time stands still during each HTTP call, so the measured figures
// are exact and match the model).
import process from "node:process";
import { parseArgs } from "node:util";
import { createAirbyteClient } from "../airbyte/mod.ts";
import { createLogger } from "../core/mod.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { createAirbyteSyncApi, DEFAULT_POLL_POLICY, followJob, nextPollDelay, type PollPolicy, type SyncApi } from "../sync/mod.ts";
import { createIoAwareClock } from "../sync/testing.ts";
import { seededRandom } from "./_random.ts";

const { values } = parseArgs({
  options: { jobs: { type: "string", default: "200" }, scale: { type: "string", default: "20" }, seed: { type: "string", default: "7" }, clock: { type: "string", default: "accelerated" } },
});
const FAKE = values.clock === "fake";
const JOBS = Number(values.jobs);
const SCALE = Number(values.scale);
const WORKSPACE = "00000000-0000-4000-8000-00000000b001";
const DESTINATION = "00000000-0000-4000-8000-00000000b002";

const random = seededRandom(Number(values.seed));
const durations = Array.from({ length: JOBS }, () => Math.round(5_000 * Math.exp(random() * Math.log(600_000 / 5_000))));
const offsets = Array.from({ length: JOBS }, () => Math.round(random() * 180_000));
const estimates = durations.map((d) => Math.round(d * (0.8 + 0.4 * random())));
const ids = Array.from({ length: JOBS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

interface Strategy {
  name: string;
  policy: PollPolicy;
  history: boolean;
}

const strategies: Strategy[] = [
  { name: "fixed 10 s", policy: { ...DEFAULT_POLL_POLICY, minIntervalMs: 10_000, maxIntervalMs: 10_000, growth: 0, lateGrowth: 0, window: 1, maxPollsPerJob: 10_000 }, history: false },
  { name: "adaptive", policy: DEFAULT_POLL_POLICY, history: false },
  { name: "adaptive+history", policy: DEFAULT_POLL_POLICY, history: true },
];

interface Measured {
  calls: number[];
  delays: number[];
  wallMs: number;
}

function counting(api: SyncApi, calls: Map<number, number>): SyncApi {
  const bump = (id: number) => calls.set(id, (calls.get(id) ?? 0) + 1);
  return {
    ...api,
    async triggerSync(id, o) {
      const job = await api.triggerSync(id, o);
      bump(job.id);
      return job;
    },
    getJob(id, o) {
      bump(id);
      return api.getJob(id, o);
    },
  };
}

async function measure(strategy: Strategy): Promise<Measured> {
  const fake = FAKE ? createIoAwareClock({ start: Date.UTC(2026, 10, 23, 12) }) : undefined;
  const airbyte = await startLocalAirbyte({
    ...(fake ? { clock: fake.view } : { timeScale: SCALE }),
    jobs: { durationMs: (c) => durations[ids.indexOf(c.connectionId)] ?? 60_000 },
    seed: {
      workspaces: [{ workspaceId: WORKSPACE }],
      destinations: [{ destinationId: DESTINATION, workspaceId: WORKSPACE }],
      templateConnections: ids.map((connectionId, i) => ({ connectionId, workspaceId: WORKSPACE, destinationId: DESTINATION, name: `bench ${i}`, definitionName: "Facebook Marketing" })),
    },
  });
  try {
    for (const id of ids) (airbyte.state.connections[id] as { status: string }).status = "active";
    const clock = fake ?? airbyte.clock;
    const calls = new Map<number, number>();
    const api = counting(createAirbyteSyncApi(createAirbyteClient({ baseUrl: airbyte.url, clock, ...(fake ? { fetch: fake.wrapFetch(globalThis.fetch) } : {}) })), calls);
    const log = createLogger(() => undefined, { level: "error" });
    const started = Date.now();
    const results = await Promise.all(ids.map(async (id, i) => {
      await clock.sleep(offsets[i] as number);
      const job = await api.triggerSync(id);
      const result = await followJob(api, job, {
        clock,
        log,
        deadline: clock.now() + 2 * 3_600_000,
        expectedMs: strategy.history ? estimates[i] : undefined,
        poll: strategy.policy,
        stuckPolls: 1_000_000,
      });
      const seenAt = clock.now();
      const record = airbyte.state.jobs[String(job.id)];
      const endedAt = (record?.createdAt ?? 0) + (record?.pendingMs ?? 0) + (record?.attemptMs ?? 0);
      if (result.kind !== "ended" || result.job.status !== "succeeded") throw new Error(`Job ${job.id} ended as ${result.kind}/${result.job.status}`);
      return { calls: calls.get(job.id) ?? 0, delay: seenAt - endedAt };
    }));
    return { calls: results.map((r) => r.calls), delays: results.map((r) => r.delay), wallMs: Date.now() - started };
  } finally {
    await airbyte.close();
  }
}

/** The same policy on the same jobs, without I/O: polls until the true end, as the follower would. */
function model(strategy: Strategy): { calls: number[]; delays: number[] } {
  const calls: number[] = [];
  const delays: number[] = [];
  durations.forEach((duration, i) => {
    let t = 0;
    let polls = 0;
    while (t < duration) {
      t += nextPollDelay({ ageMs: t, polls, expectedMs: strategy.history ? estimates[i] : undefined, remainingMs: 2 * 3_600_000 - t }, strategy.policy);
      polls += 1;
    }
    calls.push(polls + 1);
    delays.push(t - duration);
  });
  return { calls, delays };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function pct(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
process.stdout.write(
  `bench:sync — ${JOBS} jobs, durations ${sec(Math.min(...durations))} to ${sec(Math.max(...durations))} (median ${sec(pct(durations, 0.5))}), ` +
    `${FAKE ? "I/O-aware fake clock" : `local Airbyte clock x${SCALE}`}\n\n`,
);
const measured: [Strategy, Measured][] = [];
for (const strategy of strategies) {
  const m = await measure(strategy);
  measured.push([strategy, m]);
  process.stdout.write(`  ran ${strategy.name} in ${(m.wallMs / 1000).toFixed(1)} s real time\n`);
}
const base = measured[0]?.[1] as Measured;
const header = ["strategy", "calls/job", "p95 calls", "max calls", "delay mean", "delay p50", "delay p95", "calls vs fixed", "delay vs fixed", "model calls", "model delay", "model ratios"];
const baseModel = model(strategies[0] as Strategy);
const rows = measured.map(([s, m]) => {
  const exact = model(s);
  return [
    s.name,
    mean(m.calls).toFixed(1),
    String(pct(m.calls, 0.95)),
    String(Math.max(...m.calls)),
    sec(mean(m.delays)),
    sec(pct(m.delays, 0.5)),
    sec(pct(m.delays, 0.95)),
    `${(mean(m.calls) / mean(base.calls)).toFixed(2)}x`,
    `${(mean(m.delays) / mean(base.delays)).toFixed(2)}x`,
    mean(exact.calls).toFixed(1),
    sec(mean(exact.delays)),
    `${(mean(exact.calls) / mean(baseModel.calls)).toFixed(2)}x / ${(mean(exact.delays) / mean(baseModel.delays)).toFixed(2)}x`,
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
process.stdout.write(`\n${line(header)}\n${rows.map(line).join("\n")}\n`);
const shortJobs = durations.map((d, i) => [d, i] as const).filter(([d]) => d < 60_000).map(([, i]) => i);
const longJobs = durations.map((d, i) => [d, i] as const).filter(([d]) => d >= 300_000).map(([, i]) => i);
process.stdout.write(`\nBy job length (calls/job, mean delay):\n`);
for (const [s, m] of measured) {
  const pick = (idx: number[], xs: number[]) => idx.map((i) => xs[i] as number);
  process.stdout.write(
    `  ${s.name.padEnd(17)} < 1 min (${shortJobs.length}): ${mean(pick(shortJobs, m.calls)).toFixed(1)} calls, ${sec(mean(pick(shortJobs, m.delays)))}` +
      `   >= 5 min (${longJobs.length}): ${mean(pick(longJobs, m.calls)).toFixed(1)} calls, ${sec(mean(pick(longJobs, m.delays)))}\n`,
  );
}
