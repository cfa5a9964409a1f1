import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateFirstRun, stepKind } from "./estimate-first-run.ts";
import { makeStep } from "./testing.ts";

const platform = (name: string, timeoutSeconds = 1800) => makeStep(name, { platformId: "google_ads", timeoutSeconds });

describe("estimateFirstRun()", () => {
  it("estimateFirstRun() grows a platform step with its rounds of connection syncs", () => {
    const estimate = estimateFirstRun({ connections: new Map([["few", 2], ["many", 8], ["huge", 40], ["none", 0]]) });
    assert.equal(estimate(platform("few")), 120 + 240);
    assert.equal(estimate(platform("many")), 120 + 2 * 240);
    assert.equal(estimate(platform("huge")), 900, "capped at half the 1800 s timeout");
    assert.equal(estimate(platform("none")), 120);
    assert.equal(estimate(platform("unknown")), 120 + 240, "3 connections when the count is unknown");
    assert.equal(estimateFirstRun({ connections: new Map([["many", 8]]), syncConcurrency: 10 })(platform("many")), 120 + 240);
  });

  it("estimateFirstRun() orders the shared steps marts > metrics > health", () => {
    const estimate = estimateFirstRun();
    const at = (name: string) => estimate(makeStep(name, { timeoutSeconds: 1800 }));
    assert.ok(at("marts") > at("metrics") && at("metrics") > at("health"));
    assert.equal(at("custom"), 300);
  });

  it("estimateFirstRun() caps at half the timeout and reads a set timeout as three times the duration", () => {
    const estimate = estimateFirstRun();
    assert.equal(estimate(makeStep("marts", { timeoutSeconds: 1800 })), 600, "the default timeout only caps");
    assert.equal(estimate(makeStep("marts", { timeoutSeconds: 600 })), Math.sqrt(300 * 200));
    assert.equal(estimate(makeStep("health", { timeoutSeconds: 7200 })), Math.sqrt(60 * 2400));
  });

  it("estimateFirstRun() takes the kind from kindOf when given", () => {
    const estimate = estimateFirstRun({ kindOf: () => "health" });
    assert.equal(estimate(makeStep("s1", { timeoutSeconds: 1800 })), 60);
  });

  it("stepKind() reads platform steps by platform id and shared steps by name", () => {
    assert.equal(stepKind(platform("google")), "platform");
    assert.equal(stepKind(makeStep("metrics")), "metrics");
    assert.equal(stepKind(makeStep("s3")), "other");
  });
});
