/**
 * The Config API operations (paths under `/api/v1/`) the project uses and the
 * stand-in serves; `config-subset.json` holds exactly these.
 *
 * @example
 * ```ts
 * import { CONTRACT_PATHS } from "./contract-paths.ts";
 * console.assert(CONTRACT_PATHS.includes("connections/sync"));
 * ```
 */
export const CONTRACT_PATHS = [
  "applications/token",
  "workspaces/get",
  "source_definitions/get",
  "source_definition_specifications/get",
  "source_definitions/list",
  "destination_definitions/get",
  "destination_definitions/list",
  "sources/get",
  "sources/list",
  "sources/create",
  "sources/update",
  "sources/check_connection",
  "sources/discover_schema",
  "destinations/get",
  "destinations/list",
  "destinations/create",
  "destinations/update",
  "destinations/check_connection",
  "connections/create",
  "connections/update",
  "connections/get",
  "connections/list",
  "connections/status",
  "connections/delete",
  "connections/sync",
  "connections/reset",
  "jobs/get",
  "jobs/list",
  "jobs/cancel",
] as const;

/** One of {@link CONTRACT_PATHS}. */
export type ContractPath = (typeof CONTRACT_PATHS)[number];
