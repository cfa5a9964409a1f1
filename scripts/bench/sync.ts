// npm run bench:sync — what the sync engine's polling and scheduling cost and buy.
//
// 1. Polling. Starts the local Airbyte with an accelerated clock (default 20x: a 10-minute
// job takes 30 s of real time), seeds 200 connections whose jobs take from 5 s to 10
// minutes (log-uniform, fixed seed), triggers them over the first 3 minutes and follows
// every job concurrently through the real client and adapter, once per strategy:
//   - fixed 10 s: poll every 10 s (the baseline),
//   - before: the adaptive policy as it was before #16 (a copy below), without and with history,
//   - after: the engine's `nextPollDelay`, without and with history
//     (history: each connection's usual duration known to ±20%).
// For each it prints API calls per job (trigger + polls) and the detection delay
// (when the follower saw the end minus when the job really ended), with ratios to
// the baseline and the goals beside them. Figures are in stand-in time; real event-loop
// lag is scaled too, so the exact figures of the same policies on the same jobs, computed
// without I/O ("model"), are printed beside them.
//
// 2. Scheduling. Runs `runSyncs` itself on 17 and 200 due connections against the fake
// sync API on a fake clock (jobs from the same distribution, history known), at
// --concurrency 4, and prints the run's wall time (fake-clock time) against the ideal
// (the longest job plus its detection delay): before (a job's trigger slot is held
// until its end is seen, as before #16) and after (triggers bounded, following free).
//
// Options: --jobs <n> (200), --scale <x> (20), --seed <n> (7), --clock fake (an I/O-aware
// fake clock instead: time stands still during each HTTP call, so the measured figures
// are exact and match the model).
import process from "node:process";
import { parseArgs } from "node:util";
import { createAirbyteClient } from "../airbyte/mod.ts";
import { makeConnection, makeTenant } from "../config/testing.ts";
import { createLimiter, createLogger } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { createAirbyteSyncApi, followJob, isTerminalStatus, nextPollDelay, type PollState, runSyncs, type SelectedConnection, type SyncApi } from "../sync/mod.ts";
import { createFakeSyncApi, createIoAwareClock } from "../sync/testing.ts";
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

