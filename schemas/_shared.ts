import * as v from "valibot";

/** An environment variable name (upper snake case). Secrets are referenced by name only. */
export const EnvVarName = v.pipe(
  v.string(),
  v.regex(/^[A-Z][A-Z0-9_]*$/, "Must be an environment variable name like AIRBYTE_META_ACCESS_TOKEN, not a value"),
  v.description("Name of the environment variable that holds the value (the value itself never goes in a file)"),
);

/** A UUID as Airbyte uses for workspaces, sources, destinations and connections. */
export const Uuid = v.pipe(
  v.string(),
  v.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "Must be a UUID like 3f1c9a2e-0b7d-4c55-9d1e-2a7b8c9d0e1f"),
  v.description("An Airbyte UUID"),
);

/** A 5-field Unix cron expression (checked semantically by the validator). */
export const Cron = v.pipe(
  v.string(),
  v.description("5-field cron (minute hour day-of-month month day-of-week), evaluated in the tenant's time zone, e.g. '0 6-22 * * *'"),
);

/** An IANA time zone name (checked semantically by the validator). */
export const TimeZone = v.pipe(v.string(), v.description("IANA time zone, e.g. America/Jamaica"));

/** An interval schedule, Airbyte's `basic` schedule. */
export const Interval = v.pipe(
  v.strictObject({
    units: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("How many time units between syncs")),
    time_unit: v.pipe(v.picklist(["minutes", "hours", "days", "weeks", "months"]), v.description("The unit of `units`")),
  }),
  v.description("Interval schedule (Airbyte 'basic'): every `units` `time_unit`"),
);

/** A schedule: cron or interval (cron wins when both are given). */
export const Schedule = v.pipe(
  v.strictObject({
    cron: v.optional(Cron),
    interval: v.optional(Interval),
  }),
  v.description("A schedule: a cron expression, an interval fallback, or both (cron wins)"),
);

/** Canonical platform ids. */
export const PLATFORMS = ["meta", "google_ads", "microsoft_ads", "linkedin", "tiktok", "ga4", "search_console"] as const;

/** One of {@link PLATFORMS}. */
export const Platform = v.pipe(v.picklist(PLATFORMS), v.description("Ad or analytics platform id"));

/** A tenant slug: lower case, digits and dashes. */
export const Slug = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9-]{1,39}$/, "Must be lower case letters, digits and dashes, starting with a letter (2-40 characters)"),
  v.description("Tenant slug; AIRBYTE_<SLUG>_* variables use it upper-cased with dashes as underscores"),
);

/** A warehouse identifier (namespace or prefix). */
export const Identifier = v.pipe(
  v.string(),
  v.regex(/^[a-z_][a-z0-9_]*$/, "Must be lower case letters, digits and underscores"),
);

/** The `$schema` line editors use (`yaml-language-server: $schema=...` or a `$schema` key). */
export const SchemaRef = v.optional(v.pipe(v.string(), v.description("JSON Schema reference for editors; ignored by adops")));
