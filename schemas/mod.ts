/**
 * The valibot schemas of every file adops reads or writes. They are the source
 * of truth: `npm run gen` publishes them as `schemas/*.schema.json`.
 *
 * @module
 */
export * from "./_shared.ts";
export { type OrchestratorConfig, OrchestratorConfigSchema } from "./orchestrator.ts";
export { type PlatformConfig, PlatformConfigSchema } from "./platform.ts";
export { CREDENTIAL_POLICY_KINDS, type CredentialPolicies, CredentialPoliciesSchema, type CredentialPolicy, CredentialPolicySchema } from "./credential-policy.ts";
export { type RotationRecord, SecretFingerprintFileSchema, type SecretRotation, SecretRotationSchema } from "./secret-fingerprints.ts";
export { type TemplateConfig, TemplateConfigSchema } from "./template.ts";
export { type TenantConfig, TenantConfigSchema } from "./tenant.ts";
export { type ReportRow, ReportRowSchema, type RunReport, RunReportSchema, type RunStatus, RunStatusSchema, type Trigger, TriggerSchema } from "./report.ts";
export { type CommandReport, type CommandReportOf, CommandReportSchema, type ReportCommand, REPORT_ROW_SCHEMAS, type ReportRowOf } from "./command-report.ts";
export { type DbtNodeRow, DbtNodeRowSchema } from "./report-rows/dbt.ts";
export { type HealthCheck, HealthCheckSchema } from "./report-rows/health.ts";
export { type DeliveryRow, DeliveryRowSchema } from "./report-rows/notify.ts";
export {
  type OrchestratePlanRow,
  OrchestratePlanRowSchema,
  type OrchestrateReportRow,
  OrchestrateReportRowSchema,
  type OrchestrateStepRow,
  OrchestrateStepRowSchema,
} from "./report-rows/orchestrate.ts";
export { type ProvisionReportRow, ProvisionReportRowSchema } from "./report-rows/provision.ts";
export { type ReportCommandRow, ReportCommandRowSchema } from "./report-rows/report.ts";
export { type SyncReportRow, SyncReportRowSchema } from "./report-rows/sync.ts";
export { type Incident, IncidentSchema, type IncidentState, IncidentStateSchema } from "./incident.ts";
