import type { Command } from "../cli/command.ts";
import { airbyteLocalCommand } from "./airbyte-local.ts";
import { dbtCommand } from "./dbt.ts";
import { demoCommand } from "./demo.ts";
import { healthCommand } from "./health.ts";
import { notifyCommand } from "./notify.ts";
import { orchestrateCommand } from "./orchestrate.ts";
import { planCommand } from "./plan.ts";
import { provisionCommand } from "./provision.ts";
import { reportCommand } from "./report.ts";
import { syncCommand } from "./sync.ts";
import { validateCommand } from "./validate.ts";

/** Every `adops` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
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
export { createDefaultRegistry } from "./orchestrator-registry.ts";
