import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops report`: not built yet (issue #7). */
export const reportCommand = defineCommand({
  name: "report",
  summary: "Render and commit run reports",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'report' is not available yet", { exitCode: 1, hint: "It arrives with issue #7" }));
  },
});
