import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { parseManifest, parseRunResults, parseSources, staleReason } from "./artifacts.ts";
import { parseDbtLogLine } from "./log-events.ts";

// Real dbt outputs copied from ../shared/contracts/dbt/samples (testdata/README.md)
// and the official schemas copied to artifact-schemas/, so this runs on any clone.
const here = resolve(import.meta.dirname ?? ".");
const read = (p: string) => readFile(join(here, p.startsWith("artifact-schemas/") ? "" : "testdata", p), "utf8");

describe("dbt artifact readers on the real samples", () => {
  it("parseRunResults() reads every run_results sample", async () => {
    for (const f of ["build_all_pass.rc0", "build_test_failure.rc1", "build_sql_runtime_error.rc1", "build_compile_error_during_execution.rc1", "build_fail_fast.rc1", "build_state_modified_nothing_selected.rc0", "docs_generate.rc0"]) {
      const r = parseRunResults(await read(`run_results/${f}.json`));
      assert.ok(r.ok, `${f}: ${r.ok ? "" : r.reason}`);
    }
    const failing = parseRunResults(await read("run_results/build_test_failure.rc1.json"));
    assert.ok(failing.ok);
    assert.deepEqual([...new Set(failing.value.results.map((x) => x.status))].sort(), ["fail", "pass", "skipped", "success", "warn"]);
  });

  it("staleReason() rejects the docs generate file for a build step", async () => {
    const r = parseRunResults(await read("run_results/docs_generate.rc0.json"));
    assert.ok(r.ok);
    assert.match(staleReason(r.value, { which: "build", startedAt: 0 }) ?? "", /generate|docs/);
  });

  it("parseSources() reads freshness results and the runtime-error sample that omits a source", async () => {
    const r = parseSources(await read("sources/freshness_with_runtime_error_omitted.rc1.json"));
    assert.ok(r.ok);
    assert.equal(r.value.results.length, 3);
  });

  it("parseManifest() reads the manifest parts", async () => {
    const r = parseManifest(await read("manifest.pruned.json"));
    assert.ok(r.ok);
    assert.ok(Object.keys(r.value.sources).length >= 3);
  });

  it("the readers name only fields the official JSON Schemas define, and the 1.12 status enum adds 'reused'", async () => {
    const rr = JSON.parse(await read("artifact-schemas/run-results-v6.json"));
    const rr12 = JSON.parse(await read("run-results-v6.dbt-core-1.12.json"));
    const result = rr.properties.results.items.properties;
    for (const field of ["unique_id", "status", "timing", "thread_id", "execution_time", "message", "failures", "relation_name", "compiled"]) assert.ok(field in result, field);
    for (const field of ["metadata", "elapsed_time", "args", "results"]) assert.ok(field in rr.properties, field);
    assert.ok(JSON.stringify(rr12).includes('"reused"'));
    const src = JSON.stringify(JSON.parse(await read("artifact-schemas/sources-v3.json")));
    for (const field of ["max_loaded_at", "snapshotted_at", "max_loaded_at_time_ago_in_s", "criteria", "warn_after", "error_after"]) assert.ok(src.includes(`"${field}"`), field);
  });

  it("parseDbtLogLine() turns the JSON log sample into node starts, finishes and the rc-2 error", async () => {
    const events = (await read("logs/build_test_failure.info.rc1.jsonl")).split("\n").map(parseDbtLogLine).filter((e) => e !== undefined);
    assert.equal(events.filter((e) => e.kind === "node-start").length, 6);
    assert.equal(events.filter((e) => e.kind === "node-finish").length, 8);
    const rc2 = (await read("logs/build_missing_profile.rc2.jsonl")).split("\n").map(parseDbtLogLine);
    assert.ok(rc2.some((e) => e?.kind === "error" && /Could not find profile/.test(e.message)));
    const text = parseDbtLogLine((await read("logs/build_bad_vars_yaml_with_log_format_json.rc2.stdout.txt")).split("\n")[0] ?? "");
    assert.equal(text?.kind, "text");
  });
});
