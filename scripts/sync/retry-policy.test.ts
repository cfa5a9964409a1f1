import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makePlatformConfig } from "../config/testing.ts";
import { isRetryError, retry } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { DEFAULT_RETRY_POLICY, describeRetry, giveUpReason, retryPolicyFromConfig, SyncAttemptError, syncRetryOptions } from "./retry-policy.ts";
import type { JobFailure } from "./sync-api.ts";

const systemError: JobFailure = { origin: "source", type: "system_error", message: "Boom", retryable: true };
const configError: JobFailure = { origin: "source", type: "config_error", message: "Bad token", retryable: false };

/** Runs retry() over attempts failing with `failures` in turn; returns the delays (ms) and how it ended. */
async function run(failures: JobFailure[], random: () => number) {
  const delays: number[] = [];
  const lines: string[] = [];
  let configErrors = 0;
  const error = await retry((attempt) => {
    const failure = failures[Math.min(attempt, failures.length) - 1] as JobFailure;
    if (failure.type === "config_error") configErrors += 1;
    return Promise.reject(new SyncAttemptError(failure, { attempt, configErrors }));
  }, {
    ...syncRetryOptions(DEFAULT_RETRY_POLICY, random),
    clock: createFakeClock(),
    onRetry(state) {
      delays.push(state.delay);
      lines.push(describeRetry(state));
    },
  }).catch((e: unknown) => e);
  const last = isRetryError(error) ? error.cause : error;
  assert.ok(last instanceof SyncAttemptError);
  return { delays, lines, reason: giveUpReason(DEFAULT_RETRY_POLICY, last), wrapped: isRetryError(error) };
}

describe("syncRetryOptions()", () => {
  it("syncRetryOptions() backs off exponentially with base 2 and gives up after 5 attempts", async () => {
    const r = await run([systemError], () => 0.999999);
    assert.deepEqual(r.delays.map((d) => Math.round(d / 1000)), [30, 60, 120, 240]);
    assert.equal(r.lines[0], "Attempt 1 failed; retrying in 30 s");
    assert.equal(r.reason, "Gave up after 5 attempts (max 5)");
    assert.ok(r.wrapped);
  });

  it("syncRetryOptions() draws full jitter below the exponential delay", async () => {
    const r = await run([systemError], () => 0.25);
    assert.equal(r.delays[2], 30_000);
  });

  it("syncRetryOptions() waits 300 s after a first config error and does not retry a second one blindly", async () => {
    const r = await run([configError], () => 0);
    assert.deepEqual(r.delays, [300_000]);
    assert.equal(r.lines[0], "Configuration error (1): retrying in 300 s");
    assert.match(r.reason ?? "", /not retried blindly/);
    assert.equal(r.wrapped, false, "thrown as it is, not as out of attempts");
  });

  it("syncRetryOptions() retries a repeated config error Airbyte marks retryable, capped at 900 s", async () => {
    const r = await run([{ ...configError, retryable: true }], () => 0.99);
    const [, second, third] = r.delays;
    assert.ok(second !== undefined && second > 600_000 && second <= 660_000);
    assert.equal(third, 900_000);
  });
});

describe("retryPolicyFromConfig()", () => {
  it("retryPolicyFromConfig() reads platform.yml's retry section in milliseconds", () => {
    const p = retryPolicyFromConfig(makePlatformConfig().retry);
    assert.deepEqual(p, DEFAULT_RETRY_POLICY);
  });
});
