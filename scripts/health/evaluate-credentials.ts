import type { CredentialPolicies, CredentialPolicy } from "../../schemas/credential-policy.ts";
import type { CREDENTIAL_STATUSES } from "../../schemas/report-rows/health.ts";
import type { RotationRecord } from "../../schemas/secret-fingerprints.ts";
import type { PlatformId, ResolvedTenant } from "../config/mod.ts";
import { formatDuration } from "../core/mod.ts";
import { HOUR, iso, isTerminal, newestFirst, RUNBOOK } from "./_shared.ts";
import { isAuthFailure } from "./auth-failure.ts";
import type { HealthCheck, JobHistoryResult } from "./types.ts";

/** Status of one credential's lifetime check. */
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** A source whose `sources/check_connection` failed with an auth error (from the latest provision report). */
export interface SourceCheckFailure {
  /** The managed key (`adops:<tenant>:<template>`, the source's name). */
  key: string;
  /** The check's message (already redacted). */
  message: string;
  /** When the check ran (epoch ms). */
  at: number;
}

/** Options of {@link evaluateCredentials}. */
export interface EvaluateCredentialsOptions {
  /** The checker's clock reading (epoch ms). */
  now: number;
  /** platform.yml `credentials:`; no policy, no check. */
  policies: CredentialPolicies | undefined;
  /** Rotation dates from the fingerprint store, by managed key then field. */
  rotations: RotationRecord;
  /** Sources whose check failed with an auth error. @default none */
  checkFailures?: readonly SourceCheckFailure[];
}

const DAY = 24 * HOUR;
const PLATFORM_NAMES: Record<PlatformId, string> = {
  meta: "Meta",
  google_ads: "Google Ads",
  microsoft_ads: "Microsoft Ads",
  linkedin: "LinkedIn",
  tiktok: "TikTok",
  ga4: "GA4",
  search_console: "Search Console",
};
const RANK: Record<CredentialStatus, number> = { ok: 0, not_checked: 1, expiring: 2, expired: 3 };

