import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../core/mod.ts";
import { planDbtSteps } from "./plan-steps.ts";

function line(plan: ReturnType<typeof planDbtSteps>): string[] {
  return plan.steps.map((s) => [...s.command, ...s.args].join(" "));
}

describe("planDbtSteps()", () => {
  it("planDbtSteps() plans deps, build and source freshness by default (build loads the seeds)", () => {
    const plan = planDbtSteps({ hasPackages: true });
    assert.equal(plan.mode, "full");
    assert.deepEqual(line(plan), ["deps", "build", "source freshness"]);
    assert.deepEqual(plan.steps.map((s) => s.which), [undefined, "build", undefined]);
  });

  it("planDbtSteps() keeps a seed step by default when a selection would leave seeds out of build", () => {
    const plan = planDbtSteps({ hasPackages: false, select: ["tag:dashboard"] });
    assert.deepEqual(line(plan), ["seed", "build --select tag:dashboard", "source freshness"]);
  });

  it("planDbtSteps() runs an explicit seed step when --steps asks for it", () => {
    const plan = planDbtSteps({ hasPackages: false, steps: ["seed", "build", "freshness"] });
    assert.deepEqual(line(plan), ["seed", "build", "source freshness"]);
  });

  it("planDbtSteps() selects state:modified+ on build by default, which takes modified seeds along", () => {
    const plan = planDbtSteps({ hasPackages: false, state: { dir: "/s", manifestExists: true, warehouseExists: true } });
    assert.deepEqual(line(plan), ["build --select state:modified+ --defer --state /s", "source freshness"]);
  });

  it("skips deps with a note when the project has no packages.yml", () => {
    const plan = planDbtSteps({ hasPackages: false, steps: ["deps", "build"] });
    assert.deepEqual(line(plan), ["build"]);
    assert.match(plan.notes.join("\n"), /no packages\.yml/);
  });

  it("passes select, exclude and full refresh to node steps, and only source selectors to freshness", () => {
    const plan = planDbtSteps({ steps: ["seed", "build", "test", "freshness"], select: ["tag:dashboard", "source:meta+"], exclude: ["path:models/metrics"], fullRefresh: true });
    assert.deepEqual(line(plan), [
      "seed --full-refresh",
      "build --select tag:dashboard source:meta+ --exclude path:models/metrics --full-refresh",
      "test --select tag:dashboard source:meta+ --exclude path:models/metrics",
      "source freshness --select source:meta+",
    ]);
  });

  it("selects state:modified+ with --defer when the production manifest and its warehouse are there", () => {
    const plan = planDbtSteps({ steps: ["seed", "build"], state: { dir: "/s", manifestExists: true, warehouseExists: true } });
    assert.equal(plan.mode, "state");
    assert.deepEqual(line(plan), ["seed --select state:modified --state /s", "build --select state:modified+ --defer --state /s"]);
    assert.match(plan.notes[0] ?? "", /Selective run: state:modified\+ against the manifest in '\/s'/);
  });

  it("keeps a selection that already names a state selector as it is", () => {
    const plan = planDbtSteps({ steps: ["build"], select: ["+state:modified+"], state: { dir: "/s", manifestExists: true, warehouseExists: true } });
    assert.deepEqual(line(plan), ["build --select +state:modified+ --defer --state /s"]);
  });

  it("falls back to a full build, and says so, when there is no production manifest", () => {
    const plan = planDbtSteps({ steps: ["seed", "build"], state: { dir: "/s", manifestExists: false, warehouseExists: true } });
    assert.equal(plan.mode, "full");
    assert.deepEqual(line(plan), ["seed", "build"]);
    assert.equal(plan.notes.length, 2);
    assert.match(plan.notes[0] ?? "", /No production manifest in '\/s': running a full build/);
  });

  it("falls back to a full build when the warehouse the manifest describes is missing", () => {
    const plan = planDbtSteps({ steps: ["build"], select: ["tag:dashboard"], state: { dir: "/s", manifestExists: true, warehouseExists: false } });
    assert.equal(plan.mode, "full");
    assert.deepEqual(line(plan), ["build --select tag:dashboard"]);
    assert.match(plan.notes.join(" "), /deferral needs the production tables/);
  });

  it("plans seed 003's four steps for one source", () => {
    const plan = planDbtSteps({ perSource: "google_ads", steps: ["build"] });
    assert.equal(plan.mode, "per-source");
    assert.deepEqual(line(plan), [
      "build --select path:models/staging/google_ads",
      "run --select path:models/intermediate fct_campaign_performance+ --exclude path:models/metrics",
      "run --select path:models/metrics",
      "test --select path:models/marts",
    ]);
    assert.equal(new Set(plan.steps.map((s) => s.id)).size, 4);
  });

  it("rejects an unknown platform and a disabled one for --per-source", () => {
    assert.throws(() => planDbtSteps({ perSource: "snapchat" }), (e) => e instanceof UsageError && /Unknown platform 'snapchat'/.test(e.message));
    assert.throws(() => planDbtSteps({ perSource: "tiktok" }), (e) => e instanceof UsageError && /Platform 'tiktok' is disabled/.test(e.message));
    assert.equal(planDbtSteps({ perSource: "tiktok", enabledPlatforms: ["tiktok"] }).mode, "per-source");
  });
});
