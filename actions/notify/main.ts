// Custom action: adops notify. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { notifyCommand } from "../../scripts/commands/notify.ts";

await runAction({
  command: notifyCommand,
  args: (input, flag) => [
    ...opt("config", input("config")),
    ...input("reports").split("\n").map((r) => r.trim()).filter((r) => r !== "").flatMap((r) => ["--report", r]),
    ...opt("state", input("state")),
    ...(flag("dry_run") ? ["--dry-run"] : []),
  ],
});
