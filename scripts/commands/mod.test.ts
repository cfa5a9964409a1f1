import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";
import { commands } from "./mod.ts";

test("commands lists each command under the name and summary its loaded module declares", async () => {
  for (const entry of commands) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.equal(command.summary, entry.summary, `summary of '${entry.name}' in mod.ts`);
    assert.equal(typeof command.run, "function");
  }
  assert.equal(new Set(commands.map((c) => c.name)).size, commands.length);
});

test("commands lists every command file of scripts/commands", async () => {
  // A command file declares `name: "<word>"` through defineCommand; each one needs its entry.
  const files = (await readdir("scripts/commands")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const declared: string[] = [];
  for (const file of files) {
    const text = await readFile(`scripts/commands/${file}`, "utf8");
    for (const match of text.matchAll(/defineCommand\(\{\s*name: "([a-z-]+)"/g)) declared.push(match[1] as string);
  }
  assert.deepEqual(declared.sort(), commands.map((c) => c.name).sort());
});
