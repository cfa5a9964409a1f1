import { randomBytes } from "node:crypto";
import type { CommandContext } from "../cli/command.ts";
import { ConfigError } from "../core/mod.ts";
import { type AirbyteAuth, type AirbyteClient, createAirbyteClient, resolveAirbyteAuth } from "../airbyte/mod.ts";
import type { AdopsConfig } from "../config/mod.ts";
import { createAirbyteSyncApi, type SyncApi } from "../sync/mod.ts";

/** Everything a command needs to reach Airbyte, read in one place. */
export interface AirbyteSettings {
  /** `platform.airbyte.base_url` (already overridden by AIRBYTE_BASE_URL by the config loader). */
  baseUrl: string;
  auth: AirbyteAuth;
  /** Parallel tenants. */
  concurrency: number;
  timeoutMs: number;
  longTimeoutMs: number;
  /** Key of the secret fingerprints (ADOPS_FINGERPRINT_KEY, else a local key file). */
  fingerprintKey: string;
  /** Whether the fingerprint key came from the environment. */
  fingerprintKeyFromEnv: boolean;
}

/** Env var holding the key of the secret fingerprints. */
export const FINGERPRINT_KEY_ENV = "ADOPS_FINGERPRINT_KEY";

/**
 * Reads the Airbyte settings of a command: platform.yml plus the env vars it
 * names for auth, and the fingerprint key.
 *
 * @param ctx The command context (env, files, redactor).
 * @param config The loaded config.
 * @returns The settings.
 * @throws {ConfigError} When an auth env var is missing.
 */
export async function readAirbyteSettings(ctx: Pick<CommandContext, "env" | "files" | "redactor" | "github">, config: AdopsConfig): Promise<AirbyteSettings> {
  const connection = connectionSettings(ctx, config);
  let fingerprintKey = ctx.env[FINGERPRINT_KEY_ENV] ?? "";
  const fromEnv = fingerprintKey !== "";
  if (!fromEnv) {
    const path = ".adops/fingerprint-key";
    fingerprintKey = (await ctx.files.tryReadText(path))?.trim() ?? "";
    if (fingerprintKey === "") {
      fingerprintKey = randomBytes(32).toString("hex");
      await ctx.files.writeText(path, `${fingerprintKey}\n`);
    }
  }
  ctx.redactor.add(fingerprintKey);
  return {
    ...connection,
    fingerprintKey,
    fingerprintKeyFromEnv: fromEnv,
  };
}

/** Options of {@link airbyteClientFor}. */
export interface AirbyteClientForOptions {
  /**
   * Whether the command's abort signal cancels requests in flight. Off for
   * syncs: cancelling jobs must still work after an interrupt.
   * @default true
   */
  abortOnSignal?: boolean;
  /** Another fetch (tests, the accelerated clock). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * The one Airbyte client factory of adops: the settings (URL, auth, timeouts),
 * the command's clock, signal and redactor, and retries logged at debug level.
 * Every command that talks to Airbyte builds its client here.
 *
 * @param ctx The command context.
 * @param settings The settings ({@link readAirbyteSettings}).
 * @param options Signal use and fetch.
 * @returns The client.
 * @example
 * ```ts ignore
 * const client = airbyteClientFor(ctx, await readAirbyteSettings(ctx, config));
 * ```
 */
export function airbyteClientFor(
  ctx: Pick<CommandContext, "clock" | "signal" | "redactor" | "log">,
  settings: Pick<AirbyteSettings, "baseUrl" | "auth" | "timeoutMs" | "longTimeoutMs">,
  options: AirbyteClientForOptions = {},
): AirbyteClient {
  return createAirbyteClient({
    baseUrl: settings.baseUrl,
    auth: settings.auth,
    clock: ctx.clock,
    ...(options.abortOnSignal === false ? {} : { signal: ctx.signal }),
    redactor: ctx.redactor,
    timeoutMs: settings.timeoutMs,
    longTimeoutMs: settings.longTimeoutMs,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    onRetry: (e) => ctx.log.debug(`Retrying Airbyte ${e.path} in ${e.delayMs} ms (${e.reason})`, { attempt: e.attempt }),
  });
}

/**
 * The sync engine's Airbyte port for a command, from the same factory. Needs no
 * fingerprint key, so it reads only the URL, auth and timeouts.
 *
 * @param ctx The command context.
 * @param config The loaded config.
 * @param options Signal use (default off: cancelling jobs must work after an interrupt) and fetch.
 * @returns The port.
 * @throws {ConfigError} When an auth env var is missing.
 */
export function syncApiFor(
  ctx: Pick<CommandContext, "clock" | "signal" | "redactor" | "log" | "env" | "github">,
  config: AdopsConfig,
  options: AirbyteClientForOptions = {},
): SyncApi {
  return createAirbyteSyncApi(airbyteClientFor(ctx, connectionSettings(ctx, config), { abortOnSignal: false, ...options }));
}

/**
 * URL, auth and timeouts from platform.yml and the env vars it names; secrets
 * registered with the redactor.
 *
 * @param ctx The command context.
 * @param config The loaded config.
 * @returns The connection part of the settings.
 * @throws {ConfigError} When an auth env var is missing.
 */
export function connectionSettings(
  ctx: Pick<CommandContext, "env" | "redactor" | "github">,
  config: AdopsConfig,
): Pick<AirbyteSettings, "baseUrl" | "auth" | "timeoutMs" | "longTimeoutMs" | "concurrency"> {
  const a = config.platform.airbyte;
  const auth = resolveAirbyteAuth(a.auth, ctx.env);
  // Inside Actions the credentials come from the repository; so must the host they go to.
  // platform.yml is a file a pull request can change, so its base_url is not trusted there.
  if (ctx.github !== undefined && auth.mode !== "none" && !ctx.env.AIRBYTE_BASE_URL) {
    throw new ConfigError(`Refusing to send Airbyte credentials to '${a.base_url}', which only platform.yml names`, {
      hint: "Inside GitHub Actions set the AIRBYTE_BASE_URL repository (or environment) variable; a config file cannot choose where secrets go",
    });
  }
  if (auth.mode === "bearer") ctx.redactor.add(auth.token);
  if (auth.mode === "header") ctx.redactor.add(auth.header);
  if (auth.mode === "client_credentials") ctx.redactor.add(auth.clientSecret);
  return {
    baseUrl: a.base_url,
    auth,
    concurrency: a.concurrency ?? 4,
    timeoutMs: (a.request_timeout_seconds ?? 30) * 1000,
    longTimeoutMs: (a.long_timeout_seconds ?? 600) * 1000,
  };
}
