import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createContractChecker } from "./contract/check-contract.ts";
import { validateQuartzCron } from "./validate-quartz-cron.ts";

describe("createContractChecker()", () => {
  const checker = createContractChecker();

  it("createContractChecker() flags a missing required field and an undeclared property in requests", () => {
    assert.match(checker.checkRequest("connections/get", {})[0]?.message ?? "", /Missing required property 'connectionId'/);
    assert.match(checker.checkRequest("workspaces/get", { workspaceId: "00000000-0000-4000-8000-000000000001", extra: 1 })[0]?.message ?? "", /Unknown property 'extra'/);
  });

  it("createContractChecker() accepts real catalogs despite the spec's json_schema/jsonSchema defect", () => {
    const stream = { stream: { name: "users", jsonSchema: { type: "object" } }, config: { syncMode: "full_refresh", destinationSyncMode: "overwrite", selected: true } };
    assert.deepEqual(checker.checkRequest("connections/update", { connectionId: "00000000-0000-4000-8000-000000000001", syncCatalog: { streams: [stream] } }), []);
    const bad = { ...stream, config: { ...stream.config, bogus: true } };
    assert.equal(checker.checkRequest("connections/update", { connectionId: "00000000-0000-4000-8000-000000000001", syncCatalog: { streams: [bad] } }).length, 1);
  });

  it("createContractChecker() checks the error bodies the real server sends (404/409/500 KnownExceptionInfo, 400 problems)", () => {
    assert.deepEqual(checker.checkResponse("connections/sync", 409, { message: "A sync is already running for: x" }), []);
    assert.deepEqual(checker.checkResponse("connections/create", 400, { status: 400, type: "error:cron-validation/invalid-expression" }), []);
    assert.equal(checker.checkResponse("connections/get", 404, { nope: true }).length, 1);
    assert.equal(checker.checkResponse("connections/get", 418, {}).length, 1);
  });

  it("createContractChecker() honours OpenAPI nullable and names the pointer and operation when a value is null", () => {
    const connectionId = "00000000-0000-4000-8000-000000000001";
    assert.deepEqual(checker.checkRequest("connections/update", { connectionId, tags: null }), []);
    assert.deepEqual(checker.checkRequest("connections/get", { connectionId: null }), [
      { direction: "request", path: "connections/get", pointer: "/connectionId", message: "Expected string, got null" },
    ]);
  });

  it("createContractChecker() checks formats and enums when the values are strings", () => {
    assert.deepEqual(checker.checkRequest("connections/get", { connectionId: "nope" }).map((i) => i.message), ["'nope' is not a uuid"]);
    const issues = checker.checkRequest("jobs/list", { configTypes: ["bogus"], configId: "c1" });
    assert.equal(issues[0]?.pointer, "/configTypes/0");
    assert.match(issues[0]?.message ?? "", /^'bogus' is not one of check_connection_source\|/);
  });

  it("createContractChecker() reports a failed oneOf once instead of every alternative's errors", () => {
    const job = { id: 1, configType: "sync", configId: "c1", createdAt: 1, updatedAt: 1, status: "running" };
    const attempt = { id: 1, status: "running", createdAt: 1, updatedAt: 1 };
    const issues = checker.checkResponse("jobs/get", 200, { job, attempts: [{ attempt, logs: { nope: 1 } }] });
    assert.deepEqual(issues, [{ direction: "response", path: "jobs/get", status: 200, pointer: "/attempts/0/logs", message: "Must match exactly one schema in oneOf" }]);
    assert.deepEqual(checker.checkResponse("jobs/get", 200, { job, attempts: [{ attempt, logs: { logLines: ["ok"] } }] }), []);
  });

  it("createContractChecker() shares compiled validators between checkers", () => {
    const body = { workspaceId: "00000000-0000-4000-8000-000000000001", extra: 1 };
    checker.checkRequest("workspaces/get", body);
    const started = performance.now();
    for (let i = 0; i < 50; i++) createContractChecker().checkRequest("workspaces/get", body);
    assert.ok(performance.now() - started < 500, "50 checkers reuse the compiled validator");
  });
});

describe("validateQuartzCron()", () => {
  it("validateQuartzCron() rejects Unix cron, both day fields set, sub-minute seconds and Etc zones", () => {
    assert.equal(validateQuartzCron({ cronExpression: "0 6-22 * * *", cronTimeZone: "UTC" })?.type, "error:cron-validation/invalid-expression");
    assert.equal(validateQuartzCron({ cronExpression: "0 0 6-22 * * *", cronTimeZone: "UTC" })?.type, "error:cron-validation/invalid-expression");
    assert.equal(validateQuartzCron({ cronExpression: "*/5 0 6 * * ?", cronTimeZone: "UTC" })?.type, "error:cron-validation/invalid-expression");
    assert.equal(validateQuartzCron({ cronExpression: "0 0 6 * * ?", cronTimeZone: "Etc/UTC" })?.type, "error:cron-validation/invalid-timezone");
    assert.equal(validateQuartzCron(undefined)?.type, "error:cron-validation/missing-cron-data");
    assert.equal(validateQuartzCron({ cronExpression: "0 15 7 ? * MON-FRI", cronTimeZone: "America/Jamaica" }), undefined);
  });
});
