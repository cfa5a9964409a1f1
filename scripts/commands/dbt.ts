import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops dbt`: not built yet (issue #5). */
export const dbtCommand = defineCommand({
  name: "dbt",
  summary: "Run the dbt project (deps, seed, build) and report every node",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'dbt' is not available yet", { exitCode: 1, hint: "It arrives with issue #5" }));
  },
});
