import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { RUNBOOK } from "./_shared.ts";

test("every health check's runbook anchor is a heading of the README's runbook", async () => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const runbook = readme.slice(readme.indexOf("\n## Runbook"), readme.indexOf("\n## ", readme.indexOf("\n## Runbook") + 1));
  const anchors = [...runbook.matchAll(/^### (.+)$/gm)].map((m) => (m[1] ?? "").toLowerCase().replace(/[^a-z0-9 -]/g, "").trim().replace(/ /g, "-"));
  for (const anchor of Object.values(RUNBOOK)) assert.ok(anchors.includes(anchor), `README has no runbook section for #${anchor} (sections: ${anchors.join(", ")})`);
});
