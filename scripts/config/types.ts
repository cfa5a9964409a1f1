import type { OrchestratorConfig, PlatformConfig, TemplateConfig } from "../../schemas/mod.ts";
import type { PLATFORMS } from "../../schemas/_shared.ts";
import type { SourcePosition } from "../core/mod.ts";
import type { ConfigProblem } from "./problem.ts";
import type { ContractCheckSummary } from "./check-connector-contracts.ts";

/** A canonical platform id (`meta`, `google_ads`, `microsoft_ads`, `linkedin`, `tiktok`, `ga4`, `search_console`). */
export type PlatformId = (typeof PLATFORMS)[number];

/** Where a resolved value came from. */
export type Origin =
  | { kind: "file"; position: SourcePosition }
  | { kind: "env"; variable: string }
  | { kind: "default"; detail: string };

/** A sync schedule after overrides: cron in a time zone, or an interval. */
export type ResolvedSchedule =
  | { kind: "cron"; cron: string; timeZone: string }
  | { kind: "interval"; units: number; timeUnit: "minutes" | "hours" | "days" | "weeks" | "months" };

/** One connection a tenant should have in Airbyte: a template after the tenant's overrides. */
export interface ResolvedConnection {
  /** Tenant slug. */
  tenant: string;
  /** Template name (e.g. `meta_metrics`). */
  template: string;
  /** The template's platform. */
  platform: PlatformId;
  /** Connection name in Airbyte. */
  name: string;
  /** Desired status. */
  status: "active" | "inactive";
  /** Stream prefix for this connection. */
  prefix: string;
  /** Destination namespace (`customformat`). */
  namespace: string;
  /** Existing connection to adopt, when configured. */
  connectionId: string | undefined;
  /** Schedule group name. */
  scheduleGroup: string;
  /** The effective schedule. */
  schedule: ResolvedSchedule;
  /** Per-sync deadline in minutes. */
  timeoutMinutes: number;
  /**
   * Stable tag marking the connection as managed by adops, e.g. `adops:acme:meta_metrics`.
   * Used to match connections when no id is configured.
   */
  managedKey: string;
  /** Secret connector fields (dotted path) mapped to the env var holding each (tenant remaps applied). */
  secretEnv: Record<string, string>;
}

/** A tenant after env overlay and defaults. */
export interface ResolvedTenant {
  slug: string;
  displayName: string;
  timeZone: string;
  workspaceId: string;
  destinationId: string;
  destinationNamespace: string;
  destinationBucket: string | undefined;
  streamPrefix: string;
  slackChannel: string | undefined;
  slackWebhookEnv: string | undefined;
  /** Enabled platforms with the tenant's account on each. */
  platforms: Partial<Record<PlatformId, { accountId: string; accountName?: string | undefined; currency: string | undefined }>>;
  /** The connections this tenant should have, one per applicable template. */
  connections: ResolvedConnection[];
  /** The file the tenant came from, or undefined for env-only tenants (AIRBYTE_TENANTS). */
  file: string | undefined;
  /** Where each value came from, by dotted path (`workspace_id`, `connections.meta_metrics.schedule`, ...). */
  origins: Record<string, Origin>;
}

/** Everything in `config/`, validated and resolved. */
export interface AdopsConfig {
  /** The config folder. */
  dir: string;
  /** `platform.yml`, with env overrides (AIRBYTE_BASE_URL, AIRBYTE_DEFAULT_*) applied. */
  platform: PlatformConfig;
  /** `templates/*.yml` by name. */
  templates: Map<string, TemplateConfig>;
  /** Tenants, sorted by slug. */
  tenants: ResolvedTenant[];
  /** `orchestrator.yml`, or undefined when absent. */
  orchestrator: OrchestratorConfig | undefined;
  /** Env var names that hold secrets, as config names them (for redaction and readiness checks). */
  secretEnvNames: string[];
}

/** The result of loading and validating `config/`. */
export type LoadResult =
  | { ok: true; config: AdopsConfig; problems: ConfigProblem[]; contractCheck?: ContractCheckSummary }
  | { ok: false; problems: ConfigProblem[]; contractCheck?: ContractCheckSummary };
