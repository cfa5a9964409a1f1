import type * as v from "valibot";
import { IncidentStateSchema } from "./incident.ts";
import { OrchestratorConfigSchema } from "./orchestrator.ts";
import { PlatformConfigSchema } from "./platform.ts";
import { MonthlySummarySchema, RunReportSchema, StatusStateSchema } from "./report.ts";
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
}

/** Every schema `npm run gen` publishes. Add new file kinds here. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  { file: "platform.schema.json", title: "adops config/platform.yml", schema: PlatformConfigSchema },
  { file: "template.schema.json", title: "adops config/templates/*.yml", schema: TemplateConfigSchema },
  { file: "tenant.schema.json", title: "adops config/tenants/*.yml", schema: TenantConfigSchema },
  { file: "orchestrator.schema.json", title: "adops config/orchestrator.yml", schema: OrchestratorConfigSchema },
  { file: "report.schema.json", title: "adops run report", schema: RunReportSchema },
  { file: "status.schema.json", title: "adops reports/status.json", schema: StatusStateSchema },
  { file: "monthly-summary.schema.json", title: "adops reports/YYYY/MM/summary.json", schema: MonthlySummarySchema },
  { file: "incident.schema.json", title: "adops reports/state/incidents.json", schema: IncidentStateSchema },
];
