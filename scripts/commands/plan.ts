import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops plan`: not built yet (issue #3). */
export const planCommand = defineCommand({
  name: "plan",
  summary: "Show what provisioning would change in Airbyte (create/update/unchanged), per tenant",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'plan' is not available yet", { exitCode: 1, hint: "It arrives with issue #3" }));
  },
});
