import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import { type SlackSink, startSlackSink } from "../standins/slack/mod.ts";
import { createSlackSender } from "./slack-sender.ts";

const message = { text: "[CRITICAL] acme: sync failed", blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "x" } }] };

describe("createSlackSender() against the local sink", () => {
  let sink: SlackSink;
  before(async () => {
    sink = await startSlackSink();
  });
  after(() => sink.close());
  beforeEach(() => {
    sink.requests.length = 0;
    sink.setOutage(false);
  });

  test("createSlackSender() delivers text and blocks", async () => {
    const sender = createSlackSender({ clock: createFakeClock() });
    const outcome = await sender.send(sink.webhookUrl(), message);
    assert.deepEqual([outcome.ok, outcome.attempts, outcome.status], [true, 1, 200]);
    assert.deepEqual(sink.delivered(), [message]);
  });

  test("createSlackSender() waits Retry-After on 429 on its clock, then delivers once", async () => {
    const clock = createFakeClock();
    const start = clock.now();
    sink.failNext(1, { kind: "rate_limited", retryAfterSeconds: 3 });
    const outcome = await createSlackSender({ clock }).send(sink.webhookUrl(), message);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.attempts, 2);
    assert.equal(clock.now() - start, 3000);
    assert.deepEqual(sink.requests.map((r) => r.status), [429, 200]);
    assert.equal(sink.delivered().length, 1);
  });

  test("createSlackSender() gives up when Retry-After exceeds its cap, and says so", async () => {
    sink.failNext(1, { kind: "rate_limited", retryAfterSeconds: 600 });
    const outcome = await createSlackSender({ clock: createFakeClock(), maxRetryAfterSeconds: 60 }).send(sink.webhookUrl(), message);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.status, 429);
    assert.match(outcome.error ?? "", /HTTP 429/);
  });

  test("createSlackSender() sends at most one message per second per webhook", async () => {
    const clock = createFakeClock();
    const sender = createSlackSender({ clock });
    const start = clock.now();
    for (let i = 0; i < 3; i++) await sender.send(sink.webhookUrl("T/B/one"), message);
    assert.equal(clock.now() - start, 2000);
    const other = clock.now();
    await sender.send(sink.webhookUrl("T/B/two"), message);
    assert.equal(clock.now() - other, 0, "another webhook has its own pace");
  });

  test("createSlackSender() retries a 500 with backoff", async () => {
    sink.failNext(2, { kind: "server_error" });
    const outcome = await createSlackSender({ clock: createFakeClock() }).send(sink.webhookUrl(), message);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.attempts, 3);
  });

  test("createSlackSender() does not retry a 400 and reports Slack's answer", async () => {
    sink.failNext(1, { kind: "invalid_payload" });
    const outcome = await createSlackSender({ clock: createFakeClock() }).send(sink.webhookUrl(), message);
    assert.deepEqual([outcome.ok, outcome.attempts], [false, 1]);
    assert.match(outcome.error ?? "", /HTTP 400: invalid_blocks/);
  });

  test("createSlackSender() turns a Slack outage into an outcome, without the URL", async () => {
    sink.setOutage(true);
    const url = sink.webhookUrl("T/B/outage-secret");
    const outcome = await createSlackSender({ clock: createFakeClock(), maxAttempts: 3 }).send(url, message);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts, 3);
    assert.match(outcome.error ?? "", /Cannot reach Slack/);
    assert.ok(!(outcome.error ?? "").includes("outage-secret"));
  });
});
