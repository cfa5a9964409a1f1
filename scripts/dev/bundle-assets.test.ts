import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";

test("every file a committed action bundle opens beside itself is in its dist/", async () => {
  const names = (await readdir("actions", { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const missing: string[] = [];
  let opened = 0;
  for (const name of names) {
    const bundle = await readFile(`actions/${name}/dist/index.js`, "utf8").catch(() => "");
    for (const match of bundle.matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)) {
      opened++;
      if (!existsSync(`actions/${name}/dist/${match[1]}`)) missing.push(`actions/${name}/dist/${match[1]}`);
    }
  }
  assert.ok(opened > 0, "the dbt-run bundle opens load_jsonl.py beside itself");
  assert.deepEqual(missing, []);
});
