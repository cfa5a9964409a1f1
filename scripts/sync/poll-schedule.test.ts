import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_POLL_POLICY, nextPollDelay, type PollState } from "./poll-schedule.ts";

function simulate(durationMs: number, expectedMs: number | undefined, remainingMs = 3_600_000): { polls: number; delayMs: number } {
  let t = 0;
  let polls = 0;
  while (t < durationMs) {
    const state: PollState = { ageMs: t, polls, expectedMs, remainingMs: remainingMs - t };
    t += nextPollDelay(state);
    polls += 1;
  }
  return { polls, delayMs: t - durationMs };
}

describe("nextPollDelay()", () => {
  it("nextPollDelay() starts short and grows to the maximum for long jobs", () => {
    assert.equal(nextPollDelay({ ageMs: 0, polls: 0, expectedMs: undefined, remainingMs: 3_600_000 }), 5_000);
    assert.equal(nextPollDelay({ ageMs: 40_000, polls: 10, expectedMs: undefined, remainingMs: 3_600_000 }), 10_000);
    assert.equal(nextPollDelay({ ageMs: 1_800_000, polls: 40, expectedMs: undefined, remainingMs: 1_800_000 }), 60_000);
  });

  it("nextPollDelay() sees a job of seconds end within seconds and a job of 30 minutes with under 50 calls", () => {
    const short = simulate(7_000, undefined);
    assert.ok(short.delayMs <= 3_000, `delay ${short.delayMs}`);
    const long = simulate(1_800_000, undefined);
    assert.ok(long.polls < 50, `polls ${long.polls}`);
  });

  it("nextPollDelay() polls briskly around the expected end when the usual duration is known", () => {
    const exact = simulate(600_000, 600_000);
    assert.ok(exact.delayMs <= DEFAULT_POLL_POLICY.landingMs, `delay ${exact.delayMs}`);
    const early = simulate(500_000, 600_000);
    assert.ok(early.delayMs <= 18_000, `delay ${early.delayMs}`);
    const late = simulate(700_000, 600_000);
    assert.ok(late.delayMs <= 45_000, `delay ${late.delayMs}`);
    const blind = simulate(600_000, undefined);
    assert.ok(early.delayMs < blind.delayMs && exact.polls <= blind.polls + 6, `${exact.polls} polls with history, ${blind.polls} without`);
  });

  it("nextPollDelay() never waits past the deadline and spreads the last calls of the budget over the time left", () => {
    assert.equal(nextPollDelay({ ageMs: 100_000, polls: 3, expectedMs: undefined, remainingMs: 500 }), 500);
    const policy = { ...DEFAULT_POLL_POLICY, maxPollsPerJob: 10 };
    assert.equal(nextPollDelay({ ageMs: 0, polls: 9, expectedMs: undefined, remainingMs: 100_000 }, policy), 100_000);
    assert.equal(nextPollDelay({ ageMs: 600_000, polls: 8, expectedMs: undefined, remainingMs: 300_000 }, policy), 300_000);
    const r = simulate(6 * 3_600_000, undefined, 6 * 3_600_000 + 1);
    assert.ok(r.polls <= DEFAULT_POLL_POLICY.maxPollsPerJob, `polls ${r.polls}`);
  });
});
