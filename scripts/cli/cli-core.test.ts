import assert from "node:assert/strict";
import { test } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import { parseOptions } from "./args.ts";
import { createRedactor, outcomeFromCounts, OUTCOMES, toWorkflowCommand, UsageError } from "../core/mod.ts";
import { exitCodeFor, outcomeForExitCode } from "./exit-codes.ts";
import { runCliForTest } from "./testing.ts";

test("parseOptions() rejects unknown flags and values outside choices with a UsageError", () => {
  const specs = { format: { type: "string", description: "f", choices: ["json", "csv"] } } as const;
  assert.throws(() => parseOptions(["--nope"], specs), UsageError);
  assert.throws(() => parseOptions(["--format", "xml"], specs), /Invalid value 'xml' for --format/);
  assert.equal(parseOptions(["--format", "csv"], specs).values.format, "csv");
});

test("createRedactor() masks secret env values, longest first, and added tokens", () => {
  const r = createRedactor({ AIRBYTE_API_TOKEN: "tok-123456", SLACK_WEBHOOK_URL: "https://hooks.example/T1/B2/xyz", HOME: "/root" });
  r.add("fetched-jwt-abcdef");
  assert.equal(r.redact("a tok-123456 b https://hooks.example/T1/B2/xyz c fetched-jwt-abcdef /root"), "a *** b *** c *** /root");
});

test("toWorkflowCommand() escapes newlines, colons and commas as GitHub requires", () => {
  assert.equal(
    toWorkflowCommand({ level: "warning", title: "a: b, c", message: "line1\nline2 100%" }),
    "::warning title=a%3A b%2C c::line1%0Aline2 100%25",
  );
});

test("outcomeFromCounts() and exitCodeFor() map counts to ok/partial/failed and to 0, 2 and 3", () => {
  assert.deepEqual([outcomeFromCounts(3, 0), outcomeFromCounts(2, 1), outcomeFromCounts(0, 4)], ["ok", "partial", "failed"]);
  assert.deepEqual([exitCodeFor("ok"), exitCodeFor("partial"), exitCodeFor("failed")], [0, 2, 3]);
});

test("exitCodeFor() is the one map from an error kind to the seed's exit codes, and outcomeForExitCode() its inverse", () => {
  const kinds = ["config_error", "partial", "failed", "interrupted", "internal_error"] as const;
  assert.deepEqual(kinds.map((k) => exitCodeFor(k)), [1, 2, 3, 130, 4]);
  assert.deepEqual(OUTCOMES.map((o) => outcomeForExitCode(exitCodeFor(o))), [...OUTCOMES]);
  assert.equal(outcomeForExitCode(99), "internal_error");
});

test("createFakeClock() with autoAdvance wakes sleepers in time order without real waiting", async () => {
  const clock = createFakeClock({ start: 0 });
  const order: string[] = [];
  await Promise.all([
    clock.sleep(3_600_000).then(() => order.push(`b@${clock.now()}`)),
    clock.sleep(60_000).then(() => order.push(`a@${clock.now()}`)),
  ]);
  assert.deepEqual(order, ["a@60000", "b@3600000"]);
});

test("createFakeClock() rejects a sleep when its signal aborts", async () => {
  const clock = createFakeClock({ start: 0, autoAdvance: false });
  const controller = new AbortController();
  const sleeping = clock.sleep(1000, controller.signal);
  controller.abort(new Error("stop"));
  await assert.rejects(sleeping, /stop/);
  assert.equal(clock.pending(), 0);
});

test("adops with an unknown command exits 1 and lists how to get help", async () => {
  const run = await runCliForTest(["provison"], { cwd: "." });
  assert.equal(run.exitCode, 1);
  assert.match(run.stderr, /Unknown command 'provison'/);
});

test("adops <command> --help lists the common options and exit codes", async () => {
  const run = await runCliForTest(["validate", "--help"], { cwd: "." });
  assert.equal(run.exitCode, 0);
  for (const text of ["--config <dir>", "--json", "--explain <tenant>", "Exit codes: 0 ok, 1 configuration error"]) assert.ok(run.stdout.includes(text), text);
});
