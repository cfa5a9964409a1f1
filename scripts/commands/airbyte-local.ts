import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops airbyte-local`: not built yet (issue #3). */
export const airbyteLocalCommand = defineCommand({
  name: "airbyte-local",
  summary: "Start the local Airbyte stand-in on 127.0.0.1, seeded from config/",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'airbyte-local' is not available yet", { exitCode: 1, hint: "It arrives with issue #3" }));
  },
});
