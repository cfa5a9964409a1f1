// Custom action: adops dbt. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { dbtCommand } from "../../scripts/commands/dbt.ts";

/** One `--name word` per word of a space- or newline-separated input. */
function each(name: string, value: string): string[] {
  return value.split(/\s+/).filter((w) => w !== "").flatMap((w) => [`--${name}`, w]);
}

await runAction({
  command: dbtCommand,
  args: (input, flag) => [
    ...opt("config", input("config")),
    ...opt("steps", input("steps")),
    ...each("select", input("select")),
    ...each("exclude", input("exclude")),
    ...opt("vars", input("vars")),
    ...opt("target", input("target")),
    ...(flag("full_refresh") ? ["--full-refresh"] : []),
    ...opt("state", input("state")),
    ...opt("per-source", input("per_source")),
    ...(flag("wait_for_sync") ? ["--wait-for-sync"] : []),
    ...opt("wait-timeout", input("wait_timeout")),
    ...(flag("fail_on_upstream_failure") ? ["--fail-on-upstream-failure"] : []),
    ...(flag("seed_demo_data") ? ["--seed-demo-data"] : []),
    ...(flag("dry_run") ? ["--dry-run"] : []),
  ],
});
