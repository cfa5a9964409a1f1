import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops notify`: not built yet (issue #7). */
export const notifyCommand = defineCommand({
  name: "notify",
  summary: "Send Slack alerts for open and resolved incidents",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'notify' is not available yet", { exitCode: 1, hint: "It arrives with issue #7" }));
  },
});
