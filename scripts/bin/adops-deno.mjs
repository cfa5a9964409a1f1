#!/usr/bin/env node
// `npm run adops:deno -- …`: the CLI under Deno with scoped permissions (see
// deno-permissions.mjs), signals passed on so Ctrl-C and SIGTERM reach it (pass-signals.mjs).
import { join } from "node:path";
import process from "node:process";
import { denoPermissionFlags } from "./deno-permissions.mjs";
import { runPassingSignals } from "./pass-signals.mjs";

const args = process.argv.slice(2);
const configAt = args.indexOf("--config");
const configDir = configAt >= 0 ? args[configAt + 1] : undefined;
const deno = join("node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
process.exitCode = await runPassingSignals(deno, [...denoPermissionFlags(process.env, configDir ? { configDir } : {}), "scripts/adops.ts", ...args]);
