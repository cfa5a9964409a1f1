import assert from "node:assert/strict";
import { test } from "node:test";
import { createAjv } from "./create-ajv.ts";

test("createAjv() accepts OpenAPI nullable and vendor keywords when compiling", () => {
  const validate = createAjv().compile({ type: "object", "x-sdk-component": true, properties: { key: { type: "string", nullable: true, airbyte_secret: true } } });
  assert.equal(validate({ key: null }), true);
  assert.equal(validate({ key: 1 }), false);
});

test("createAjv() checks the standard formats when a string has one", () => {
  const ajv = createAjv();
  assert.equal(ajv.validate({ type: "string", format: "uuid" }, "00000000-0000-4000-8000-000000000001"), true);
  assert.equal(ajv.validate({ type: "string", format: "date-time" }, "2026-01-01"), false);
  assert.equal(ajv.validate({ type: "string", format: "email" }, "ops@example.com"), true);
});

test("createAjv() reports every error unless told otherwise", () => {
  const schema = { type: "object", required: ["a", "b"] };
  const all = createAjv();
  all.validate(schema, {});
  assert.equal(all.errors?.length, 2);
  const first = createAjv({ allErrors: false });
  first.validate(schema, {});
  assert.equal(first.errors?.length, 1);
});
