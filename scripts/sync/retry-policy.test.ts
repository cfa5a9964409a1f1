import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makePlatformConfig } from "../config/testing.ts";
import { DEFAULT_RETRY_POLICY, decideRetry, retryPolicyFromConfig } from "./retry-policy.ts";

const systemError = { origin: "source", type: "system_error", message: "Boom", retryable: true };
const configError = { origin: "source", type: "config_error", message: "Bad token", retryable: false };

describe("decideRetry()", () => {
  it("decideRetry() backs off exponentially with base 2 and gives up after 5 attempts", () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const v = decideRetry(DEFAULT_RETRY_POLICY, { attempt, failure: systemError, configErrors: 0 }, () => 0.999999);
      assert.equal(v.retry, true);
      return v.retry ? Math.round(v.delayMs / 1000) : 0;
    });
    assert.deepEqual(delays, [30, 60, 120, 240]);
    const last = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 5, failure: systemError, configErrors: 0 });
    assert.deepEqual(last, { retry: false, reason: "Gave up after 5 attempts (max 5)" });
  });

  it("decideRetry() draws full jitter below the exponential delay", () => {
    const v = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 3, failure: systemError, configErrors: 0 }, () => 0.25);
    assert.ok(v.retry && v.delayMs === 30_000);
  });

  it("decideRetry() waits 300 s after a first config error and does not retry a second one blindly", () => {
    const first = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 1, failure: configError, configErrors: 1 }, () => 0);
    assert.ok(first.retry && first.delayMs === 300_000);
    const second = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 2, failure: configError, configErrors: 2 }, () => 0);
    assert.equal(second.retry, false);
    assert.match(second.reason, /not retried blindly/);
  });

  it("decideRetry() retries a repeated config error Airbyte marks retryable, capped at 900 s", () => {
    const failure = { ...configError, retryable: true };
    const v2 = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 2, failure, configErrors: 2 }, () => 0.99);
    const v3 = decideRetry(DEFAULT_RETRY_POLICY, { attempt: 3, failure, configErrors: 3 }, () => 0.99);
    assert.ok(v2.retry && v2.delayMs > 600_000 && v2.delayMs <= 660_000);
    assert.ok(v3.retry && v3.delayMs === 900_000);
  });
});

describe("retryPolicyFromConfig()", () => {
  it("retryPolicyFromConfig() reads platform.yml's retry section in milliseconds", () => {
    const p = retryPolicyFromConfig(makePlatformConfig().retry);
    assert.deepEqual(p, DEFAULT_RETRY_POLICY);
  });
});
