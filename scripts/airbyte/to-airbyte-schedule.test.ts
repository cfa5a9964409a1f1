import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateQuartzCron } from "../standins/airbyte/mod.ts";
import { toAirbyteSchedule, unixCronToQuartz } from "./to-airbyte-schedule.ts";

describe("unixCronToQuartz()", () => {
  it("unixCronToQuartz() turns the metrics cron into the form Airbyte accepts", () => {
    assert.equal(unixCronToQuartz("0 6-22 * * *"), "0 0 6-22 * * ?");
    assert.equal(unixCronToQuartz("15 2 * * *"), "0 15 2 * * ?");
    assert.equal(unixCronToQuartz("*/30 * 1 * *"), "0 */30 * 1 * ?");
  });

  it("unixCronToQuartz() maps Unix day-of-week numbers (0 and 7 are Sunday) to names", () => {
    assert.equal(unixCronToQuartz("0 9 * * 1-5"), "0 0 9 ? * MON,TUE,WED,THU,FRI");
    assert.equal(unixCronToQuartz("0 9 * * 5-7"), "0 0 9 ? * SUN,FRI,SAT");
    assert.equal(unixCronToQuartz("0 9 * * 0"), "0 0 9 ? * SUN");
  });

  it("unixCronToQuartz() refuses a cron restricting both day fields", () => {
    assert.throws(() => unixCronToQuartz("0 9 1 * 1"), /both day-of-month and day-of-week/);
  });

  it("every converted cron passes the stand-in's Quartz validation", () => {
    for (const cron of ["0 6-22 * * *", "15 2 * * *", "0 9 * * 1-5", "*/15 6-22 * * *", "0 0 1 jan *", "0 12 * * sun"]) {
      assert.equal(validateQuartzCron({ cronExpression: unixCronToQuartz(cron), cronTimeZone: "America/Jamaica" }), undefined, cron);
    }
  });
});

describe("toAirbyteSchedule()", () => {
  it("toAirbyteSchedule() writes cron with the tenant time zone and intervals as basic", () => {
    assert.deepEqual(toAirbyteSchedule({ kind: "cron", cron: "0 6-22 * * *", timeZone: "America/Jamaica" }), {
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 0 6-22 * * ?", cronTimeZone: "America/Jamaica" } },
    });
    assert.deepEqual(toAirbyteSchedule({ kind: "interval", units: 24, timeUnit: "hours" }), {
      scheduleType: "basic",
      scheduleData: { basicSchedule: { timeUnit: "hours", units: 24 } },
    });
  });

  it("toAirbyteSchedule() maps Etc/UTC to UTC, which Airbyte accepts", () => {
    const s = toAirbyteSchedule({ kind: "cron", cron: "0 6 * * *", timeZone: "Etc/UTC" });
    assert.equal(s.scheduleType === "cron" && s.scheduleData.cron.cronTimeZone, "UTC");
    assert.throws(() => toAirbyteSchedule({ kind: "cron", cron: "0 6 * * *", timeZone: "Etc/GMT+5" }), /Etc\/ zone/);
  });
});
