import type { Incident } from "../../schemas/incident.ts";
import type { AdopsConfig } from "../config/mod.ts";

/** The default env var of the on-call webhook when config names none. */
export const DEFAULT_WEBHOOK_ENV = "SLACK_WEBHOOK_URL";

/** Where one incident's messages go. */
export interface AlertRoute {
  /** The env var holding the webhook URL (safe to report). */
  webhookEnv: string;
  /** The webhook URL, or undefined when the variable is unset (a secret: never report it). */
  webhookUrl: string | undefined;
  /** Channel override, when configured. */
  channel: string | undefined;
}

/**
 * Routes an incident: the tenant's own webhook (`slack_webhook_env`) and
 * channel (`slack_channel`) when set, else the platform's
 * (`slack.webhook_env`, default `SLACK_WEBHOOK_URL`, and `slack.channel`).
 * Platform-wide incidents (tenant `*`) go to the platform's.
 *
 * @param incident The incident.
 * @param options The config and the environment.
 * @returns The route.
 * @example
 * ```ts
 * import { routeAlert } from "./route-alert.ts";
 * import { makeConfig } from "../config/testing.ts";
 * const route = routeAlert({ tenant: "acme" } as never, { config: makeConfig(), env: { SLACK_WEBHOOK_URL: "http://127.0.0.1/x" } });
 * console.assert(route.webhookEnv === "SLACK_WEBHOOK_URL" && route.webhookUrl !== undefined);
 * ```
 */
export function routeAlert(
  incident: Pick<Incident, "tenant">,
  options: { config: Pick<AdopsConfig, "platform" | "tenants">; env: Readonly<Record<string, string | undefined>> },
): AlertRoute {
  const slack = options.config.platform.slack;
  const tenant = options.config.tenants.find((t) => t.slug === incident.tenant);
  const webhookEnv = tenant?.slackWebhookEnv ?? slack?.webhook_env ?? DEFAULT_WEBHOOK_ENV;
  const value = options.env[webhookEnv];
  return {
    webhookEnv,
    webhookUrl: value === undefined || value.trim() === "" ? undefined : value.trim(),
    channel: tenant?.slackChannel ?? slack?.channel,
  };
}
