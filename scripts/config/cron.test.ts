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

test("parseCron() names the field when croner rejects the syntax", () => {
  assert.match((tryParseCron("0 0 * foo *") as { reason: string }).reason, /'foo' is not valid in the month field/);
  assert.match((tryParseCron("*/0 * * * *") as { reason: string }).reason, /illegal stepping: 0/);
  assert.match((tryParseCron("0 0 * * 5#2") as { reason: string }).reason, /Quartz syntax/);
  assert.equal(tryParseCron("0 9 * jul wed").ok, true, "month and day names are not Quartz's L and W");
});

test("previousFireTime() and nextFireTime() find a monthly cron's runs across daylight saving changes", () => {
  const monthly = parseCron("0 3 1 * *");
  // London: 1 Mar 03:00 GMT (03:00 UTC), 1 Apr 03:00 BST (02:00 UTC).
  const london = { timeZone: "Europe/London" };
  assert.equal(previousFireTime(monthly, Date.UTC(2026, 2, 15, 12), london), Date.UTC(2026, 2, 1, 3));
  assert.equal(nextFireTime(monthly, Date.UTC(2026, 2, 15, 12), london), Date.UTC(2026, 3, 1, 2));
  // Exactly on a fire time: previous includes it, next is the month after.
  assert.equal(previousFireTime(monthly, Date.UTC(2026, 3, 1, 2), london), Date.UTC(2026, 3, 1, 2));
  assert.equal(nextFireTime(monthly, Date.UTC(2026, 3, 1, 2), london), Date.UTC(2026, 4, 1, 2));
  // New York falls back at 02:00 on Sunday 1 Nov 2026: 1 Oct 03:00 EDT is 07:00 UTC, 1 Nov 03:00 EST is 08:00 UTC.
  const newYork = { timeZone: "America/New_York" };
  assert.equal(previousFireTime(monthly, Date.UTC(2026, 9, 31), newYork), Date.UTC(2026, 9, 1, 7));
  assert.equal(nextFireTime(monthly, Date.UTC(2026, 9, 31), newYork), Date.UTC(2026, 10, 1, 8));
});

test("previousFireTime() and nextFireTime() find a yearly cron's runs a year away", () => {
  const yearly = parseCron("0 0 1 1 *");
  // Jamaica has no DST: midnight is always 05:00 UTC.
  const jamaica = { timeZone: "America/Jamaica" };
  assert.equal(previousFireTime(yearly, Date.UTC(2026, 11, 31, 4, 59), jamaica), Date.UTC(2026, 0, 1, 5));
  assert.equal(nextFireTime(yearly, Date.UTC(2026, 0, 1, 5), jamaica), Date.UTC(2027, 0, 1, 5));
  // Berlin in summer (CEST) looks back and ahead to midnight CET (23:00 UTC the day before).
  const berlin = { timeZone: "Europe/Berlin" };
  assert.equal(previousFireTime(yearly, Date.UTC(2026, 6, 1), berlin), Date.UTC(2025, 11, 31, 23));
  assert.equal(nextFireTime(yearly, Date.UTC(2026, 6, 1), berlin), Date.UTC(2026, 11, 31, 23));
  // A leap-day cron reaches four years back and ahead; one that never fires ends with undefined.
  assert.equal(previousFireTime(parseCron("0 0 29 2 *"), Date.UTC(2027, 0, 1), { timeZone: "UTC" }), Date.UTC(2024, 1, 29));
  assert.equal(nextFireTime(parseCron("0 0 29 2 *"), Date.UTC(2025, 0, 1), { timeZone: "UTC" }), Date.UTC(2028, 1, 29));
  assert.equal(nextFireTime(parseCron("0 0 30 2 *"), Date.UTC(2026, 0, 1), { timeZone: "UTC" }), undefined);
});

test("nextFireTime() applies cron's OR rule when both day fields are restricted", () => {
  // The 1st or the 15th, or any Monday: from Tue 2 Jun 2026 the next is Mon 8 Jun, the previous Mon 1 Jun.
  const cron = parseCron("0 0 1,15 * mon");
  assert.equal(nextFireTime(cron, Date.UTC(2026, 5, 2, 12), { timeZone: "UTC" }), Date.UTC(2026, 5, 8));
  assert.equal(nextFireTime(cron, Date.UTC(2026, 5, 8, 12), { timeZone: "UTC" }), Date.UTC(2026, 5, 15));
  assert.equal(previousFireTime(cron, Date.UTC(2026, 5, 2, 12), { timeZone: "UTC" }), Date.UTC(2026, 5, 1));
});
