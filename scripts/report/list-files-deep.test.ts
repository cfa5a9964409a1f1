import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createNodeFiles } from "../runtime/files.ts";
import { listFilesDeep } from "./list-files-deep.ts";

test("listFilesDeep() walks a real folder, skipping empty folders", async () => {
  const root = await mkdtemp(join(tmpdir(), "adops-list-"));
  try {
    await mkdir(join(root, "r/2026/11/23"), { recursive: true });
    await mkdir(join(root, "r/empty"), { recursive: true });
    await writeFile(join(root, "r/2026/11/23/a-sync.json"), "{}");
    await writeFile(join(root, "r/STATUS.md"), "#");
    assert.deepEqual(await listFilesDeep(createNodeFiles(root), "r"), ["r/2026/11/23/a-sync.json", "r/STATUS.md"]);
    assert.deepEqual(await listFilesDeep(createNodeFiles(root), "missing"), []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
