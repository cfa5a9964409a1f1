import assert from "node:assert/strict";
import { test } from "node:test";
import { makeConfig, makePlatformConfig, makeTenant } from "../config/testing.ts";
import { dbtOpsVars } from "./ops-vars.ts";

test("dbtOpsVars() passes sla.dbt_fresh_hours and every tenant's time zone", () => {
  const config = makeConfig({
    platform: makePlatformConfig({ sla: { airbyte_fresh_minutes: 60, dbt_fresh_hours: 12 } }),
    tenants: [makeTenant({ slug: "acme" }), makeTenant({ slug: "lisbon", timeZone: "Europe/Lisbon" })],
  });
  assert.deepEqual(dbtOpsVars(config), {
    dbt_fresh_hours: 12,
    ops_time_zone: "America/Jamaica",
    ops_time_zones: { acme: "America/Jamaica", lisbon: "Europe/Lisbon" },
  });
});
