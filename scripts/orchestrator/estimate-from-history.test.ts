import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateFromHistory } from "./estimate-from-history.ts";
import { makeStep } from "./testing.ts";

describe("estimateFromHistory()", () => {
  it("estimateFromHistory() uses last run's durations of completed steps and their mean otherwise", () => {
    const estimate = estimateFromHistory(JSON.stringify({
      rows: [
        { platform_name: "google", status: "completed", duration_seconds: 600 },
        { platform_name: "facebook", status: "completed", duration_seconds: 200 },
        { platform_name: "marts", status: "failed", duration_seconds: 5 },
      ],
    }));
    assert.equal(estimate(makeStep("google")), 600);
    assert.equal(estimate(makeStep("marts")), 400);
  });

  it("estimateFromHistory() asks the fallback for steps the report does not time", () => {
    const estimate = estimateFromHistory(JSON.stringify({ rows: [{ platform_name: "google", status: "completed", duration_seconds: 600 }] }), { fallback: () => 42 });
    assert.equal(estimate(makeStep("google")), 600);
    assert.equal(estimate(makeStep("marts")), 42);
    assert.equal(estimateFromHistory(undefined, { fallback: (s) => s.priority })(makeStep("a", { priority: 7 })), 7);
  });

  it("estimateFromHistory() falls back to 1 without a readable report", () => {
    assert.equal(estimateFromHistory(undefined)(makeStep("a")), 1);
    assert.equal(estimateFromHistory("{not json")(makeStep("a")), 1);
    assert.equal(estimateFromHistory(JSON.stringify({ rows: "x" }))(makeStep("a")), 1);
  });
});
