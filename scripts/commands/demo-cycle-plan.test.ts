import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeConfig } from "../config/testing.ts";
import { whatIfInstant } from "./demo-cycle-plan.ts";

const H = 3_600_000;

describe("whatIfInstant()", () => {
  it("looks two hours on when the hourly window is judged then (12:30 Jamaica + 2 h)", () => {
    assert.equal(whatIfInstant(makeConfig(), Date.UTC(2026, 10, 23, 17, 30), 2 * H), Date.UTC(2026, 10, 23, 19, 30));
  });

  it("moves a night-time what-if to the morning the window is judged again (23:10 Jamaica + 2 h is 01:10, judged from 07:00)", () => {
    const at = whatIfInstant(makeConfig(), Date.UTC(2026, 11, 2, 4, 10), 2 * H);
    assert.equal(new Date(at).toISOString(), "2026-12-02T12:00:00.000Z");
  });
});