interface Verdict {
  key: string;
  status: CredentialStatus;
  /** When it expires (or expired) by its policy; undefined when unknown. */
  expiresAt: number | undefined;
  since: number | undefined;
  message: string;
  details: Record<string, unknown>;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function inDays(ms: number): string {
  if (ms < DAY) return formatDuration(Math.max(0, ms));
  const days = Math.floor(ms / DAY);
  return `${days} day${days === 1 ? "" : "s"}`;
}

function judge(name: string, key: string, policy: CredentialPolicy, facts: { rotation: RotationRecord[string][string] | undefined; lastUsed: number | undefined; refused: { source: string; at: number; message: string; job_id?: number } | undefined; now: number }): Verdict {
  const { rotation, lastUsed, refused, now } = facts;
  const rotatedAt = rotation === undefined ? undefined : Date.parse(rotation.rotated_at);
  const rotated = rotation === undefined ? "no rotation date on record" : `rotated ${day(rotatedAt as number)}${rotation.estimated ? " or earlier" : ""}`;
  const unused = policy.kind === "expires_unused";
  const rule = `policy: ${policy.days} days${unused ? " unused" : ""}`;
  const base = { key, kind: policy.kind, days: policy.days, warn_days: policy.warn_days, rotated_at: rotation?.rotated_at ?? null, rotated_at_estimated: rotation?.estimated === true, last_used_at: iso(lastUsed) };
  // The platform refused it after its last rotation: expired whatever the clock says.
  if (refused !== undefined && (rotatedAt === undefined || refused.at >= rotatedAt)) {
    const what = refused.source === "sync" ? `sync job ${refused.job_id} failed` : "the source check failed";
    return {
      key,
      status: "expired",
      expiresAt: refused.at,
      since: refused.at,
      message: `${name} was refused (${what}: ${refused.message}); rotate it (${rotated}, ${rule})`,
      details: { ...base, evidence: refused },
    };
  }
  if (rotatedAt === undefined) {
    return { key, status: "not_checked", expiresAt: undefined, since: undefined, message: `${name}: no rotation date on record; run adops provision to record one (${rule})`, details: { ...base, evidence: null } };
  }
  const from = unused && lastUsed !== undefined && lastUsed > rotatedAt ? lastUsed : rotatedAt;
  const expiresAt = from + policy.days * DAY;
  const warnAt = expiresAt - policy.warn_days * DAY;
  const used = unused && lastUsed !== undefined ? `, last used ${day(lastUsed)}` : "";
  const facts2 = { ...base, expires_at: iso(expiresAt), evidence: null };
  if (now >= expiresAt) {
    return { key, status: "expired", expiresAt, since: expiresAt, message: `${name} expired ${inDays(now - expiresAt)} ago (${rotated}${used}, ${rule})`, details: facts2 };
  }
  const status = now >= warnAt ? "expiring" : "ok";
  return { key, status, expiresAt, since: status === "ok" ? rotatedAt : warnAt, message: `${name} expires in ${inDays(expiresAt - now)}${unused ? " unused" : ""} (${rotated}${used}, ${rule})`, details: facts2 };
}

/**
 * Judges the lifetime of one tenant's secrets (pure): one `credential_expiring`
 * check per platform and secret field that has a policy in platform.yml,
 * subject `<platform>:<field>`. `ok`, then `expiring` from `warn_days` before
 * the expiry, `expired` past it, where the expiry is the rotation date plus
 * `days` (`fixed_lifetime`) or the newest successful sync of a connection
 * using the source, or the rotation when later, plus `days`
 * (`expires_unused`). A source the platform refused after its last rotation
 * (the newest sync failed with an auth `config_error`, or the source check
 * failed with one) is `expired` with that evidence. `not_checked` when no
 * rotation date is on record. A field used by several connections (one source
 * each) reports the worst of them.
 *
 * @param tenant The tenant (its connections' platforms, managed keys and secret fields).
 * @param histories Each connection's job history, in `tenant.connections` order.
 * @param options Clock reading, policies, rotation dates, check failures.
 * @returns The checks, sorted by subject.
 * @example
 * ```ts
 * import { evaluateCredentials } from "./evaluate-credentials.ts";
 * import { makeConnection, makeTenant } from "../config/testing.ts";
 * const connection = makeConnection({ platform: "meta", managedKey: "adops:acme:meta_metrics", secretEnv: { "credentials.access_token": "AIRBYTE_META_ACCESS_TOKEN" } });
 * const [check] = evaluateCredentials(makeTenant({ slug: "acme", connections: [connection] }), [{ ok: true, connectionId: "c1", jobs: [] }], {
 *   now: Date.UTC(2026, 10, 23),
 *   policies: { meta: { "credentials.access_token": { kind: "fixed_lifetime", days: 60, warn_days: 14 } } },
 *   rotations: { "adops:acme:meta_metrics": { "credentials.access_token": { rotated_at: "2026-10-03T00:00:00.000Z", first_seen_at: "2026-10-03T00:00:00.000Z" } } },
 * });
 * console.assert(check?.status === "expiring" && check.message.startsWith("Meta access_token of acme expires in 9 days"));
 * ```
 */
export function evaluateCredentials(tenant: ResolvedTenant, histories: readonly JobHistoryResult[], options: EvaluateCredentialsOptions): HealthCheck[] {
  const bySubject = new Map<string, { platform: PlatformId; field: string; policy: CredentialPolicy; verdicts: Verdict[] }>();
  tenant.connections.forEach((connection, i) => {
    if (connection.status === "inactive") return;
    const fields = options.policies?.[connection.platform];
    if (fields === undefined) return;
    const history = histories[i];
    const jobs = history?.ok ? newestFirst(history.jobs).filter(isTerminal) : [];
    const lastUsed = jobs.find((j) => j.status === "succeeded")?.endedAt;
    const newest = jobs[0];
    const syncRefusal = newest !== undefined && newest.status !== "succeeded" && isAuthFailure(newest.failure)
      ? { source: "sync", at: newest.endedAt ?? newest.createdAt, message: newest.failure?.message ?? "", job_id: newest.id }
      : undefined;
    const check = options.checkFailures?.filter((f) => f.key === connection.managedKey).sort((a, b) => b.at - a.at)[0];
    const checkRefusal = check === undefined ? undefined : { source: "check_connection", at: check.at, message: check.message };
    const refused = [syncRefusal, checkRefusal].filter((r) => r !== undefined).sort((a, b) => b.at - a.at)[0];
    for (const field of Object.keys(connection.secretEnv)) {
      const policy = fields[field];
      if (policy === undefined) continue;
      const subject = `${connection.platform}:${field}`;
      const name = `${PLATFORM_NAMES[connection.platform]} ${field.split(".").at(-1)} of ${tenant.slug}`;
      const entry = bySubject.get(subject) ?? { platform: connection.platform, field, policy, verdicts: [] };
      entry.verdicts.push(judge(name, connection.managedKey, policy, { rotation: options.rotations[connection.managedKey]?.[field], lastUsed, refused, now: options.now }));
      bySubject.set(subject, entry);
    }
  });
  return [...bySubject.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([subject, { platform, field, verdicts }]) => {
    const worst = [...verdicts].sort((a, b) => RANK[b.status] - RANK[a.status] || (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity))[0] as Verdict;
    return {
      tenant: tenant.slug,
      check: "credential_expiring",
      subject,
      status: worst.status,
      severity: worst.status === "expired" ? "critical" : worst.status === "expiring" ? "warning" : "ok",
      message: worst.message,
      since: iso(worst.since),
      runbook: RUNBOOK.credentials,
      details: { platform, field, ...worst.details, sources: verdicts.map((v) => ({ key: v.key, status: v.status, expires_at: iso(v.expiresAt) })) },
    } satisfies HealthCheck;
  });
}
