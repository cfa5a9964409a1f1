// Custom action: adops orchestrate. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { orchestrateCommand } from "../../scripts/commands/orchestrate.ts";

/** An empty input leaves the config's value; 'true'/'false' pick one of two flags. */
function triState(value: string, yes: string, no: string): string[] {
  if (value === "") return [];
  return [/^(true|1|yes)$/i.test(value) ? yes : no];
}

await runAction({
  command: orchestrateCommand,
  args: (input, flag) => [
    ...opt("config", input("config")),
    ...opt("orchestrator-config", input("orchestrator_config")),
    ...opt("platform", input("platforms")),
    ...(flag("with_deps") ? ["--with-deps"] : []),
    ...triState(input("parallel"), "--parallel", "--sequential"),
    ...triState(input("continue_on_failure"), "--continue-on-failure", "--stop-on-failure"),
    ...opt("max-parallel", input("max_parallel")),
    ...(flag("dry_run") ? ["--dry-run"] : []),
    ...opt("report-format", input("report_format")),
    ...opt("report-path", input("report_path")),
  ],
});
