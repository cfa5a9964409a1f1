// Custom action: adops report commit. Inputs -> flags; the token reaches the
// command as INPUT_TOKEN through readCommitSettings, never as a flag.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { reportCommand } from "../../scripts/commands/report.ts";

await runAction({
  command: reportCommand,
  args: (input) => [
    "commit",
    ...opt("dir", input("dir")),
    ...opt("branch", input("branch")),
    ...opt("retention-days", input("retention_days")),
    ...opt("message", input("message")),
    ...opt("incidents", input("incidents")),
    ...opt("max-attempts", input("max_attempts")),
    ...input("include").split("\n").map((l) => l.trim()).filter(Boolean).flatMap((p) => ["--include", p]),
  ],
});
