#!/usr/bin/env node
// `adops …` (npx adops, npm run adops): runs the prebuilt bundle in .adops/cli
// (scripts/bin/cli-bundle.mjs), building it first when a source is newer; runs
// the TypeScript unbuilt through tsx when it cannot be built, or when
// ADOPS_CLI_BUNDLE=0 asks so.
import process from "node:process";
import { ensureCliBundle } from "./cli-bundle.mjs";
import { whenOrphaned } from "./when-orphaned.mjs";

// Run by an npm script: SIGTERM to npm reaches only the `sh -c` it ran this in, which dies without
// passing it on. Once orphaned, stop as on SIGTERM (the CLI interrupts: report, exit 130).
if (process.env.npm_lifecycle_event !== undefined) whenOrphaned(() => process.kill(process.pid, "SIGTERM"));

const entry = process.env.ADOPS_CLI_BUNDLE === "0" ? undefined : await ensureCliBundle();
if (entry !== undefined) {
  await import(entry);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../adops.ts");
}
