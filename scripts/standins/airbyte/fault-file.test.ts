import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFaultFile } from "./fault-file.ts";

test("parseFaultFile() reads request, job and check faults, with /pattern/ strings as regular expressions", () => {
  const r = parseFaultFile([
    "latencyMs: 20",
    "requests:",
    "  - { path: connections/sync, kind: drop, times: 1, afterHandling: true }",
    "  - { path: '/^sources\\//', kind: error, status: 503 }",
    "jobs:",
    "  - { connectionName: '/meta/i', hang: true, ignoreCancel: true }",
    "checks:",
    "  - { sourceName: 'adops:acme-retail:meta_metrics', message: Token expired }",
  ].join("\n"));
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.latencyMs, 20);
  assert.deepEqual(r.value.requests?.[0], { path: "connections/sync", kind: "drop", times: 1, afterHandling: true });
  assert.ok(r.value.requests?.[1]?.path instanceof RegExp && r.value.requests[1].path.test("sources/create"));
  assert.ok(r.value.jobs?.[0]?.connectionName instanceof RegExp && r.value.jobs[0].connectionName.test("Acme - META"));
});

test("parseFaultFile() names the field of a rule it does not know", () => {
  const r = parseFaultFile('{"requests": [{"kind": "explode"}], "jobz": []}');
  assert.ok(!r.ok);
  assert.ok(r.issues.some((i) => i.startsWith("requests.0.kind:")), r.issues.join("\n"));
  assert.ok(r.issues.some((i) => i.includes("jobz")), r.issues.join("\n"));
});
