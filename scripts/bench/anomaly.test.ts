import assert from "node:assert/strict";
import { test } from "node:test";
import { generateVolumeSeries } from "./_volume-series.ts";
import { scoreVolumeDetector } from "./_volume-score.ts";

// A quality test, not a timing one: the detector's figures on the fixed seed of `npm run bench:anomaly`.
test("detectVolumeAnomaly() catches each anomaly class with recall >= 0.9 and at most 0.1 false alarms per tenant-month on synthetic series", () => {
  const score = scoreVolumeDetector(generateVolumeSeries({ seed: 13 }));
  for (const [name, c] of Object.entries(score.classes)) {
    assert.ok(c.injected === 60, `${name}: 60 series injected`);
    assert.ok(c.recall >= 0.9, `${name}: recall ${c.recall} below 0.9`);
  }
  assert.ok(score.precision >= 0.95, `precision ${score.precision} below 0.95`);
  assert.ok(score.falseAlarmsPerTenantMonth <= 0.1, `${score.falseAlarmsPerTenantMonth} false alarms per tenant-month`);
  assert.equal(score.shortNotJudged, 10, "every short-history control says not enough history");
});
