import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDbtLogLine } from "./log-events.ts";
import { dbtLogLine, dbtNodeLines } from "./testing.ts";

describe("parseDbtLogLine()", () => {
  it("reads a node's start and finish with position, status and timing", () => {
    const [start, finish] = dbtNodeLines("model.adops.stg_meta__campaigns", { status: "success", index: 3, total: 12, seconds: 0.42 });
    assert.deepEqual(parseDbtLogLine(start ?? ""), { kind: "node-start", uniqueId: "model.adops.stg_meta__campaigns", resourceType: "model", index: 3, total: 12, description: "sql model.adops.stg_meta__campaigns" });
    assert.deepEqual(parseDbtLogLine(finish ?? ""), {
      kind: "node-finish",
      uniqueId: "model.adops.stg_meta__campaigns",
      resourceType: "model",
      status: "success",
      index: 3,
      total: 12,
      executionTime: 0.42,
      failures: undefined,
      message: undefined,
    });
  });

  it("reads a failing test's failure count and a skipped node", () => {
    const [, fail] = dbtNodeLines("test.adops.unique_x.abc", { status: "fail", failures: 2, message: "Got 2 results" });
    const [, skip] = dbtNodeLines("model.adops.fct_campaign_performance", { status: "skipped" });
    const failed = parseDbtLogLine(fail ?? "");
    assert.equal(failed?.kind === "node-finish" && `${failed.status} ${failed.failures} ${failed.message}`, "fail 2 Got 2 results");
    const skipped = parseDbtLogLine(skip ?? "");
    assert.equal(skipped?.kind === "node-finish" && skipped.status, "skipped");
  });

  it("reads the version line's invocation id and dbt's own error", () => {
    assert.deepEqual(parseDbtLogLine(dbtLogLine("MainReportVersion", { version: "=1.11.16" }, { invocation_id: "abc" })), { kind: "version", invocationId: "abc", version: "1.11.16" });
    const error = parseDbtLogLine(dbtLogLine("MainEncounteredError", { exc: "Runtime Error\n  Could not find profile named 'adops'" }, { level: "error" }));
    assert.deepEqual(error, { kind: "error", message: "Runtime Error\n  Could not find profile named 'adops'" });
  });

  it("turns lines that are not JSON, or not valid JSON, into text and skips blank ones", () => {
    assert.deepEqual(parseDbtLogLine("Error: Invalid value for '--vars': '{a' is not valid YAML"), { kind: "text", text: "Error: Invalid value for '--vars': '{a' is not valid YAML" });
    assert.deepEqual(parseDbtLogLine('{"info": {"name": '), { kind: "text", text: '{"info": {"name":' });
    assert.equal(parseDbtLogLine("   "), undefined);
    assert.equal(parseDbtLogLine(""), undefined);
  });

  it("strips ANSI colour codes from text and from JSON messages", () => {
    assert.deepEqual(parseDbtLogLine("\u001b[31mTraceback\u001b[0m"), { kind: "text", text: "Traceback" });
    const log = parseDbtLogLine(dbtLogLine("Note", {}, { msg: "\u001b[33mWARN\u001b[0m a warning", level: "warn" }));
    assert.deepEqual(log, { kind: "log", name: "Note", level: "warn", message: "WARN a warning" });
  });

  it("keeps other JSON events as logs, a finish event without a node as a log, and a JSON array as text", () => {
    assert.equal(parseDbtLogLine(dbtLogLine("LogModelResult", { status: "success" }))?.kind, "log");
    assert.equal(parseDbtLogLine("[1, 2]")?.kind, "text");
  });
});
