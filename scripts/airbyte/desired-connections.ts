import type { TemplateConfig } from "../../schemas/mod.ts";
import { type AdopsConfig, substitute, templateVariables } from "../config/mod.ts";
import type { AirbyteSchedule } from "./client.ts";
import { toAirbyteSchedule } from "./to-airbyte-schedule.ts";

/** A stream selection (the template file's shape). */
export type StreamSelection = NonNullable<TemplateConfig["streams"]>[number];

/** One connection (and its source) a tenant should have, as Airbyte will store it. */
export interface DesiredConnection {
  /** Stable managed key, `adops:<tenant>:<template>`; also the source's name in Airbyte. */
  key: string;
  tenant: string;
  template: string;
  platform: string;
  workspaceId: string;
  destinationId: string;
  /** Existing connection to adopt (config `connection_id`). */
  adoptConnectionId: string | undefined;
  /** Golden connection whose catalog, sync modes and operations are copied. */
  templateConnectionId: string | undefined;
  source: {
    /** Source name in Airbyte (= key). */
    name: string;
    definitionName: string;
    /** Non-secret configuration, `${account_id}` replaced. */
    configuration: Record<string, unknown>;
    /** Secret field (dotted path) -> env var name. */
    secretEnv: Record<string, string>;
  };
  connection: {
    name: string;
    status: "active" | "inactive";
    namespaceDefinition: "customformat";
    namespaceFormat: string;
    prefix: string;
    /** The Airbyte schedule, or undefined when it cannot be expressed (see `scheduleError`). */
    schedule: AirbyteSchedule | undefined;
    scheduleError: string | undefined;
  };
  /** Streams to select when there is no template connection. */
  streams: StreamSelection[] | undefined;
}

/**
 * What every tenant's connections should look like, from config alone (pure).
 *
 * @param config The loaded config.
 * @param options The environment (template connection ids) and an optional tenant filter.
 * @returns One desired connection per tenant and template, sorted by key.
 * @example
 * ```ts
 * import { makeConfig } from "../config/testing.ts";
 * import { buildDesiredConnections } from "./desired-connections.ts";
 * const desired = buildDesiredConnections(makeConfig({ templates: new Map() }), { env: {} });
 * console.assert(desired.length === 0);
 * ```
 */
export function buildDesiredConnections(
  config: AdopsConfig,
  options: { env: Readonly<Record<string, string | undefined>>; tenants?: readonly string[] },
): DesiredConnection[] {
  const out: DesiredConnection[] = [];
  for (const tenant of config.tenants) {
    if (options.tenants !== undefined && options.tenants.length > 0 && !options.tenants.includes(tenant.slug)) continue;
    for (const c of tenant.connections) {
      const template = config.templates.get(c.template);
      if (template === undefined) continue;
      let schedule: AirbyteSchedule | undefined;
      let scheduleError: string | undefined;
      try {
        schedule = toAirbyteSchedule(c.schedule);
      } catch (error) {
        scheduleError = error instanceof Error ? error.message : String(error);
      }
      const envId = template.template_connection_id_env ? options.env[template.template_connection_id_env] : undefined;
      out.push({
        key: c.managedKey,
        tenant: tenant.slug,
        template: c.template,
        platform: c.platform,
        workspaceId: tenant.workspaceId,
        destinationId: tenant.destinationId,
        adoptConnectionId: c.connectionId,
        templateConnectionId: template.template_connection_id ?? (envId === "" ? undefined : envId),
        source: {
          name: c.managedKey,
          definitionName: template.source.definition,
          configuration: substitute(template.source.configuration ?? {}, templateVariables(tenant, c.platform)) as Record<string, unknown>,
          secretEnv: c.secretEnv,
        },
        connection: {
          name: c.name,
          status: c.status,
          namespaceDefinition: "customformat",
          namespaceFormat: c.namespace,
          prefix: c.prefix,
          schedule,
          scheduleError,
        },
        streams: template.streams,
      });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
