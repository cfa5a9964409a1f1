import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createReadyQueue } from "./ready-queue.ts";
import { makeStep } from "./testing.ts";

function drain(queue: ReturnType<typeof createReadyQueue>, phase = 0): string[] {
  const names: string[] = [];
  for (let step = queue.next(phase); step !== undefined; step = queue.next(phase)) names.push(step.name);
  return names;
}

describe("createReadyQueue()", () => {
  it("createReadyQueue() offers lower priority first, then the longest remaining path, then config order", () => {
    const steps = [
      makeStep("short", { index: 0 }),
      makeStep("long", { index: 1 }),
      makeStep("after-long", { index: 2, dependencies: ["long"] }),
      makeStep("urgent", { index: 3, priority: 1 }),
      makeStep("twin", { index: 4 }),
    ];
    assert.deepEqual(drain(createReadyQueue(steps)), ["urgent", "long", "short", "twin"]);
    assert.deepEqual(drain(createReadyQueue(steps, { estimate: (s) => (s.name === "short" ? 10 : 1) })), ["urgent", "short", "long", "twin"]);
    assert.deepEqual(drain(createReadyQueue(steps, { order: "priority" })), ["urgent", "short", "long", "twin"], "sequential mode ignores the path");
  });

  it("createReadyQueue() makes a step ready once every dependency completed", () => {
    const queue = createReadyQueue([makeStep("a"), makeStep("b"), makeStep("c", { dependencies: ["a", "b"] }), makeStep("d", { dependencies: ["gone"] })]);
    assert.deepEqual(drain(queue), ["a", "b"]);
    queue.completed("a");
    assert.deepEqual(drain(queue), []);
    queue.completed("b");
    assert.deepEqual(drain(queue), ["c"]);
    queue.completed("c");
    assert.deepEqual(drain(queue), [], "a dependency outside the steps never completes");
  });

  it("createReadyQueue() offers a step only in its own phase", () => {
    const queue = createReadyQueue([makeStep("a"), makeStep("b"), makeStep("c", { dependencies: ["a"] })], { phases: [["a"], ["b", "c"]] });
    assert.deepEqual(drain(queue, 1), ["b"]);
    assert.deepEqual(drain(queue, 0), ["a"]);
    queue.completed("a");
    assert.deepEqual(drain(queue, 0), []);
    assert.deepEqual(drain(queue, 1), ["c"]);
  });

  it("createReadyQueue() lists downstream steps breadth first, not past a refused one", () => {
    const queue = createReadyQueue([
      makeStep("a"),
      makeStep("b", { dependencies: ["a"] }),
      makeStep("c", { dependencies: ["a"] }),
      makeStep("d", { dependencies: ["b", "c"] }),
      makeStep("e", { dependencies: ["c"] }),
    ]);
    assert.deepEqual(queue.downstream("a", () => true), ["b", "c", "d", "e"]);
    assert.deepEqual(queue.downstream("a", (n) => n !== "c"), ["b", "d"]);
  });

  it("createReadyQueue() schedules 20,000 steps in well under a second", () => {
    const steps = Array.from({ length: 20_000 }, (_, i) => makeStep(`s${i}`, { index: i, dependencies: i < 100 ? [] : [`s${i - 100}`, `s${i - 37}`] }));
    const t = performance.now();
    const queue = createReadyQueue(steps);
    let started = 0;
    for (let step = queue.next(0); step !== undefined; step = queue.next(0)) {
      started++;
      queue.completed(step.name);
    }
    assert.equal(started, 20_000);
    assert.ok(performance.now() - t < 1000);
  });
});
