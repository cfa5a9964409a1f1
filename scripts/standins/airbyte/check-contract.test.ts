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
