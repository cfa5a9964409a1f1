import assert from "node:assert/strict";
import { test } from "node:test";
import * as v from "valibot";
import { OUTCOMES, outcomeFromCounts } from "../scripts/core/mod.ts";
import { RunStatusSchema } from "./report.ts";

test("OUTCOMES are exactly the status words a run report accepts", () => {
  assert.deepEqual([...OUTCOMES].sort(), [...RunStatusSchema.pipe[0].options].sort());
  for (const outcome of OUTCOMES) assert.ok(v.safeParse(RunStatusSchema, outcome).success, outcome);
});

test("outcomeFromCounts() is ok with nothing to do, failed when nothing succeeded, partial otherwise", () => {
  assert.deepEqual([outcomeFromCounts(0, 0), outcomeFromCounts(0, 1), outcomeFromCounts(1, 1)], ["ok", "failed", "partial"]);
});
