#!/usr/bin/env node
// `npm start`: the adops bin (adops.mjs) in a child process, with SIGINT, SIGTERM and SIGHUP
// passed on to it and its exit code passed back (130 when a signal stopped it), so
// `kill <npm pid>` stops the demo too instead of leaving it running (see pass-signals.mjs).
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runPassingSignals } from "./pass-signals.mjs";

const bin = fileURLToPath(new URL("./adops.mjs", import.meta.url));
process.exitCode = await runPassingSignals(process.execPath, [bin, ...process.argv.slice(2)]);
