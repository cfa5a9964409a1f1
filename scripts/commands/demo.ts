import { defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";

/** `adops demo`: the whole scheduled cycle, locally. Grows as each capability lands. */
export const demoCommand = defineCommand({
  name: "demo",
  summary: "Run the whole scheduled cycle locally (stand-ins, DuckDB, real dbt)",
  options: {},
  run() {
    return Promise.resolve({ exitCode: ExitCode.ok, json: { steps: [] } });
  },
});
