/**
 * Configuration: load `config/` with positions, overlay the seed's AIRBYTE_*
 * variables, validate (schema + semantics), and resolve tenants.
 *
 * @module
 */

export * from "./cron.ts";
export { tenantEnvPrefix, parseTenantList, templateConnectionEnv } from "./env-names.ts";
export { loadConfig, type LoadConfigOptions } from "./load-config.ts";
export { checkOrchestrator, findCycle, PIPELINE_NAMES } from "./orchestrator-checks.ts";
export { type ConfigProblem, formatProblem } from "./problem.ts";
export { describeOrigin } from "./resolve-tenants.ts";
export { isPlaceholder, tokenShape } from "./secret-checks.ts";
export type * from "./types.ts";

export { explainTenant, type ExplainRow } from "./explain.ts";
export { checkAgainstSchema } from "./schema-problems.ts";
export { parseYamlSource } from "./yaml-source.ts";
export { renderValidationSummary } from "./validation-summary.ts";
export { checkConnectorContracts, type ContractCheckSummary } from "./check-connector-contracts.ts";
export { connectorConfiguration, SECRET_PLACEHOLDER } from "./check-connector-config.ts";
export { availableStreams, checkTemplateStreams } from "./check-template-streams.ts";
export {
  type CatalogStream,
  CONNECTOR_FOLDERS,
  type ConnectorContract,
  type ConnectorContracts,
  DEFAULT_CONNECTORS_DIR,
  type JsonSchema,
  loadConnectorContracts,
  PLATFORM_CONNECTORS,
} from "./connector-contracts.ts";
export { customGaqlStreams, gaqlFields } from "./custom-gaql-streams.ts";
export { closestNames, editDistance } from "./schema-problems.ts";
export { substitute, templateVariables } from "./substitute.ts";
