import { describeOrigin } from "./resolve-tenants.ts";
import type { ResolvedTenant } from "./types.ts";

/** One resolved value and where it came from. */
export interface ExplainRow {
  /** Dotted path, e.g. `connections.meta_metrics.schedule`. */
  key: string;
  /** The value, as shown. */
  value: string;
  /** `file:line:col`, `env NAME` or `default (…)`. */
  origin: string;
}

function show(value: unknown): string {
  if (value === undefined) return "(unset)";
  if (typeof value === "string") return value === "" ? '""' : value;
  return JSON.stringify(value);
}

/**
 * Lists every resolved value of a tenant with its origin (file:line, env var,
 * default), for `adops validate --explain <tenant>`.
 *
 * @param tenant The resolved tenant.
 * @returns Rows in a stable order.
 * @example
 * ```ts
 * import { explainTenant } from "./explain.ts";
 * import { makeTenant } from "./testing.ts";
 * const rows = explainTenant(makeTenant({ origins: { workspace_id: { kind: "env", variable: "AIRBYTE_ACME_WORKSPACE_ID" } } }));
 * console.assert(rows.find((r) => r.key === "workspace_id")?.origin === "env AIRBYTE_ACME_WORKSPACE_ID");
 * ```
 */
export function explainTenant(tenant: ResolvedTenant): ExplainRow[] {
  const o = tenant.origins;
  const rows: ExplainRow[] = [
    { key: "timezone", value: tenant.timeZone, origin: describeOrigin(o.timezone) },
    { key: "workspace_id", value: tenant.workspaceId, origin: describeOrigin(o.workspace_id) },
    { key: "destination_id", value: tenant.destinationId, origin: describeOrigin(o.destination_id) },
    { key: "destination_namespace", value: tenant.destinationNamespace, origin: describeOrigin(o.destination_namespace) },
    { key: "destination_bucket", value: show(tenant.destinationBucket), origin: describeOrigin(o.destination_bucket) },
    { key: "stream_prefix", value: show(tenant.streamPrefix), origin: describeOrigin(o.stream_prefix) },
  ];
  for (const [id, account] of Object.entries(tenant.platforms)) {
    rows.push({ key: `platforms.${id}`, value: `${account.accountId}${account.currency ? ` (${account.currency})` : ""}`, origin: describeOrigin(o[`platforms.${id}`]) });
  }
  for (const c of tenant.connections) {
    const base = `connections.${c.template}`;
    const schedule = c.schedule.kind === "cron" ? `cron '${c.schedule.cron}' in ${c.schedule.timeZone}` : `every ${c.schedule.units} ${c.schedule.timeUnit}`;
    rows.push(
      { key: `${base}.name`, value: c.name, origin: describeOrigin(o[`${base}.name`]) },
      { key: `${base}.status`, value: c.status, origin: describeOrigin(o[`${base}.status`]) },
      { key: `${base}.prefix`, value: show(c.prefix), origin: describeOrigin(o[`${base}.prefix`]) },
      { key: `${base}.connection_id`, value: show(c.connectionId), origin: describeOrigin(o[`${base}.connection_id`]) },
      { key: `${base}.schedule`, value: schedule, origin: describeOrigin(o[`${base}.schedule`]) },
    );
    for (const [field, envName] of Object.entries(c.secretEnv)) {
      rows.push({ key: `${base}.secrets.${field}`, value: `$${envName}`, origin: "template (value never shown)" });
    }
  }
  return rows;
}
