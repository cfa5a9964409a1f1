// Custom action: adops health. Inputs -> flags; everything else is the CLI's.
import { opt, runAction } from "../../scripts/cli/run-action.ts";
import { healthCommand } from "../../scripts/commands/health.ts";

function list(value: string): string[] {
  return value.split(/[\s,]+/).filter((v) => v !== "");
}

await runAction({
  command: healthCommand,
  args: (input, flag) => [
    ...opt("config", input("config")),
    ...list(input("tenants")).flatMap((t) => ["--tenant", t]),
    ...opt("dbt-report", input("dbt_report")),
    ...input("dbt_target").split("\n").map((d) => d.trim()).filter((d) => d !== "").flatMap((d) => ["--dbt-target", d]),
    ...opt("output", input("output")),
    ...(flag("problems_only") ? ["--problems-only"] : []),
  ],
});
