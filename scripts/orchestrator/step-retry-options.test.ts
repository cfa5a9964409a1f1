import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { retry, type RetryState } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { stepRetryOptions } from "./step-retry-options.ts";
import type { RetryPolicy } from "./types.ts";

const policy = { max_attempts: 5, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 };

/** The delays (s) retry() waits under `policy` until its attempts run out. */
async function delaysOf(p: RetryPolicy, random: () => number): Promise<number[]> {
  const delays: number[] = [];
  await retry(() => Promise.reject(new Error("Boom")), {
    ...stepRetryOptions(p, random),
    clock: createFakeClock(),
    onRetry: (s: RetryState) => void delays.push(s.delay / 1000),
  }).catch(() => undefined);
  return delays;
}

describe("stepRetryOptions()", () => {
  it("stepRetryOptions() doubles from backoff_seconds as the seed's table says", async () => {
    assert.deepEqual(await delaysOf(policy, () => 0), [60, 120, 240, 480]);
  });

  it("stepRetryOptions() caps at max_backoff_seconds before adding up to 10% jitter", async () => {
    const long = { ...policy, max_attempts: 12 };
    assert.equal((await delaysOf(long, () => 0)).at(-1), 600);
    assert.equal((await delaysOf(long, () => 0.999)).at(-1), 600 + 59.94);
  });

  it("stepRetryOptions() takes the cap when backoff_seconds is above it", async () => {
    assert.deepEqual(await delaysOf({ ...policy, max_attempts: 3, backoff_seconds: 900 }, () => 0), [600, 600]);
  });
});
