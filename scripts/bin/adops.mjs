#!/usr/bin/env node
// `adops …` (npx adops, npm run adops): runs the prebuilt bundle in .adops/cli
// (scripts/bin/cli-bundle.mjs), building it first when a source is newer; runs
// the TypeScript unbuilt through tsx when it cannot be built, or when
// ADOPS_CLI_BUNDLE=0 asks so.
import process from "node:process";
import { ensureCliBundle } from "./cli-bundle.mjs";

const entry = process.env.ADOPS_CLI_BUNDLE === "0" ? undefined : await ensureCliBundle();
if (entry !== undefined) {
  await import(entry);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../adops.ts");
}
