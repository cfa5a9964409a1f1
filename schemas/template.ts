import * as v from "valibot";
import { EnvVarName, Platform, SchemaRef } from "./_shared.ts";

const StreamSelection = v.pipe(
  v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.description("Stream name as the source discovers it")),
    sync_mode: v.pipe(v.picklist(["full_refresh", "incremental"]), v.description("How the source reads the stream")),
    destination_sync_mode: v.pipe(
      v.picklist(["append", "overwrite", "append_dedup", "overwrite_dedup"]),
      v.description("How the destination writes it"),
    ),
    cursor_field: v.optional(v.pipe(v.array(v.string()), v.description("Cursor path, required for incremental"))),
    primary_key: v.optional(v.pipe(v.array(v.array(v.string())), v.description("Primary key paths, required for *_dedup"))),
  }),
  v.description("One selected stream and its sync modes"),
);

/** `config/templates/<name>.yml`: a template connection every tenant's connection is cloned from. */
export const TemplateConfigSchema = v.pipe(
  v.strictObject({
    $schema: SchemaRef,
    name: v.pipe(
      v.string(),
      v.regex(/^[a-z][a-z0-9_]*$/, "Must be lower snake case, e.g. meta_metrics"),
      v.description("Template key; AIRBYTE_<SLUG>_<NAME>_* variables use it upper-cased"),
    ),
    description: v.optional(v.pipe(v.string(), v.description("What this connection brings in"))),
    platform: Platform,
    schedule_group: v.pipe(v.string(), v.description("A schedule group of platform.yml")),
    optional: v.optional(v.pipe(v.boolean(), v.description("Provisioned only for tenants that list it under `connections` (LinkedIn, TikTok, GA4, Search Console)"))),
    source: v.pipe(
      v.strictObject({
        definition: v.pipe(v.string(), v.minLength(1), v.description("Airbyte source definition name, e.g. 'Facebook Marketing'")),
        configuration: v.optional(v.pipe(
          v.record(v.string(), v.unknown()),
          v.description("Non-secret connector settings, checked against the connector's own spec (schemas/connectors/) per tenant: '${account_id}' is replaced with the tenant's platform account id, '${account_id:integer}' with it as a number, '${account_name}' with the tenant's account name, '${tenant}' with the slug"),
        )),
        secrets: v.optional(v.pipe(
          v.record(v.string(), EnvVarName),
          v.description("Secret connector fields (dotted path) mapped to the env var that holds each"),
        )),
      }),
      v.description("The source each tenant gets for this template"),
    ),
    template_connection_id: v.optional(v.pipe(v.string(), v.description("Golden connection to clone catalog and operations from"))),
    template_connection_id_env: v.optional(v.pipe(EnvVarName, v.description("Env var with the golden connection id (seed: AIRBYTE_TEMPLATE_<NAME>_CONNECTION_ID)"))),
    streams: v.optional(v.pipe(v.array(StreamSelection), v.description("Streams to select when no template connection is cloned; checked against the connector's catalog (stream names, sync modes, source-defined cursors and keys)"))),
  }),
  v.description("A template connection cloned for every tenant"),
);

/** The parsed template config. */
export type TemplateConfig = v.InferOutput<typeof TemplateConfigSchema>;
