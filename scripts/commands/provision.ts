import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops provision`: not built yet (issue #3). */
export const provisionCommand = defineCommand({
  name: "provision",
  summary: "Apply the provisioning plan to Airbyte (sources, connections), idempotently",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'provision' is not available yet", { exitCode: 1, hint: "It arrives with issue #3" }));
  },
});
