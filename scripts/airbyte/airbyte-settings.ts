import { randomBytes } from "node:crypto";
import type { CommandContext } from "../cli/command.ts";
import type { AdopsConfig } from "../config/types.ts";
import { type AirbyteAuth, resolveAirbyteAuth } from "./auth.ts";
import { type AirbyteClient, createAirbyteClient } from "./client.ts";

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
export async function readAirbyteSettings(ctx: Pick<CommandContext, "env" | "files" | "redactor">, config: AdopsConfig): Promise<AirbyteSettings> {
  const a = config.platform.airbyte;
  const auth = resolveAirbyteAuth(a.auth, ctx.env);
  if (auth.mode === "bearer") ctx.redactor.add(auth.token);
  if (auth.mode === "header") ctx.redactor.add(auth.header);
  if (auth.mode === "client_credentials") ctx.redactor.add(auth.clientSecret);
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
    baseUrl: a.base_url,
    auth,
    concurrency: a.concurrency ?? 4,
    timeoutMs: (a.request_timeout_seconds ?? 30) * 1000,
    longTimeoutMs: (a.long_timeout_seconds ?? 600) * 1000,
    fingerprintKey,
    fingerprintKeyFromEnv: fromEnv,
  };
}

/**
 * The client for a command: settings, the command's clock, signal and redactor.
 *
 * @param ctx The command context.
 * @param settings The settings.
 * @returns The client.
 */
export function clientForCommand(ctx: Pick<CommandContext, "clock" | "signal" | "redactor" | "log">, settings: AirbyteSettings): AirbyteClient {
  return createAirbyteClient({
    baseUrl: settings.baseUrl,
    auth: settings.auth,
    clock: ctx.clock,
    signal: ctx.signal,
    redactor: ctx.redactor,
    timeoutMs: settings.timeoutMs,
    longTimeoutMs: settings.longTimeoutMs,
    onRetry: (e) => ctx.log.debug(`Retrying Airbyte ${e.path} in ${e.delayMs} ms (${e.reason})`, { attempt: e.attempt }),
  });
}
