import type { JobFailure } from "./types.ts";

/**
 * What Airbyte's source connectors say when a platform refuses a credential:
 * HTTP 401, `invalid_grant` (Google, Microsoft), AADSTS700082 (a Microsoft
 * refresh token expired for inactivity), Meta's `OAuthException` / "Error
 * validating access token", LinkedIn's "401 Client Error: Unauthorized",
 * TikTok's "Access token is incorrect or has been revoked", and the local
 * stand-in's "Invalid credentials: the access token has expired".
 */
const AUTH_WORDS = /\b401\b|unauthori[sz]ed|invalid[ _-]?(oauth[ _-]?)?(credentials?|grant|token|access[ _-]?token|client)|(token|credentials?)[^.]{0,40}\b(expired|revoked|invalid|incorrect)|\bexpired\b[^.]{0,20}\btoken|OAuthException|error validating access token|AADSTS\d+|authenticat\w* (failed|error)/i;

/**
 * Whether a text reads like an auth failure (a refused or expired credential).
 *
 * @param message A check or failure message.
 * @returns True for auth failures.
 * @example
 * ```ts
 * import { isAuthMessage } from "./auth-failure.ts";
 * console.assert(isAuthMessage("invalid_grant: Token has been expired or revoked."));
 * console.assert(!isAuthMessage("Connection reset by peer"));
 * ```
 */
export function isAuthMessage(message: string | undefined): boolean {
  return message !== undefined && AUTH_WORDS.test(message);
}

/**
 * Whether a sync failure is an auth failure: Airbyte's `config_error` (the
 * user must act) with a message that says the credential was refused.
 * A `system_error` or `transient_error` never is, whatever it says.
 *
 * @param failure The job's failure.
 * @returns True for auth failures.
 * @example
 * ```ts
 * import { isAuthFailure } from "./auth-failure.ts";
 * console.assert(isAuthFailure({ origin: "source", type: "config_error", message: "401 Client Error: Unauthorized" }));
 * console.assert(!isAuthFailure({ origin: "source", type: "system_error", message: "401 Client Error: Unauthorized" }));
 * ```
 */
export function isAuthFailure(failure: JobFailure | undefined): boolean {
  return failure?.type === "config_error" && isAuthMessage(failure.message);
}
