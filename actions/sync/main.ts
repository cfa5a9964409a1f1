// Custom action: adops sync. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { syncCommand } from "../../scripts/commands/sync.ts";

await runAction({
  command: syncCommand,
  args: (input, flag) => [
    ...opt("config", input("config")),
    ...opt("tenant", input("tenant")),
    ...opt("connection", input("connection")),
    ...opt("platform", input("platform")),
    ...opt("concurrency", input("concurrency")),
    ...opt("log-format", input("log_format")),
    ...(flag("force") ? ["--force"] : []),
    ...(flag("dry_run") ? ["--dry-run"] : []),
    ...(flag("cancel_on_interrupt") ? ["--cancel-on-interrupt"] : []),
  ],
});
