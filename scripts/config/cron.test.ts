import assert from "node:assert/strict";
import { test } from "node:test";
import { nextFireTime, parseCron, previousFireTime, tryParseCron, zonedParts } from "./cron.ts";

test("parseCron() expands the seed's hourly SLA window to 17 hours", () => {
  const cron = parseCron("0 6-22 * * *");
  assert.deepEqual([...cron.hours], [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
  assert.deepEqual([...cron.minutes], [0]);
});

test("parseCron() accepts lists, steps, names and folds day-of-week 7 into Sunday", () => {
  const cron = parseCron("*/15 9-17/2 1,15 jan-mar mon,7");
  assert.deepEqual([...cron.minutes], [0, 15, 30, 45]);
  assert.deepEqual([...cron.hours], [9, 11, 13, 15, 17]);
  assert.deepEqual([...cron.months], [1, 2, 3]);
  assert.deepEqual([...cron.daysOfWeek].sort(), [0, 1]);
});

test("parseCron() rejects Quartz syntax, wrong field counts and out-of-range values with the field named", () => {
  assert.match(tryParseCron("0 0 6-22 * * ?").ok ? "" : (tryParseCron("0 0 6-22 * * ?") as { reason: string }).reason, /has 6 fields; expected 5/);
  assert.match((tryParseCron("0 6-22 * * ?") as { reason: string }).reason, /Quartz syntax/);
  assert.match((tryParseCron("60 * * * *") as { reason: string }).reason, /minute 60 is outside 0-59/);
  assert.match((tryParseCron("0 22-6 * * *") as { reason: string }).reason, /goes backwards/);
});

test("zonedParts() gives wall-clock time in America/Jamaica (UTC-5, no DST)", () => {
  assert.deepEqual(zonedParts(Date.UTC(2026, 6, 1, 11, 0), "America/Jamaica"), { year: 2026, month: 7, day: 1, hour: 6, minute: 0, weekday: 3 });
});

test("previousFireTime() finds the last 06:00-22:00 run in the tenant zone, across midnight", () => {
  const cron = parseCron("0 6-22 * * *");
  // 03:30 Jamaica on Nov 24 = 08:30 UTC; the last run was 22:00 Jamaica on Nov 23 = 03:00 UTC Nov 24.
  assert.equal(previousFireTime(cron, Date.UTC(2026, 10, 24, 8, 30), { timeZone: "America/Jamaica" }), Date.UTC(2026, 10, 24, 3, 0));
  // Exactly on a fire time, that fire time counts.
  assert.equal(previousFireTime(cron, Date.UTC(2026, 10, 24, 12, 0), { timeZone: "America/Jamaica" }), Date.UTC(2026, 10, 24, 12, 0));
});

test("nextFireTime() honours daylight saving in Europe/London", () => {
  // 29 Mar 2026 at 01:00 UTC London jumps from 01:00 GMT to 02:00 BST.
  assert.equal(nextFireTime(parseCron("15 2 * * *"), Date.UTC(2026, 2, 29, 0, 30), { timeZone: "Europe/London" }), Date.UTC(2026, 2, 29, 1, 15));
  // 01:30 local does not exist that day, so the next 01:30 is on the 30th (00:30 UTC, BST).
  assert.equal(nextFireTime(parseCron("30 1 * * *"), Date.UTC(2026, 2, 29, 0, 30), { timeZone: "Europe/London" }), Date.UTC(2026, 2, 30, 0, 30));
});
