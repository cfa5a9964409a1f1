import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFakeClock } from "./fake-clock.ts";
import { isRetryError, retry, RetryError, type RetryState } from "./retry.ts";

function failing(times: number, value = "ok"): { fn: (attempt: number) => Promise<string>; attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    fn(attempt) {
      attempts.push(attempt);
      return attempts.length <= times ? Promise.reject(new Error(`Boom ${attempts.length}`)) : Promise.resolve(value);
    },
  };
}

describe("retry()", () => {
  it("retry() resolves with the first success and numbers the attempts from 1", async () => {
    const f = failing(2);
    assert.equal(await retry(f.fn, { clock: createFakeClock() }), "ok");
    assert.deepEqual(f.attempts, [1, 2, 3]);
  });

  it("retry() fails after five errors by default with the last error as cause", async () => {
    const clock = createFakeClock({ start: 0 });
    const f = failing(99);
    const error = await retry(f.fn, { clock, jitter: 0 }).catch((e: unknown) => e);
    assert.ok(isRetryError(error));
    assert.equal(error.attempts, 5);
    assert.equal((error.cause as Error).message, "Boom 5");
    assert.equal(error.message, "Gave up after 5 attempts: Boom 5");
    assert.equal(clock.now(), 1000 + 2000 + 4000 + 8000, "waited on the fake clock only");
  });

  it("retry() multiplies the delay from minTimeout and caps it at maxTimeout", async () => {
    const delays: number[] = [];
    await retry(failing(4).fn, { clock: createFakeClock(), jitter: 0, minTimeout: 60_000, multiplier: 2, maxTimeout: 200_000, onRetry: (s) => void delays.push(s.delay) });
    assert.deepEqual(delays, [60_000, 120_000, 200_000, 200_000]);
  });

  it("retry() draws full jitter below the delay when jitter is 1, none when 0", async () => {
    const delays: number[] = [];
    const onRetry = (s: RetryState) => void delays.push(s.delay);
    await retry(failing(2).fn, { clock: createFakeClock(), minTimeout: 1000, random: () => 0.25, onRetry });
    await retry(failing(1).fn, { clock: createFakeClock(), minTimeout: 1000, jitter: 0.5, random: () => 0, onRetry });
    await retry(failing(1).fn, { clock: createFakeClock(), minTimeout: 1000, jitter: 0, random: () => 0, onRetry });
    assert.deepEqual(delays, [250, 500, 500, 1000]);
  });

  it("retry() hands a jitter function the capped delay and a draw when jitter is a function", async () => {
    const delays: number[] = [];
    const plusTenPercent = { jitter: (delay: number, draw: number) => delay + delay * 0.1 * draw, minTimeout: 60_000, maxTimeout: 600_000 };
    await retry(failing(3).fn, { ...plusTenPercent, clock: createFakeClock(), random: () => 0, onRetry: (s) => void delays.push(s.delay / 1000) });
    assert.deepEqual(delays, [60, 120, 240]);
    delays.length = 0;
    await retry(failing(1).fn, { ...plusTenPercent, minTimeout: 600_000, clock: createFakeClock(), random: () => 0.999, onRetry: (s) => void delays.push(s.delay / 1000) });
    assert.deepEqual(delays, [600 + 59.94]);
  });

  it("retry() throws a failure as it is when isRetriable rejects it", async () => {
    const f = failing(99);
    await assert.rejects(retry(f.fn, { clock: createFakeClock(), isRetriable: (e) => (e as Error).message !== "Boom 2" }), /^Error: Boom 2$/);
    assert.deepEqual(f.attempts, [1, 2]);
  });

  it("retry() waits the delay retryAfter reads from the error instead of the backoff", async () => {
    const clock = createFakeClock({ start: 0 });
    const delays: number[] = [];
    const retryAfter = (e: unknown) => ((e as Error).message === "Boom 1" ? 7_000 : undefined);
    await retry(failing(2).fn, { clock, jitter: 0, retryAfter, onRetry: (s) => void delays.push(s.delay) });
    assert.deepEqual(delays, [7_000, 2_000]);
    assert.equal(clock.now(), 9_000);
  });

  it("retry() throws the error as it is when retryAfter asks for more than maxRetryAfter", async () => {
    const f = failing(99);
    await assert.rejects(retry(f.fn, { clock: createFakeClock(), retryAfter: () => 600_000, maxRetryAfter: 60_000 }), /^Error: Boom 1$/);
    assert.deepEqual(f.attempts, [1]);
  });

  it("retry() awaits onRetry with the attempt, delay and error before waiting", async () => {
    const clock = createFakeClock({ start: 0 });
    const seen: string[] = [];
    await retry(failing(1).fn, {
      clock,
      jitter: 0,
      async onRetry(s) {
        await Promise.resolve();
        seen.push(`${s.attempt} ${s.delay} ${(s.error as Error).message} at ${clock.now()}`);
      },
    });
    assert.deepEqual(seen, ["1 1000 Boom 1 at 0"]);
  });

  it("retry() stops with the signal's reason when it aborts during a wait, and never starts when aborted", async () => {
    const clock = createFakeClock({ start: 0, autoAdvance: false });
    const controller = new AbortController();
    const f = failing(99);
    const pending = retry(f.fn, { clock, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort(new Error("Stop"));
    await assert.rejects(pending, /^Error: Stop$/);
    assert.deepEqual(f.attempts, [1]);
    assert.equal(clock.pending(), 0);
    const never = failing(0);
    await assert.rejects(retry(never.fn, { clock, signal: controller.signal }), /^Error: Stop$/);
    assert.deepEqual(never.attempts, []);
  });

  it("retry() rejects a bad option with a RangeError quoting it, before the first attempt", async () => {
    const f = failing(0);
    const clock = createFakeClock();
    await assert.rejects(retry(f.fn, { clock, maxAttempts: 0 }), { name: "RangeError", message: "Cannot retry: 'maxAttempts' must be a positive integer, got '0'" });
    await assert.rejects(retry(f.fn, { clock, multiplier: 0.5 }), /'multiplier' .* got '0.5'/);
    await assert.rejects(retry(f.fn, { clock, minTimeout: -1 }), /'minTimeout' .* got '-1'/);
    await assert.rejects(retry(f.fn, { clock, minTimeout: 10, maxTimeout: 5 }), /'minTimeout' must be <= maxTimeout \(5\), got '10'/);
    await assert.rejects(retry(f.fn, { clock, jitter: 2 }), /'jitter' .* got '2'/);
    await assert.rejects(retry(f.fn, { clock, maxRetryAfter: Number.NaN }), /'maxRetryAfter' .* got 'NaN'/);
    assert.deepEqual(f.attempts, []);
  });

  it("retry() wraps the last error in a RetryError even with a single attempt", async () => {
    const error = await retry(failing(1).fn, { clock: createFakeClock(), maxAttempts: 1 }).catch((e: unknown) => e);
    assert.ok(error instanceof RetryError && error.attempts === 1);
    assert.equal(error.message, "Gave up after 1 attempt: Boom 1");
  });
});
