import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFakeClock } from "./fake-clock.ts";
import { createLimiter, mapPool, mapPoolSettled } from "./pool.ts";

/** Work that takes `ms` on the fake clock and records how many ran at once. */
function tracked() {
  const clock = createFakeClock({ start: 0 });
  let running = 0;
  let peak = 0;
  const starts: string[] = [];
  async function work<T>(name: string, ms: number, value: T): Promise<T> {
    starts.push(`${name}@${clock.now()}`);
    running += 1;
    peak = Math.max(peak, running);
    try {
      await clock.sleep(ms);
      return value;
    } finally {
      running -= 1;
    }
  }
  return { clock, work, starts, peak: () => peak };
}

describe("createLimiter()", () => {
  it("createLimiter() runs at most limit tasks at once, first come first served", async () => {
    const t = tracked();
    const limit = createLimiter(2);
    const results = await Promise.all(["a", "b", "c", "d"].map((x, i) => limit(() => t.work(x, (i + 1) * 1000, x))));
    assert.deepEqual(results, ["a", "b", "c", "d"]);
    assert.equal(t.peak(), 2);
    assert.deepEqual(t.starts, ["a@0", "b@0", "c@1000", "d@2000"]);
  });

  it("createLimiter() is a lock when the limit is 1, and passes on a failure's slot", async () => {
    const t = tracked();
    const lock = createLimiter(1);
    const first = lock(() => t.work("a", 1000, 1).then(() => Promise.reject(new Error("Boom"))));
    const second = lock(() => t.work("b", 1000, 2));
    await assert.rejects(first, /Boom/);
    assert.equal(await second, 2);
    assert.deepEqual(t.starts, ["a@0", "b@1000"]);
  });

  it("createLimiter() drops a waiter whose signal aborts, and the next one still waits its turn", async () => {
    const t = tracked();
    const lock = createLimiter(1);
    const controller = new AbortController();
    const a = lock(() => t.work("a", 5000, "a"));
    const b = lock(() => t.work("b", 1000, "b"), { signal: controller.signal });
    const c = lock(() => t.work("c", 1000, "c"));
    void t.clock.sleep(1000).then(() => controller.abort(new Error("Gave up waiting")));
    await assert.rejects(b, /Gave up waiting/);
    assert.deepEqual(await Promise.all([a, c]), ["a", "c"]);
    assert.deepEqual(t.starts, ["a@0", "c@5000"]);
    await assert.rejects(lock(() => "never", { signal: controller.signal }), /Gave up waiting/);
  });

  it("createLimiter() rejects a limit that is not a positive integer", () => {
    assert.throws(() => createLimiter(0), { name: "RangeError", message: "Cannot pool: 'limit' must be a positive integer, got '0'" });
    assert.throws(() => createLimiter(1.5), /got '1.5'/);
    assert.doesNotThrow(() => createLimiter(Infinity));
  });
});

describe("mapPool()", () => {
  it("mapPool() keeps the input order with at most limit calls in flight", async () => {
    const t = tracked();
    const out = await mapPool([3, 1, 2, 1], (ms, i) => t.work(String(i), ms * 1000, ms * 10), { limit: 2 });
    assert.deepEqual(out, [30, 10, 20, 10]);
    assert.equal(t.peak(), 2);
    assert.deepEqual(t.starts, ["0@0", "1@0", "2@1000", "3@3000"]);
  });

  it("mapPool() starts nothing after a failure, lets running calls finish, then throws the first error", async () => {
    const t = tracked();
    const finished: number[] = [];
    const error = await mapPool([0, 1, 2, 3], async (i) => {
      await t.work(String(i), i === 0 ? 1000 : 3000, i);
      if (i === 0) throw new Error("First");
      finished.push(i);
      return i;
    }, { limit: 2 }).catch((e: unknown) => e);
    assert.equal((error as Error).message, "First");
    assert.deepEqual(finished, [1], "the running call finished");
    assert.deepEqual(t.starts, ["0@0", "1@0"], "no call started after the failure");
  });
});

describe("mapPoolSettled()", () => {
  it("mapPoolSettled() settles every item in order without stopping at a failure", async () => {
    const t = tracked();
    const out = await mapPoolSettled(["a", "b", "c"], async (x) => {
      await t.work(x, 1000, x);
      if (x === "a") throw new Error("No a");
      return x.toUpperCase();
    }, { limit: 1 });
    assert.deepEqual(out.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason))), ["Error: No a", "B", "C"]);
    assert.deepEqual(t.starts, ["a@0", "b@1000", "c@2000"]);
  });
});
