import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops sync`: not built yet (issue #4). */
export const syncCommand = defineCommand({
  name: "sync",
  summary: "Trigger due Airbyte syncs, follow each job to its end, retry, record every outcome",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'sync' is not available yet", { exitCode: 1, hint: "It arrives with issue #4" }));
  },
});
