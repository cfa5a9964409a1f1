import * as v from "valibot";
import { EnvVarName, Identifier, Platform, Schedule, SchemaRef, Slug, TimeZone, Uuid } from "./_shared.ts";

const PlatformAccount = v.pipe(
  v.strictObject({
    enabled: v.optional(v.pipe(v.boolean(), v.description("Whether this platform is on for the tenant (default true)"))),
    account_id: v.pipe(v.string(), v.minLength(1), v.description("The tenant's account on the platform, as its connector's spec takes it: Meta digits without act_, Google Ads 10 digits, LinkedIn digits, TikTok advertiser id; templates use it as ${account_id}")),
    account_name: v.optional(v.pipe(v.string(), v.minLength(1), v.description("The account's name on the platform, for connectors that select accounts by name (Microsoft Advertising's account_names); templates use it as ${account_name}"))),
    currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "Must be an ISO 4217 code like USD"), v.description("Account currency"))),
  }),
  v.description("The tenant's account on one platform"),
);

const ConnectionOverride = v.pipe(
  v.strictObject({
    enabled: v.optional(v.pipe(v.boolean(), v.description("Whether this tenant gets this connection (optional templates default to false)"))),
    name: v.optional(v.pipe(v.string(), v.minLength(1), v.description("Connection name (default '<slug> <template>')"))),
    status: v.optional(v.pipe(v.picklist(["active", "inactive"]), v.description("Desired Airbyte status"))),
    prefix: v.optional(v.pipe(v.string(), v.description("Stream prefix for this connection only"))),
    connection_id: v.optional(v.pipe(Uuid, v.description("Existing connection to adopt and update in place"))),
    schedule: v.optional(Schedule),
    timeout_minutes: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Sync deadline for this connection"))),
  }),
  v.description("Per-template overrides for this tenant"),
);

/** `config/tenants/<slug>.yml`: one tenant. */
export const TenantConfigSchema = v.pipe(
  v.strictObject({
    $schema: SchemaRef,
    slug: Slug,
    display_name: v.pipe(v.string(), v.minLength(1), v.description("Human name")),
    timezone: v.optional(TimeZone),
    workspace_id: v.pipe(Uuid, v.description("Airbyte workspace of the tenant (AIRBYTE_<SLUG>_WORKSPACE_ID)")),
    destination_id: v.pipe(Uuid, v.description("Airbyte destination of the tenant (AIRBYTE_<SLUG>_DESTINATION_ID)")),
    destination_namespace: v.optional(v.pipe(Identifier, v.description("Warehouse schema the tenant's raw tables land in (AIRBYTE_<SLUG>_DESTINATION_NAMESPACE)"))),
    destination_bucket: v.optional(v.pipe(v.string(), v.description("Object-store bucket for file destinations (AIRBYTE_<SLUG>_DESTINATION_BUCKET)"))),
    stream_prefix: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9_]*$/, "Must be lower case letters, digits and underscores"), v.description("Prefix of every stream (AIRBYTE_<SLUG>_STREAM_PREFIX)"))),
    slack_channel: v.optional(v.pipe(v.string(), v.regex(/^#[a-z0-9_-]+$/, "Must be a channel like #acme-alerts"), v.description("Alerts for this tenant go here instead of the on-call channel"))),
    slack_webhook_env: v.optional(v.pipe(EnvVarName, v.description("Env var with a webhook for this tenant's channel"))),
    platforms: v.pipe(v.record(Platform, PlatformAccount), v.description("Platforms the tenant advertises on")),
    schedules: v.optional(v.pipe(v.record(v.string(), Schedule), v.description("Per schedule-group overrides (AIRBYTE_<SLUG>_<GROUP>_CRON)"))),
    connections: v.optional(v.pipe(v.record(v.string(), ConnectionOverride), v.description("Per-template overrides, keyed by template name"))),
    secrets: v.optional(v.pipe(
      v.record(EnvVarName, EnvVarName),
      v.description("Use a tenant-specific env var in place of a template's (e.g. AIRBYTE_META_ACCESS_TOKEN: AIRBYTE_ACME_META_ACCESS_TOKEN)"),
    )),
  }),
  v.description("One tenant of the platform"),
);

/** The parsed tenant config. */
export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;
