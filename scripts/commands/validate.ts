import { defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";

/** `adops validate` (being built). */
export const validateCommand = defineCommand({
  name: "validate",
  summary: "Check every config file against its schema and the semantic rules",
  options: {},
  run() {
    return Promise.resolve({ exitCode: ExitCode.ok, json: {} });
  },
});
