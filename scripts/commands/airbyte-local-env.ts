import type { AdopsConfig } from "../config/mod.ts";
import { AUTH_MODE_ENV } from "../airbyte/mod.ts";

/** How `adops airbyte-local` authenticates clients (`--auth`). */
export type LocalAuth =
  | { mode: "none" }
  | { mode: "bearer"; token: string }
  | { mode: "client-credentials"; clientId: string; clientSecret: string };

/** Where `adops airbyte-local` writes the environment its printed command uses. */
export const LOCAL_ENV_FILE = ".adops/airbyte-local.env";

/**
 * The environment a fresh clone needs to run adops against the local Airbyte:
 * its URL, the auth mode and credentials it enforces (under the env names
 * platform.yml gives), and a dummy value the stand-in accepts for every
 * source secret the tenants' templates name.
 *
 * @param config The loaded config.
 * @param options The stand-in's URL and auth.
 * @returns Variable name to value, in a stable order.
 * @example
 * ```ts
 * import { makeConfig } from "../config/testing.ts";
 * import { localAirbyteEnv } from "./airbyte-local-env.ts";
 * const env = localAirbyteEnv(makeConfig(), { url: "http://127.0.0.1:8000", auth: { mode: "none" } });
 * console.assert(env.AIRBYTE_BASE_URL === "http://127.0.0.1:8000" && env.AIRBYTE_AUTH_MODE === "none");
 * ```
 */
export function localAirbyteEnv(config: AdopsConfig, options: { url: string; auth: LocalAuth }): Record<string, string> {
  const names = config.platform.airbyte.auth;
  const env: Record<string, string> = { AIRBYTE_BASE_URL: options.url };
  const { auth } = options;
  if (auth.mode === "none") env[AUTH_MODE_ENV] = "none";
  else if (auth.mode === "bearer") {
    env[AUTH_MODE_ENV] = "bearer";
    env[names.token_env ?? "AIRBYTE_API_TOKEN"] = auth.token;
  } else {
    env[AUTH_MODE_ENV] = "client_credentials";
    env[names.client_id_env ?? "AIRBYTE_CLIENT_ID"] = auth.clientId;
    env[names.client_secret_env ?? "AIRBYTE_CLIENT_SECRET"] = auth.clientSecret;
  }
  const secrets = new Set<string>();
  for (const tenant of config.tenants) for (const c of tenant.connections) for (const name of Object.values(c.secretEnv)) secrets.add(name);
  for (const name of [...secrets].sort()) env[name] = `local-dummy-${name.toLowerCase().replace(/_/g, "-")}`;
  return env;
}

/**
 * The env file text (`KEY=value` lines, as `node --env-file` reads them).
 *
 * @param env The variables.
 * @param header Comment lines to put first.
 * @returns The file's text.
 */
export function renderEnvFile(env: Readonly<Record<string, string>>, header: readonly string[]): string {
  return [...header.map((line) => `# ${line}`), ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ""].join("\n");
}

/**
 * Reads an env file written by {@link renderEnvFile} (comments and blank lines skipped).
 *
 * @param text The file's text.
 * @returns The variables.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1] as string] = match[2] as string;
  }
  return env;
}
