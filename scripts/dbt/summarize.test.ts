import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DbtStep } from "./plan-steps.ts";
import type { DbtStepOutcome } from "./run-step.ts";
import { countNodes, dbtRunOutcome } from "./summarize.ts";

const step: DbtStep = { id: "build", name: "build", command: ["build"], args: [], which: "build" };

function outcome(dbtExitCode: number, statuses: string[]): DbtStepOutcome {
  return {
    step,
    dbtExitCode,
    status: dbtExitCode === 0 ? "ok" : dbtExitCode === 1 ? "failed" : "not_run",
    nodes: statuses.map((status, i) => ({ step: "build", unique_id: `model.p.m${i}`, resource_type: "model", name: `m${i}`, status, execution_time: 0, failures: null, message: null })),
    error: dbtExitCode === 2 ? "dbt did not run" : undefined,
    artifactProblem: undefined,
    targetPath: "/t",
    durationMs: 0,
  };
}

describe("countNodes()", () => {
  it("sorts every status into pass, warn, error, skip or no-op", () => {
    const c = countNodes([outcome(1, ["success", "pass", "warn", "error", "fail", "runtime error", "partial success", "skipped", "no-op", "reused", "something new"])]);
    assert.deepEqual(c, { pass: 2, warn: 1, error: 4, skip: 1, noop: 3, total: 11 });
  });
});

describe("dbtRunOutcome()", () => {
  it("maps dbt 0 on every step to 0, also with nothing selected", () => {
    assert.equal(dbtRunOutcome([outcome(0, ["success"]), outcome(0, [])]), "ok");
    assert.equal(dbtRunOutcome([]), "ok");
  });

  it("maps dbt 1 to 2 when any node of the run succeeded, counting earlier steps", () => {
    assert.equal(dbtRunOutcome([outcome(1, ["success", "error", "skipped"])]), "partial");
    assert.equal(dbtRunOutcome([outcome(0, ["success"]), outcome(1, ["error"])]), "partial");
    assert.equal(dbtRunOutcome([outcome(1, ["warn", "fail"])]), "partial");
  });

  it("maps dbt 1 to 3 when no node succeeded", () => {
    assert.equal(dbtRunOutcome([outcome(1, ["error", "skipped", "skipped"])]), "failed");
    assert.equal(dbtRunOutcome([outcome(1, [])]), "failed");
  });

  it("maps dbt 2 on any step to 1, whatever ran before", () => {
    assert.equal(dbtRunOutcome([outcome(2, [])]), "config_error");
    assert.equal(dbtRunOutcome([outcome(0, ["success"]), outcome(2, [])]), "config_error");
  });
});
