import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFingerprintStore } from "./fingerprint-store.ts";
import { recordRotations } from "./record-rotations.ts";

const KEY = "adops:acme-retail:meta_metrics";
const FIELD = "credentials.access_token";
const OCT_3 = Date.UTC(2026, 9, 3);
const NOV_2 = Date.UTC(2026, 10, 2);

describe("recordRotations()", () => {
  it("recordRotations() dates a changed fingerprint now and keeps first_seen_at", () => {
    const first = recordRotations({}, { [KEY]: { [FIELD]: "hmac:aaaa" } }, { rotations: {}, now: OCT_3 });
    const second = recordRotations({ [KEY]: { [FIELD]: "hmac:aaaa" } }, { [KEY]: { [FIELD]: "hmac:bbbb" } }, { rotations: first, now: NOV_2 });
    assert.deepEqual(second[KEY]?.[FIELD], { rotated_at: "2026-11-02T00:00:00.000Z", first_seen_at: "2026-10-03T00:00:00.000Z" });
  });

  it("recordRotations() keeps the date of an unchanged fingerprint", () => {
    const fps = { [KEY]: { [FIELD]: "hmac:aaaa" } };
    const first = recordRotations({}, fps, { rotations: {}, now: OCT_3 });
    assert.deepEqual(recordRotations(fps, fps, { rotations: first, now: NOV_2 }), first);
  });

  it("recordRotations() marks a fingerprint with no date on record as estimated, first seen now", () => {
    const fps = { [KEY]: { [FIELD]: "hmac:aaaa" } };
    assert.deepEqual(recordRotations(fps, fps, { rotations: {}, now: NOV_2 })[KEY]?.[FIELD], { rotated_at: "2026-11-02T00:00:00.000Z", first_seen_at: "2026-11-02T00:00:00.000Z", estimated: true });
  });

  it("recordRotations() drops the dates of fields no longer fingerprinted", () => {
    const first = recordRotations({}, { [KEY]: { [FIELD]: "hmac:aaaa" } }, { rotations: {}, now: OCT_3 });
    assert.deepEqual(recordRotations({ [KEY]: { [FIELD]: "hmac:aaaa" } }, { [KEY]: {} }, { rotations: first, now: NOV_2 }), {});
  });
});

describe("parseFingerprintStore()", () => {
  it("parseFingerprintStore() reads a file written before rotation dates were kept, with no dates", () => {
    const store = parseFingerprintStore(JSON.stringify({ comment: "old", fingerprints: { [KEY]: { [FIELD]: "hmac:0123456789abcdef" } } }));
    assert.deepEqual(store, { fingerprints: { [KEY]: { [FIELD]: "hmac:0123456789abcdef" } }, rotations: {} });
  });

  it("parseFingerprintStore() reads missing, malformed or foreign text as an empty store", () => {
    for (const text of [undefined, "{not json", '{"fingerprints": 3}']) assert.deepEqual(parseFingerprintStore(text), { fingerprints: {}, rotations: {} });
  });
});
