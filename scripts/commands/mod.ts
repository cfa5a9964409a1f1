import type { Command, LazyCommand } from "../cli/command.ts";
import type { OptionSpecs } from "../cli/args.ts";

function lazy<O extends OptionSpecs>(name: string, summary: string, load: () => Promise<Command<O>>): LazyCommand {
  // A command's typed options make it a narrower Command; the CLI only hands it what it parsed with them.
  return { name, summary, load: load as unknown as () => Promise<Command> };
}

/**
 * Every `adops` command, in the order `--help` lists them: the name and summary
 * here, the rest imported on use, so `adops --help` loads no command and
 * `adops <name>` only its own. `mod.test.ts` holds each entry to its command.
 */
export const commands: readonly LazyCommand[] = [
  lazy("validate", "Check every config file against its schema and the semantic rules", async () => (await import("./validate.ts")).validateCommand),
  lazy(
    "data-contracts",
    "Check that every raw column a dbt staging model reads exists in its connector's stream",
    async () => (await import("./data-contracts.ts")).dataContractsCommand,
  ),
  lazy("plan", "Show what provisioning would change in Airbyte (create/update/unchanged), per tenant", async () => (await import("./plan.ts")).planCommand),
  lazy("provision", "Create and update every tenant's Airbyte sources and connections from config/", async () => (await import("./provision.ts")).provisionCommand),
  lazy("sync", "Trigger due Airbyte syncs, follow each job to its end, retry, record every outcome", async () => (await import("./sync.ts")).syncCommand),
  lazy("dbt", "Run the dbt project (deps, build with its seeds, source freshness) and report every node", async () => (await import("./dbt.ts")).dbtCommand),
  lazy(
    "orchestrate",
    "Run the ad-platform pipelines as a dependency graph (seed 002's Social Ads Orchestrator)",
    async () => (await import("./orchestrate.ts")).orchestrateCommand,
  ),
  lazy(
    "health",
    "Check Airbyte sync freshness, cadence, dbt runs and source freshness; exit 0 healthy, 2 degraded, 3 down",
    async () => (await import("./health.ts")).healthCommand,
  ),
  lazy("report", "Render run reports, rebuild STATUS.md, build the status site, roll up old days, commit a run's reports", async () => (await import("./report.ts")).reportCommand),
  lazy("notify", "Alert on-call in Slack: open, remind, escalate and resolve incidents from run reports", async () => (await import("./notify.ts")).notifyCommand),
  lazy("ops", "Load the committed reports' facts and Airbyte's job history into the warehouse's ops schema", async () => (await import("./ops.ts")).opsCommand),
  lazy("demo", "Run the whole scheduled cycle locally (stand-ins, DuckDB, real dbt)", async () => (await import("./demo.ts")).demoCommand),
  lazy("airbyte-local", "Start the local Airbyte stand-in on 127.0.0.1, seeded from config/", async () => (await import("./airbyte-local.ts")).airbyteLocalCommand),
];
