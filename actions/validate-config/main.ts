// Custom action: adops validate. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { validateCommand } from "../../scripts/commands/validate.ts";

await runAction({
  command: validateCommand,
  args: (input, flag) => [...opt("config", input("config")), ...(flag("production") ? ["--production"] : [])],
});
