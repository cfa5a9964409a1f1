import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_POLL_POLICY, nextPollDelay, type PollState } from "./poll-schedule.ts";

const MINUTE = 60_000;

/** Polls a job of `durationMs` as the follower would; `polls` counts status calls, `delayMs` how late the end was seen. */
function simulate(durationMs: number, expectedMs: number | undefined, remainingMs = 3_600_000): { polls: number; delayMs: number; waits: number[] } {
  let t = 0;
  let polls = 0;
  const waits: number[] = [];
  while (t < durationMs) {
    const state: PollState = { ageMs: t, polls, expectedMs, remainingMs: remainingMs - t };
    const wait = nextPollDelay(state);
    waits.push(wait);
    t += wait;
    polls += 1;
  }
  return { polls, delayMs: t - durationMs, waits };
}

describe("nextPollDelay()", () => {
  it("nextPollDelay() backs off geometrically without history, from 5 s up to 60 s", () => {
    assert.equal(nextPollDelay({ ageMs: 0, polls: 0, expectedMs: undefined, remainingMs: 3_600_000 }), 5_000);
    assert.equal(nextPollDelay({ ageMs: 40_000, polls: 10, expectedMs: undefined, remainingMs: 3_600_000 }), 10_000);
    assert.equal(nextPollDelay({ ageMs: 1_800_000, polls: 40, expectedMs: undefined, remainingMs: 1_800_000 }), 60_000);
    const { waits } = simulate(10 * MINUTE, undefined);
    // Once past the 5 s floor each wait is a quarter of the age, so each one is 1.25 times the last, until the cap.
    const growing = waits.filter((w) => w > 5_000 && w < 60_000);
    for (let i = 1; i < growing.length; i += 1) assert.ok(Math.abs((growing[i] as number) / (growing[i - 1] as number) - 1.25) < 0.01, `waits ${waits.join()}`);
  });

  it("nextPollDelay() sees a job of seconds end within seconds and a job of 30 minutes with under 50 calls without history", () => {
    const short = simulate(7_000, undefined);
    assert.ok(short.delayMs <= 3_000, `delay ${short.delayMs}`);
    const long = simulate(30 * MINUTE, undefined);
    assert.ok(long.polls < 50, `polls ${long.polls}`);
  });

  it("nextPollDelay() sleeps straight to 80% of the usual duration, less the job's age, when history exists", () => {
    assert.equal(nextPollDelay({ ageMs: 2_000, polls: 0, expectedMs: 10 * MINUTE, remainingMs: 3_600_000 }), 8 * MINUTE - 2_000);
    // Attached late: the sleep counts from the job's creation.
    assert.equal(nextPollDelay({ ageMs: 5 * MINUTE, polls: 0, expectedMs: 10 * MINUTE, remainingMs: 3_600_000 }), 3 * MINUTE);
    // The sleep never passes the deadline.
    assert.equal(nextPollDelay({ ageMs: 0, polls: 0, expectedMs: 2 * 3_600_000, remainingMs: 30 * MINUTE }), 30 * MINUTE);
  });

  it("nextPollDelay() polls briskly around the expected end and grows the waits again when the job overruns", () => {
    const exact = simulate(10 * MINUTE, 10 * MINUTE);
    assert.ok(exact.polls <= 4, `polls ${exact.polls}`);
    assert.ok(exact.delayMs <= DEFAULT_POLL_POLICY.brisk * 10 * MINUTE, `delay ${exact.delayMs}`);
    const early = simulate(8.5 * MINUTE, 10 * MINUTE);
    assert.ok(early.polls <= 2 && early.delayMs <= 48_000, `${early.polls} polls, delay ${early.delayMs}`);
    const late = simulate(12 * MINUTE, 10 * MINUTE);
    assert.ok(late.delayMs <= 60_000, `delay ${late.delayMs}`);
    const brisk = nextPollDelay({ ageMs: 9 * MINUTE, polls: 2, expectedMs: 10 * MINUTE, remainingMs: 3_600_000 });
    const over = nextPollDelay({ ageMs: 11 * MINUTE, polls: 4, expectedMs: 10 * MINUTE, remainingMs: 3_600_000 });
    const farOver = nextPollDelay({ ageMs: 40 * MINUTE, polls: 20, expectedMs: 10 * MINUTE, remainingMs: 3_600_000 });
    assert.deepEqual([brisk, over, farOver], [48_000, 60_000, 60_000]);
    const small = nextPollDelay({ ageMs: 130_000, polls: 3, expectedMs: 2 * MINUTE, remainingMs: 3_600_000 });
    assert.ok(small > nextPollDelay({ ageMs: 100_000, polls: 2, expectedMs: 2 * MINUTE, remainingMs: 3_600_000 }), `overrun wait ${small}`);
  });

  it("nextPollDelay() with history makes at most a third of the calls of a fixed 10 s poll on a 10-minute job", () => {
    const fixed = 10 * MINUTE / 10_000 + 1;
    for (const estimate of [0.8, 1, 1.2]) {
      const r = simulate(10 * MINUTE, 10 * MINUTE * estimate);
      assert.ok(r.polls + 1 <= fixed / 3, `${r.polls + 1} calls with an estimate of ${estimate}`);
      assert.ok(r.delayMs <= MINUTE, `delay ${r.delayMs}`);
    }
    const blind = simulate(10 * MINUTE, undefined);
    assert.ok(simulate(10 * MINUTE, 10 * MINUTE).polls < blind.polls / 3, `${blind.polls} polls without history`);
  });

  it("nextPollDelay() never waits past the deadline and spreads the last calls of the budget over the time left", () => {
    assert.equal(nextPollDelay({ ageMs: 100_000, polls: 3, expectedMs: undefined, remainingMs: 500 }), 500);
    assert.equal(nextPollDelay({ ageMs: 100_000, polls: 3, expectedMs: 110_000, remainingMs: 500 }), 500);
    const policy = { ...DEFAULT_POLL_POLICY, maxPollsPerJob: 10 };
    assert.equal(nextPollDelay({ ageMs: 0, polls: 9, expectedMs: undefined, remainingMs: 100_000 }, policy), 100_000);
    assert.equal(nextPollDelay({ ageMs: 600_000, polls: 8, expectedMs: undefined, remainingMs: 300_000 }, policy), 300_000);
    const r = simulate(6 * 3_600_000, undefined, 6 * 3_600_000 + 1);
    assert.ok(r.polls <= DEFAULT_POLL_POLICY.maxPollsPerJob, `polls ${r.polls}`);
    const h = simulate(6 * 3_600_000, MINUTE, 6 * 3_600_000 + 1);
    assert.ok(h.polls <= DEFAULT_POLL_POLICY.maxPollsPerJob, `polls ${h.polls} with history`);
  });
});
