import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffDelay } from "./backoff-delay.ts";

const policy = { max_attempts: 5, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 };

describe("backoffDelay()", () => {
  it("doubles from backoff_seconds as the seed's table says", () => {
    assert.deepEqual([0, 1, 2].map((n) => backoffDelay(policy, n, { random: () => 0 })), [60, 120, 240]);
  });

  it("caps at max_backoff_seconds before adding jitter", () => {
    assert.equal(backoffDelay(policy, 10, { random: () => 0 }), 600);
    assert.equal(backoffDelay(policy, 10, { random: () => 0.999 }), 600 + 59.94);
    assert.equal(backoffDelay(policy, 0, { random: () => 1, jitterRatio: 0.5 }), 90);
  });

  it("rejects a negative or fractional retry number", () => {
    assert.throws(() => backoffDelay(policy, -1), /retry '-1'/);
    assert.throws(() => backoffDelay(policy, 0.5), RangeError);
  });
});
