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
  /** Why the variable's value is not used (it never quotes the value). */
  refused?: string;
}

/** Hosts of Slack incoming webhooks (commercial and GovSlack). */
const SLACK_WEBHOOK_HOSTS = new Set(["hooks.slack.com", "hooks.slack-gov.com"]);

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a value is a Slack incoming-webhook URL (`https://hooks.slack.com/...`),
 * or a loopback one (the local Slack stand-in; nothing leaves the machine).
 *
 * @param value The variable's value.
 * @returns True for an https URL on a Slack webhook host, or a loopback URL.
 */
export function isSlackWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (LOOPBACK.has(url.hostname)) return url.protocol === "http:" || url.protocol === "https:";
    return url.protocol === "https:" && SLACK_WEBHOOK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Routes an incident: the tenant's own webhook (`slack_webhook_env`) and
 * channel (`slack_channel`) when set, else the platform's
 * (`slack.webhook_env`, default `SLACK_WEBHOOK_URL`, and `slack.channel`).
 * Platform-wide incidents (tenant `*`) go to the platform's.
 * Config only names the variable, so inside GitHub Actions (where a pull
 * request could rename it to another secret) a value that is not a Slack
 * webhook URL is refused: the message goes nowhere and the value is never shown.
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
  const value = options.env[webhookEnv]?.trim();
  const channel = tenant?.slackChannel ?? slack?.channel;
  if (value !== undefined && value !== "" && options.env.GITHUB_ACTIONS === "true" && !isSlackWebhookUrl(value)) {
    return {
      webhookEnv,
      webhookUrl: undefined,
      channel,
      refused: `Env var '${webhookEnv}' does not hold a Slack incoming-webhook URL (https://hooks.slack.com/...): refusing to send alerts to it; check slack.webhook_env / slack_webhook_env in config`,
    };
  }
  return { webhookEnv, webhookUrl: value === undefined || value === "" ? undefined : value, channel };
}
