/**
 * The valibot schemas of every file adops reads or writes. They are the source
 * of truth: `npm run gen` publishes them as `schemas/*.schema.json`.
 *
 * @module
 */
export * from "./_shared.ts";
export { type OrchestratorConfig, OrchestratorConfigSchema } from "./orchestrator.ts";
export { type PlatformConfig, PlatformConfigSchema } from "./platform.ts";
export { type TemplateConfig, TemplateConfigSchema } from "./template.ts";
export { type TenantConfig, TenantConfigSchema } from "./tenant.ts";
export { type RunReport, RunReportSchema, type RunStatus, RunStatusSchema, type Trigger, TriggerSchema } from "./report.ts";
export { type Incident, IncidentSchema, type IncidentState, IncidentStateSchema } from "./incident.ts";
