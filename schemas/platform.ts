import * as v from "valibot";
import { Cron, EnvVarName, Identifier, Interval, SchemaRef, TimeZone } from "./_shared.ts";
import { CredentialPoliciesSchema } from "./credential-policy.ts";

const ScheduleGroup = v.pipe(
  v.strictObject({
    description: v.optional(v.pipe(v.string(), v.description("What this group syncs"))),
    cron: v.optional(Cron),
    interval: v.optional(Interval),
    window: v.optional(v.pipe(
      v.strictObject({
        start: v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/, "Must be HH:MM"), v.description("First expected run, tenant time")),
        end: v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/, "Must be HH:MM"), v.description("Last expected run, tenant time")),
      }),
      v.description("When data of this group is expected to be fresh (tenant time); health checks only apply inside it"),
    )),
    fresh_minutes: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Freshness SLA for this group, minutes after the expected run"))),
    timeout_minutes: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Per-sync deadline before the job is cancelled"))),
  }),
  v.description("A schedule group: when connections of this group sync"),
);

/** `config/platform.yml`: platform-wide defaults. */
export const PlatformConfigSchema = v.pipe(
  v.strictObject({
    $schema: SchemaRef,
    timezone: v.pipe(TimeZone, v.description("Default tenant time zone (AIRBYTE_DEFAULT_TIMEZONE overrides)")),
    airbyte: v.pipe(
      v.strictObject({
        base_url: v.pipe(v.string(), v.url("Must be a URL like http://localhost:8000"), v.description("Airbyte server URL, without /api (AIRBYTE_BASE_URL overrides)")),
        auth: v.pipe(
          v.strictObject({
            mode: v.pipe(v.picklist(["none", "bearer", "header", "client_credentials"]), v.description("How to authenticate to Airbyte")),
            token_env: v.optional(EnvVarName),
            header_env: v.optional(EnvVarName),
            client_id_env: v.optional(EnvVarName),
            client_secret_env: v.optional(EnvVarName),
          }),
          v.description("Airbyte authentication; every secret is an env var name"),
        ),
        template_workspace_id: v.optional(v.pipe(v.string(), v.description("Workspace holding the template connections"))),
        template_destination_id: v.optional(v.pipe(v.string(), v.description("Destination of the template connections (AIRBYTE_TEMPLATE_DESTINATION_ID)"))),
        concurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64), v.description("Parallel tenants when provisioning; sync triggers in flight at once (jobs are followed all at the same time)"))),
        request_timeout_seconds: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Timeout of ordinary API calls"))),
        long_timeout_seconds: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Timeout of check_connection and discover_schema (synchronous in Airbyte)"))),
      }),
      v.description("Where Airbyte is and how to reach it"),
    ),
    defaults: v.optional(v.pipe(
      v.strictObject({
        stream_prefix: v.optional(v.pipe(v.string(), v.description("Prefix for every stream when a tenant has none (AIRBYTE_DEFAULT_STREAM_PREFIX)"))),
        destination_namespace: v.optional(v.pipe(Identifier, v.description("Namespace when a tenant has none (AIRBYTE_DEFAULT_DESTINATION_NAMESPACE)"))),
        destination_bucket: v.optional(v.pipe(v.string(), v.description("Landing bucket for file destinations (AIRBYTE_DEFAULT_DESTINATION_BUCKET)"))),
      }),
      v.description("Defaults for tenant fields"),
    )),
    schedule_groups: v.pipe(v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, "Must be lower snake case")), ScheduleGroup), v.description("Named schedule groups, e.g. metrics and daily")),
    sla: v.pipe(
      v.strictObject({
        airbyte_fresh_minutes: v.pipe(v.number(), v.minValue(1), v.description("A sync is fresh when it succeeded less than this many minutes ago")),
        dbt_fresh_hours: v.pipe(v.number(), v.minValue(1), v.description("dbt is fresh when its last run ended less than this many hours ago")),
      }),
      v.description("Health thresholds (runbook)"),
    ),
    retry: v.pipe(
      v.strictObject({
        base: v.pipe(v.number(), v.minValue(1), v.description("Exponential backoff base")),
        initial_delay_seconds: v.optional(v.pipe(v.number(), v.minValue(0), v.description("First retry delay"))),
        max_attempts: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Attempts including the first")),
        max_delay_seconds: v.optional(v.pipe(v.number(), v.minValue(0), v.description("Cap of one backoff delay"))),
        jitter: v.pipe(v.boolean(), v.description("Full jitter on each delay")),
        config_error: v.pipe(
          v.strictObject({
            base_seconds: v.pipe(v.number(), v.minValue(0), v.description("Delay after a configuration error")),
            cap_seconds: v.pipe(v.number(), v.minValue(0), v.description("Cap of configuration-error delays")),
          }),
          v.description("Backoff for failureType config_error"),
        ),
      }),
      v.description("Retry policy for syncs (seed: base 2, 5 attempts, jitter; config errors 300 s capped at 900 s)"),
    ),
    sync: v.optional(v.pipe(
      v.strictObject({
        stuck_after_minutes: v.optional(v.pipe(
          v.number(),
          v.minValue(1),
          v.maxValue(1440),
          v.description("A running job whose records, bytes, attempts and status have not changed for this many minutes is stuck and cancelled (default 5; polls come at least every stuck_after_minutes / stuck_polls)"),
        )),
        stuck_polls: v.optional(v.pipe(
          v.number(),
          v.integer(),
          v.minValue(1),
          v.maxValue(100),
          v.description("And at least this many polls in a row saw no change (default 3)"),
        )),
      }),
      v.description("How adops sync follows jobs: when one that shows no progress is stuck (defaults: 5 minutes, 3 polls, so a frozen job is stuck within 10 minutes)"),
    )),
    slack: v.optional(v.pipe(
      v.strictObject({
        webhook_env: v.pipe(EnvVarName, v.description("Env var holding the on-call incoming-webhook URL")),
        channel: v.optional(v.pipe(v.string(), v.description("On-call channel name, for messages"))),
        runbook_url: v.optional(v.pipe(v.string(), v.description("Link to the runbook, added to alerts"))),
        site_url: v.optional(v.pipe(
          v.string(),
          v.url(),
          v.description("Base URL of the status site (GitHub Pages); alerts link to the tenant's page. The env var ADOPS_SITE_URL overrides it"),
        )),
        reminder_hours: v.optional(v.pipe(v.number(), v.minValue(0), v.description("Quiet period before an open incident is reminded"))),
      }),
      v.description("Slack alerting"),
    )),
    anomalies: v.optional(v.pipe(
      v.strictObject({
        enabled: v.optional(v.pipe(v.boolean(), v.description("Judge records per tenant, stream and day (health's volume_anomaly check)")), true),
        schedule_groups: v.optional(v.pipe(
          v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, "Must be lower snake case"))),
          v.description("Only connections of these schedule groups are judged (their history is read back baseline_weeks + 2 weeks); default every group"),
        )),
        min_history_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(7), v.description("Days with data in the baseline before a day is judged; fewer say 'not enough history', never alarm")), 21),
        baseline_weeks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(3), v.maxValue(12), v.description("Weeks of history in the baseline: the expected value is the median of the same weekday over these weeks")), 6),
        z_threshold: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Modified z-score (Iglewicz & Hoaglin: 0.6745 × deviation / MAD, on log counts) beyond which a day, or the last week's level, is an outlier")), 3.5),
        spike_ratio: v.optional(v.pipe(v.number(), v.minValue(1), v.description("A spike also needs observed ≥ spike_ratio × expected")), 3),
        drop_ratio: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1), v.description("A drop also needs observed ≤ drop_ratio × expected (a drop to zero is its own, critical, finding)")), 0.3),
        decline_ratio: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1), v.description("A decline needs the median daily ratio of the last 7 days to a reference two weeks older to be ≤ decline_ratio")), 0.7),
        min_records: v.optional(v.pipe(v.number(), v.minValue(0), v.description("Days whose observed and expected records are both below this are not judged (quiet streams never alarm)")), 10),
        max_jobs_per_connection: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000), v.description("Bound on the jobs read per connection for the baseline (newest first, pages of 100)")), 1500),
      }),
      v.description("Volume anomalies: records synced per tenant, stream and day against the stream's own history (health's volume_anomaly check; README runbook 'Volume anomalies')"),
    )),
    dbt: v.optional(v.pipe(
      v.strictObject({
        project_dir: v.optional(v.pipe(v.string(), v.description("dbt project folder"))),
        target: v.optional(v.pipe(v.string(), v.description("Default profiles.yml target"))),
        threads: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("dbt threads"))),
      }),
      v.description("dbt settings"),
    )),
    credentials: v.optional(CredentialPoliciesSchema),
  }),
  v.description("Platform-wide defaults for adops"),
);

/** The parsed platform config. */
export type PlatformConfig = v.InferOutput<typeof PlatformConfigSchema>;
