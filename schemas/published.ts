import type * as v from "valibot";
import { IncidentStateSchema } from "./incident.ts";
import { OrchestratorConfigSchema } from "./orchestrator.ts";
import { PlatformConfigSchema } from "./platform.ts";
import { MonthlySummarySchema, RunReportSchema, StatusStateSchema } from "./report.ts";
import { DbtNodeRowSchema } from "./report-rows/dbt.ts";
import { HealthCheckSchema } from "./report-rows/health.ts";
import { DeliveryRowSchema } from "./report-rows/notify.ts";
import { OpsLoadRowSchema } from "./report-rows/ops.ts";
import { OrchestrateReportRowSchema } from "./report-rows/orchestrate.ts";
import { ProvisionReportRowSchema } from "./report-rows/provision.ts";
import { ReportCommandRowSchema } from "./report-rows/report.ts";
import { SyncReportRowSchema } from "./report-rows/sync.ts";
import { TemplateConfigSchema } from "./template.ts";
import { TenantConfigSchema } from "./tenant.ts";

/** One schema published as `schemas/<file>` for editors and pull requests. */
export interface PublishedSchema {
  /** The file name under schemas/. */
  file: string;
  /** Title in the JSON Schema. */
  title: string;
  /** The valibot source of truth. */
  schema: v.GenericSchema;
  /** `config`: files people write (strict, every field described); `output`: files adops writes. */
  kind: "config" | "output";
}

/** Every schema `npm run gen` publishes. Add new file kinds here. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  { file: "platform.schema.json", title: "adops config/platform.yml", schema: PlatformConfigSchema, kind: "config" },
  { file: "template.schema.json", title: "adops config/templates/*.yml", schema: TemplateConfigSchema, kind: "config" },
  { file: "tenant.schema.json", title: "adops config/tenants/*.yml", schema: TenantConfigSchema, kind: "config" },
  { file: "orchestrator.schema.json", title: "adops config/orchestrator.yml", schema: OrchestratorConfigSchema, kind: "config" },
  { file: "report.schema.json", title: "adops run report", schema: RunReportSchema, kind: "output" },
  { file: "report-rows/sync.schema.json", title: "adops sync report row", schema: SyncReportRowSchema, kind: "output" },
  { file: "report-rows/health.schema.json", title: "adops health report row", schema: HealthCheckSchema, kind: "output" },
  { file: "report-rows/dbt.schema.json", title: "adops dbt report row", schema: DbtNodeRowSchema, kind: "output" },
  { file: "report-rows/orchestrate.schema.json", title: "adops orchestrate report row", schema: OrchestrateReportRowSchema, kind: "output" },
  { file: "report-rows/notify.schema.json", title: "adops notify report row", schema: DeliveryRowSchema, kind: "output" },
  { file: "report-rows/provision.schema.json", title: "adops plan and provision report row", schema: ProvisionReportRowSchema, kind: "output" },
  { file: "report-rows/report.schema.json", title: "adops report (rollup, commit) report row", schema: ReportCommandRowSchema, kind: "output" },
  { file: "report-rows/ops.schema.json", title: "adops ops load report row", schema: OpsLoadRowSchema, kind: "output" },
  { file: "status.schema.json", title: "adops reports/status.json", schema: StatusStateSchema, kind: "output" },
  { file: "monthly-summary.schema.json", title: "adops reports/YYYY/MM/summary.json", schema: MonthlySummarySchema, kind: "output" },
  { file: "incident.schema.json", title: "adops reports/state/incidents.json", schema: IncidentStateSchema, kind: "output" },
];
