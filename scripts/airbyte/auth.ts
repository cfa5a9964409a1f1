import type { PlatformConfig } from "../../schemas/mod.ts";
import { ConfigError } from "../core/mod.ts";

/** How the client authenticates. Secrets are values here, read from env in one place. */
export type AirbyteAuth =
  | { mode: "none" }
  | { mode: "bearer"; token: string }
  | { mode: "header"; header: string }
  | { mode: "client_credentials"; clientId: string; clientSecret: string };

/** Env var that overrides `platform.yml` `airbyte.auth.mode` (what `adops airbyte-local --auth` prints). */
export const AUTH_MODE_ENV = "AIRBYTE_AUTH_MODE";

const MODES = ["none", "bearer", "header", "client_credentials"] as const;

/**
 * Reads the auth settings of `platform.yml` and the env vars they name:
 * `token_env` (bearer), `header_env` (default `AIRBYTE_API_AUTH_HEADER`, the
 * seed's ready header), `client_id_env` / `client_secret_env`. `AIRBYTE_AUTH_MODE`
 * overrides the mode, like `AIRBYTE_BASE_URL` overrides the URL.
 *
 * @param settings `platform.airbyte.auth`.
 * @param env The environment.
 * @returns The auth with secret values.
 * @throws {ConfigError} When a named variable is missing or empty, or `AIRBYTE_AUTH_MODE` is not a mode.
 * @example
 * ```ts
 * import { resolveAirbyteAuth } from "./auth.ts";
 * const auth = resolveAirbyteAuth({ mode: "bearer", token_env: "T" }, { T: "abc" });
 * console.assert(auth.mode === "bearer" && auth.token === "abc");
 * ```
 */
export function resolveAirbyteAuth(settings: PlatformConfig["airbyte"]["auth"], env: Readonly<Record<string, string | undefined>>): AirbyteAuth {
  const override = env[AUTH_MODE_ENV];
  if (override !== undefined && override !== "" && !(MODES as readonly string[]).includes(override)) {
    throw new ConfigError(`${AUTH_MODE_ENV} '${override}' is not an Airbyte auth mode`, { hint: `Use one of ${MODES.join(", ")}` });
  }
  const mode = override !== undefined && override !== "" ? override as (typeof MODES)[number] : settings.mode;
  function need(name: string | undefined, fallback: string, what: string): string {
    const variable = name ?? fallback;
    const value = env[variable];
    if (value === undefined || value === "") {
      throw new ConfigError(`Airbyte auth mode '${mode}' needs ${what} in env '${variable}', which is not set`, {
        hint: `Set ${variable}, or change airbyte.auth in config/platform.yml`,
      });
    }
    return value;
  }
  switch (mode) {
    case "none":
      return { mode: "none" };
    case "bearer":
      return { mode: "bearer", token: need(settings.token_env, "AIRBYTE_API_TOKEN", "a token") };
    case "header":
      return { mode: "header", header: need(settings.header_env, "AIRBYTE_API_AUTH_HEADER", "an Authorization header") };
    case "client_credentials":
      return {
        mode: "client_credentials",
        clientId: need(settings.client_id_env, "AIRBYTE_CLIENT_ID", "a client id"),
        clientSecret: need(settings.client_secret_env, "AIRBYTE_CLIENT_SECRET", "a client secret"),
      };
  }
}
