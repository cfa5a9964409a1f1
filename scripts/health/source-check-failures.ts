import type { RunReport } from "../../schemas/report.ts";
import { isAuthMessage } from "./auth-failure.ts";
import type { SourceCheckFailure } from "./evaluate-credentials.ts";

const CHECK_FAILED = "Source check failed: ";

/**
 * The sources whose `sources/check_connection` failed with an auth error, as
 * `adops provision` reports them (a row whose error is `Source check failed:
 * <Airbyte's message>`): the evidence `credential_expiring` uses to call a
 * secret expired. Any other report, and other failures, give none.
 *
 * @param report The latest provision run report, when there is one.
 * @returns The failures, dated by the report's end.
 * @example
 * ```ts
 * import { sourceCheckFailures } from "./source-check-failures.ts";
 * const report = { command: "provision", ended_at: "2026-11-23T12:00:00.000Z", rows: [{ key: "adops:acme:meta_metrics", error: "Source check failed: Invalid credentials" }] } as never;
 * console.assert(sourceCheckFailures(report)[0]?.key === "adops:acme:meta_metrics");
 * ```
 */
export function sourceCheckFailures(report: RunReport | undefined): SourceCheckFailure[] {
  if (report === undefined || report.command !== "provision") return [];
  const at = Date.parse(report.ended_at);
  const out: SourceCheckFailure[] = [];
  for (const row of report.rows) {
    const { key, error } = row as { key?: unknown; error?: unknown };
    if (typeof key !== "string" || typeof error !== "string" || !error.startsWith(CHECK_FAILED)) continue;
    const message = error.slice(CHECK_FAILED.length);
    if (isAuthMessage(message)) out.push({ key, message, at });
  }
  return out;
}
