import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops health`: not built yet (issue #7). */
export const healthCommand = defineCommand({
  name: "health",
  summary: "Check Airbyte and dbt freshness and failures",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'health' is not available yet", { exitCode: 1, hint: "It arrives with issue #7" }));
  },
});
