import * as v from "valibot";
import { DbtNodeRowSchema } from "./report-rows/dbt.ts";
import { HealthCheckSchema } from "./report-rows/health.ts";
import { DeliveryRowSchema } from "./report-rows/notify.ts";
import { OpsLoadRowSchema } from "./report-rows/ops.ts";
import { OrchestrateReportRowSchema } from "./report-rows/orchestrate.ts";
import { ProvisionReportRowSchema } from "./report-rows/provision.ts";
import { ReportCommandRowSchema } from "./report-rows/report.ts";
import { SyncReportRowSchema } from "./report-rows/sync.ts";
import { type RunReport, RunReportEntries } from "./report.ts";

/**
 * The row schema of each command that writes a run report. `plan` and
 * `provision` share one; `report status` and `dbt` runs stopped before dbt
 * write no rows.
 */
export const REPORT_ROW_SCHEMAS = {
  sync: SyncReportRowSchema,
  health: HealthCheckSchema,
  dbt: DbtNodeRowSchema,
  orchestrate: OrchestrateReportRowSchema,
  notify: DeliveryRowSchema,
  plan: ProvisionReportRowSchema,
  provision: ProvisionReportRowSchema,
  report: ReportCommandRowSchema,
  ops: OpsLoadRowSchema,
} as const;

/** A command that writes a run report. */
export type ReportCommand = keyof typeof REPORT_ROW_SCHEMAS;

/** The row type of `C`'s run report. */
export type ReportRowOf<C extends ReportCommand> = v.InferOutput<(typeof REPORT_ROW_SCHEMAS)[C]>;

/** The run report of command `C`: the envelope of {@link RunReport} with `C`'s rows. */
export type CommandReportOf<C extends ReportCommand> = Omit<RunReport, "command" | "rows"> & {
  /** The adops command. */
  command: C;
  /** One row per unit of work, of `C`'s row schema. */
  rows: ReportRowOf<C>[];
};

/** A run report of any command that writes one, discriminated by `command`. */
export type CommandReport = { [C in ReportCommand]: CommandReportOf<C> }[ReportCommand];

function commandReportSchema<const C extends ReportCommand>(command: C) {
  return v.object({
    ...RunReportEntries,
    command: v.pipe(v.literal(command), v.description("The adops command")),
    rows: v.pipe(v.array(REPORT_ROW_SCHEMAS[command]), v.description(`One row per unit of work, as adops ${command} writes them`)),
  });
}

/**
 * A run report whose rows match its command's row schema: the strict reading,
 * for consumers that need typed fields of a whole report (and for tests that
 * a producer's report parses back). Readers that take reports of any age use
 * `RunReportSchema` and, where they need fields, parse single rows with the
 * command's row schema, skipping rows that do not match.
 */
export const CommandReportSchema = v.variant("command", [
  commandReportSchema("sync"),
  commandReportSchema("health"),
  commandReportSchema("dbt"),
  commandReportSchema("orchestrate"),
  commandReportSchema("notify"),
  commandReportSchema("plan"),
  commandReportSchema("provision"),
  commandReportSchema("report"),
  commandReportSchema("ops"),
]);
