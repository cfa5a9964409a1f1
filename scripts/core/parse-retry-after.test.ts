import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRetryAfter } from "./parse-retry-after.ts";

describe("parseRetryAfter()", () => {
  it("parseRetryAfter() reads delta seconds, fractions included", () => {
    assert.equal(parseRetryAfter("7", 0), 7000);
    assert.equal(parseRetryAfter(" 1.5 ", 0), 1500);
  });

  it("parseRetryAfter() reads an HTTP date relative to now, never negative", () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    assert.equal(parseRetryAfter("Mon, 23 Nov 2026 12:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now), 0);
  });

  it("parseRetryAfter() returns undefined when the header is absent or unreadable", () => {
    assert.equal(parseRetryAfter(null, 0), undefined);
    assert.equal(parseRetryAfter(undefined, 0), undefined);
    assert.equal(parseRetryAfter("  ", 0), undefined);
    assert.equal(parseRetryAfter("soon", 0), undefined);
  });
});
