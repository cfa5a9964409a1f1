// npm run bench:anomaly — precision, recall per anomaly class and false alarms
// per tenant-month of the volume anomaly detector on seeded synthetic series.
import process from "node:process";
import { generateVolumeSeries } from "./_volume-series.ts";
import { scoreVolumeDetector } from "./_volume-score.ts";

const seed = Number(process.argv[2] ?? 13);
const all = generateVolumeSeries({ seed });
const started = performance.now();
const score = scoreVolumeDetector(all);
const ms = performance.now() - started;
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
console.log(`Volume anomaly detector, seed ${seed}: ${score.series} synthetic tenant-streams (${score.controls} controls), scored in ${ms.toFixed(0)} ms`);
console.log("cases: 60 each of a drop to zero (last 1-3 days), an 8-12x spike (last day), a linear decline to half over 14-21 days; controls: 90 clean, 10 always zero, 10 with 1-19 days of history, 10 of 1-5 records a day");
console.log("anomalies are judged on each day from their start to the end of the series; controls on each of their last 30 days");
console.log(`precision (anomalous series alarmed / those + false alarms on control days): ${pct(score.precision)}`);
for (const [name, c] of Object.entries(score.classes)) {
  console.log(`  ${name.padEnd(8)} recall ${pct(c.recall)} (${c.caught}/${c.injected} with the right class, ${c.caughtAny} with any alarm), precision of the verdict ${pct(c.precision)}`);
}
console.log(`false alarms: ${score.falseAlarms} in ${score.controlDaysJudged} judged control days = ${score.falseAlarmsPerTenantMonth.toFixed(3)} per tenant-stream-month`);
console.log(`short-history controls not judged (not enough history): ${score.shortNotJudged}`);
