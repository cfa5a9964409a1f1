// Custom action: adops plan (mode plan) or adops provision (mode apply). Inputs -> flags; everything else is the CLI's.
import * as core from "@actions/core";
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { planCommand } from "../../scripts/commands/plan.ts";
import { provisionCommand } from "../../scripts/commands/provision.ts";

const mode = core.getInput("mode") || "plan";
if (mode !== "plan" && mode !== "apply") {
  core.setFailed(`Invalid mode '${mode}': use plan or apply`);
} else {
  await runAction({
    command: mode === "apply" ? provisionCommand : planCommand,
    args: (input, flag) => [
      ...opt("config", input("config")),
      ...opt("tenant", input("tenant")),
      ...opt("concurrency", input("concurrency")),
      ...(flag("allow_recreate") ? ["--allow-recreate"] : []),
      ...(flag("prune") ? ["--prune"] : []),
    ],
  });
}
