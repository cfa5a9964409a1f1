// BEFORE (#16): the CLI as it started until the lazy command list, kept for
// `npm run bench:cli` to measure against. It imports every command, and so every
// domain and library, before looking at argv. Not an entry point of adops.
import process from "node:process";
import type { Command } from "../cli/command.ts";
import { runCli } from "../cli/run-cli.ts";
import { airbyteLocalCommand } from "../commands/airbyte-local.ts";
import { dbtCommand } from "../commands/dbt.ts";
import { demoCommand } from "../commands/demo.ts";
import { healthCommand } from "../commands/health.ts";
import { notifyCommand } from "../commands/notify.ts";
import { orchestrateCommand } from "../commands/orchestrate.ts";
import { planCommand } from "../commands/plan.ts";
import { provisionCommand } from "../commands/provision.ts";
import { reportCommand } from "../commands/report.ts";
import { syncCommand } from "../commands/sync.ts";
import { validateCommand } from "../commands/validate.ts";
import "../commands/orchestrator-registry.ts";
import { createProcessRuntime, exitWith } from "../runtime/process-runtime.ts";

const commands = [
  validateCommand,
  planCommand,
  provisionCommand,
  syncCommand,
  dbtCommand,
  orchestrateCommand,
  healthCommand,
  reportCommand,
  notifyCommand,
  demoCommand,
  airbyteLocalCommand,
] as unknown as readonly Command[];

const { exitCode } = await runCli(createProcessRuntime(process.argv.slice(2)), commands);
exitWith(exitCode);
