import type { PlatformConfig } from "../../schemas/mod.ts";
import { resolveAirbyteAuth } from "../airbyte/auth.ts";
import { createAirbyteClient } from "../airbyte/client.ts";
import type { Redactor } from "../cli/redact.ts";
import type { Clock } from "../runtime/clock.ts";
import { createAirbyteSyncApi } from "./airbyte-sync-api.ts";
import type { SyncApi } from "./sync-api.ts";

/**
 * Builds the real Airbyte port from `platform.yml` and the environment: the
 * Config API client (auth from the env vars config names, timeouts from
 * `airbyte.request_timeout_seconds`) wrapped for the sync engine. No client-wide
 * abort signal is set on purpose: cancelling jobs must still work after an abort.
 *
 * @param platform The platform config.
 * @param options Environment, clock, redactor, and an optional fetch (tests).
 * @returns The port.
 * @throws {ConfigError} When an auth env var is missing.
 * @example
 * ```ts ignore
 * const api = createSyncApiFromConfig(config.platform, { env: ctx.env, clock: ctx.clock, redactor: ctx.redactor });
 * ```
 */
export function createSyncApiFromConfig(
  platform: PlatformConfig,
  options: { env: Readonly<Record<string, string | undefined>>; clock: Clock; redactor?: Redactor; fetch?: typeof fetch },
): SyncApi {
  const airbyte = platform.airbyte;
  const client = createAirbyteClient({
    baseUrl: airbyte.base_url,
    auth: resolveAirbyteAuth(airbyte.auth, options.env),
    clock: options.clock,
    timeoutMs: (airbyte.request_timeout_seconds ?? 30) * 1000,
    ...(options.redactor === undefined ? {} : { redactor: options.redactor }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return createAirbyteSyncApi(client);
}