// ---- BEFORE: the adaptive poll policy as shipped before #16, kept here only as the baseline. ----
// It capped its growing wait at 80% of the usual duration, then polled briskly
// (3% of it apart) up to the expected end: more calls with history than without.
const BEFORE_POLICY = { minIntervalMs: 5_000, maxIntervalMs: 60_000, growth: 0.25, lateGrowth: 0.03, window: 0.8, landingMs: 1_000, maxPollsPerJob: 120 };

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** BEFORE #16: `nextPollDelay` as it was (see the comment above). */
function beforeNextPollDelay(state: PollState): number {
  const policy = BEFORE_POLICY;
  const { ageMs, expectedMs } = state;
  const remaining = Math.max(0, state.remainingMs);
  let delay = clamp(ageMs * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
  if (expectedMs !== undefined) {
    const windowAt = expectedMs * policy.window;
    if (ageMs < windowAt && windowAt - ageMs >= policy.minIntervalMs) {
      delay = Math.min(delay, windowAt - ageMs);
    } else if (ageMs < expectedMs) {
      delay = clamp(expectedMs * policy.lateGrowth, policy.minIntervalMs, policy.maxIntervalMs);
      if (ageMs + delay > expectedMs) delay = expectedMs - ageMs + policy.landingMs;
    } else {
      delay = clamp(ageMs * policy.lateGrowth + (ageMs - expectedMs) * policy.growth, policy.minIntervalMs, policy.maxIntervalMs);
    }
  }
  const budgetLeft = policy.maxPollsPerJob - state.polls;
  if (budgetLeft <= 1) return remaining;
  if (delay >= policy.maxIntervalMs || budgetLeft - 1 < policy.maxPollsPerJob / 4) delay = Math.max(delay, remaining / (budgetLeft - 1));
  return Math.round(Math.min(delay, remaining));
}
// ---- end of BEFORE ----

interface Strategy {
  name: string;
  delay: (state: PollState) => number;
  history: boolean;
}

const strategies: Strategy[] = [
  { name: "fixed 10 s", delay: (state) => Math.min(10_000, Math.max(0, state.remainingMs)), history: false },
  { name: "before", delay: beforeNextPollDelay, history: false },
  { name: "before+history", delay: beforeNextPollDelay, history: true },
  { name: "after", delay: (state) => nextPollDelay(state), history: false },
  { name: "after+history", delay: (state) => nextPollDelay(state), history: true },
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
        pollDelay: strategy.delay,
        // The schedules alone: no stuck check, so neither its cap on waits (production's is
        // stuck_after_minutes / stuck_polls, 100 s by default) nor a cancel.
        stuckMinMs: Infinity,
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
      t += strategy.delay({ ageMs: t, polls, expectedMs: strategy.history ? estimates[i] : undefined, remainingMs: 2 * 3_600_000 - t });
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

// ---- Goals (issue #16), on the measured figures and the model's. ----
const fixedCalls = mean(base.calls);
const meanDuration = mean(durations);
const byName = new Map(measured.map(([s, m]) => [s.name, { m, exact: model(s) }]));
const mark = (ok: boolean) => (ok ? "met" : "missed");
// Under the accelerated clock the fixed poll loses calls to event-loop lag, which flatters it; the model is exact.
process.stdout.write(`\nGoals: calls/job with history <= 1/3 of the fixed 10 s poll (<= ${(fixedCalls / 3).toFixed(1)}); mean detection delay <= 10% of the mean job duration (<= ${sec(meanDuration / 10)})\n`);
for (const name of ["before", "before+history", "after", "after+history"]) {
  const found = byName.get(name);
  if (found === undefined) continue;
  const calls = mean(found.m.calls);
  const delay = mean(found.m.delays);
  const exactRatio = mean(found.exact.calls) / mean(baseModel.calls);
  const callsGoal = name.endsWith("+history") ? `  calls goal: measured ${mark(calls <= fixedCalls / 3)}, model ${mark(exactRatio <= 1 / 3)}` : "";
  process.stdout.write(
    `  ${name.padEnd(15)} ${calls.toFixed(2)} calls/job (${(calls / fixedCalls).toFixed(2)}x fixed; model ${(mean(found.exact.calls) / mean(baseModel.calls)).toFixed(2)}x), ` +
      `delay ${sec(delay)} = ${((100 * delay) / meanDuration).toFixed(1)}% of the mean job (model ${sec(mean(found.exact.delays))})  delay goal: measured ${mark(delay <= meanDuration / 10)}, model ${mark(mean(found.exact.delays) <= meanDuration / 10)}${callsGoal}\n`,
  );
}

// ---- 2. Scheduling: runSyncs on 17 and 200 connections, fake sync API, fake clock. ----

/**
 * BEFORE #16: a job's trigger slot was held until its end was seen. Reproduced
 * around the new engine: each trigger waits for one of `limit` slots and keeps
 * it until a poll sees the job terminal.
 */
function holdingSlotWhileFollowing(api: SyncApi, limit: number): SyncApi {
  const slots = createLimiter(limit);
  const releases = new Map<number, () => void>();
  return {
    ...api,
    async triggerSync(id, o) {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await new Promise<void>((acquired) => void slots(() => (acquired(), held)));
      try {
        const job = await api.triggerSync(id, o);
        releases.set(job.id, release);
        return job;
      } catch (error) {
        release();
        throw error;
      }
    },
    async getJob(id, o) {
      const job = await api.getJob(id, o);
      if (isTerminalStatus(job.status)) {
        releases.get(id)?.();
        releases.delete(id);
      }
      return job;
    },
  };
}

const CONCURRENCY = 4;

interface Fleet {
  name: string;
  count: number;
  /** Job duration and usual duration of connection `i` (ms). */
  job(i: number): { durationMs: number; expectedMs: number };
}

async function runScheduling(fleet: Fleet, mode: "before" | "after"): Promise<{ wallMs: number; callsPerJob: number; ok: number }> {
  const count = fleet.count;
  const start = Date.UTC(2026, 10, 23, 17, 45);
  const clock = createFakeClock({ start });
  const tenant = makeTenant({ slug: "bench" });
  const connections = Array.from({ length: count }, (_, i) => makeConnection({ tenant: "bench", template: `t${i}`, connectionId: `c${i}` }));
  tenant.connections = connections;
  const fake = createFakeSyncApi({ clock, connections: connections.map((c) => ({ workspaceId: tenant.workspaceId, connectionId: c.connectionId ?? "", name: c.name, status: "active", managedKey: c.managedKey })) });
  connections.forEach((c, i) => {
    const id = c.connectionId ?? "";
    const { durationMs, expectedMs } = fleet.job(i);
    fake.script(id, { durationMs });
    fake.addHistory(id, [{ createdAt: start - 2 * 3_600_000, status: "succeeded", durationMs: expectedMs }]);
  });
  const api = mode === "before" ? holdingSlotWhileFollowing(fake, CONCURRENCY) : fake;
  const selection: SelectedConnection[] = connections.map((connection) => ({ tenant, connection }));
  const log = createLogger(() => undefined, { level: "error" });
  const result = await runSyncs({ api, clock, log, random: () => 0.5 }, selection, { concurrency: CONCURRENCY, force: true });
  const jobs = result.outcomes.length;
  return { wallMs: clock.now() - start, callsPerJob: (fake.calls.triggerSync + fake.calls.getJob) / jobs, ok: result.outcomes.filter((o) => o.status === "succeeded").length };
}

process.stdout.write(`\nrunSyncs at --concurrency ${CONCURRENCY}, fake sync API on a fake clock (wall time is fake-clock time; ideal = the longest job plus its detection delay):\n`);
const sampled = (i: number) => ({ durationMs: durations[i % JOBS] as number, expectedMs: estimates[i % JOBS] as number });
const fleets: Fleet[] = [
  { name: "17 connections, sampled jobs", count: 17, job: sampled },
  { name: "17 connections, 10-min jobs", count: 17, job: () => ({ durationMs: 600_000, expectedMs: 600_000 }) },
  { name: "200 connections, sampled jobs", count: 200, job: sampled },
];
for (const fleet of fleets) {
  const idx = Array.from({ length: fleet.count }, (_, i) => i);
  // The longest job plus the detection delay the new policy gives it (history known).
  const ideal = Math.max(...idx.map((i) => {
    const { durationMs, expectedMs } = fleet.job(i);
    let t = 0;
    for (let polls = 0; t < durationMs; polls += 1) t += nextPollDelay({ ageMs: t, polls, expectedMs, remainingMs: 3_600_000 - t });
    return t;
  }));
  const before = await runScheduling(fleet, "before");
  const now = await runScheduling(fleet, "after");
  process.stdout.write(
    `  ${fleet.name.padEnd(30)} ideal ${sec(ideal)}; before (slot held while following) ${sec(before.wallMs)} = ${(before.wallMs / ideal).toFixed(2)}x ideal; ` +
      `after ${sec(now.wallMs)} = ${(now.wallMs / ideal).toFixed(2)}x ideal (${(before.wallMs / now.wallMs).toFixed(1)}x faster); ` +
      `calls/job ${before.callsPerJob.toFixed(2)} / ${now.callsPerJob.toFixed(2)}; succeeded ${before.ok} / ${now.ok} of ${fleet.count}\n`,
  );
}
