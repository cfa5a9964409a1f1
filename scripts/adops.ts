// The adops CLI: `adops <command> [options]`. Runs unbuilt under Node (tsx) and Deno.
import process from "node:process";
import { runCli } from "./cli/run-cli.ts";
import { commands } from "./commands/mod.ts";
import { createProcessRuntime, exitWith } from "./runtime/process-runtime.ts";

const runtime = createProcessRuntime(process.argv.slice(2));
const { exitCode } = await runCli(runtime, commands);
exitWith(exitCode);
