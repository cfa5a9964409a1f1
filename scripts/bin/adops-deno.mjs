#!/usr/bin/env node
// `npm run adops:deno -- …`: the CLI under Deno with scoped permissions (see
// deno-permissions.mjs), signals passed on so Ctrl-C and SIGTERM reach it.
import { spawn } from "node:child_process";
import { join } from "node:path";
import process from "node:process";
import { denoPermissionFlags } from "./deno-permissions.mjs";

const args = process.argv.slice(2);
const configAt = args.indexOf("--config");
const configDir = configAt >= 0 ? args[configAt + 1] : undefined;
const deno = join("node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
const child = spawn(deno, [...denoPermissionFlags(process.env, configDir ? { configDir } : {}), "scripts/adops.ts", ...args], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 130 : 1)));
