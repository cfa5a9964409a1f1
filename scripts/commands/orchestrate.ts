import { defineCommand } from "../cli/command.ts";
import { AdopsError } from "../cli/errors.ts";

/** `adops orchestrate`: not built yet (issue #6). */
export const orchestrateCommand = defineCommand({
  name: "orchestrate",
  summary: "Run the ad-platform pipelines as a dependency graph",
  options: {},
  run() {
    return Promise.reject(new AdopsError("Command 'orchestrate' is not available yet", { exitCode: 1, hint: "It arrives with issue #6" }));
  },
});
