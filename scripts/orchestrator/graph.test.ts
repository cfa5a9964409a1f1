import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { descendantsOf, findCycle, longestRemainingPath, planWaves, withAncestors } from "./graph.ts";

const diamond = [
  { name: "a", dependencies: [] },
  { name: "b", dependencies: ["a"] },
  { name: "c", dependencies: ["a"] },
  { name: "d", dependencies: ["b", "c"] },
];

describe("graph", () => {
  it("findCycle() returns the path that closes a cycle, or undefined", () => {
    assert.equal(findCycle(diamond), undefined);
    assert.deepEqual(findCycle([{ name: "x", dependencies: ["y"] }, { name: "y", dependencies: ["z"] }, { name: "z", dependencies: ["x"] }]), ["x", "y", "z", "x"]);
    assert.deepEqual(findCycle([{ name: "self", dependencies: ["self"] }]), ["self", "self"]);
  });

  it("planWaves() puts each step one wave after its deepest dependency", () => {
    assert.deepEqual(planWaves(diamond), [["a"], ["b", "c"], ["d"]]);
    assert.throws(() => planWaves([{ name: "x", dependencies: ["x"] }]), RangeError);
  });

  it("longestRemainingPath() weighs the path to the end by the estimates", () => {
    const lp = longestRemainingPath(diamond, (n) => (n === "c" ? 5 : 1));
    assert.deepEqual(Object.fromEntries(lp), { a: 7, b: 2, c: 6, d: 1 });
  });

  it("longestRemainingPath() walks a 20,000-step chain without recursion", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ name: `s${i}`, dependencies: i === 0 ? [] : [`s${i - 1}`] }));
    const lp = longestRemainingPath(chain, () => 1);
    assert.equal(lp.get("s0"), 20_000);
    assert.equal(lp.get("s19999"), 1);
  });

  it("descendantsOf() and withAncestors() follow dependencies transitively", () => {
    assert.deepEqual([...descendantsOf(diamond, "b")], ["d"]);
    assert.deepEqual([...descendantsOf(diamond, "a")].sort(), ["b", "c", "d"]);
    assert.deepEqual([...withAncestors(diamond, ["d"])].sort(), ["a", "b", "c", "d"]);
  });
});
