import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { slaAttainment } from "./sla-attainment.ts";

const H = 3_600_000;

describe("slaAttainment()", () => {
  it("slaAttainment() weighs each verdict by the time until the next health run", () => {
    const a = slaAttainment([{ at: 0, met: true }, { at: H / 2, met: false }, { at: H, met: true }], { from: 0, to: 2 * H });
    assert.equal(a.ratio, 0.75);
    assert.equal(a.coverage, 1);
  });

  it("slaAttainment() leaves gaps and unjudged runs out of both sides when health did not run", () => {
    const a = slaAttainment([{ at: 0, met: true }, { at: 5 * H, met: undefined }, { at: 7 * H, met: false }], { from: 0, to: 8 * H });
    assert.equal(a.judgedMs, 2 * H);
    assert.equal(a.ratio, 0.5);
    assert.equal(a.coverage, 0.25);
  });

  it("slaAttainment() is null when nothing in the window was judged", () => {
    assert.equal(slaAttainment([], { from: 0, to: H }).ratio, null);
    assert.equal(slaAttainment([{ at: -3 * H, met: true }], { from: 0, to: H }).ratio, null);
  });
});
