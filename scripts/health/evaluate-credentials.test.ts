import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CredentialPolicies } from "../../schemas/credential-policy.ts";
import type { RotationRecord } from "../../schemas/secret-fingerprints.ts";
import { makeConnection, makeTenant } from "../config/testing.ts";
import { isAuthFailure, isAuthMessage } from "./auth-failure.ts";
import { evaluateCredentials } from "./evaluate-credentials.ts";
import { makeJob } from "./testing.ts";
import type { JobHistoryResult, SyncJob } from "./types.ts";

const DAY = 86_400_000;
const ROTATED = Date.UTC(2026, 9, 3);
const POLICIES: CredentialPolicies = {
  meta: { "credentials.access_token": { kind: "fixed_lifetime", days: 60, warn_days: 14 } },
  microsoft_ads: { refresh_token: { kind: "expires_unused", days: 90, warn_days: 14 } },
};
const META = makeConnection({ tenant: "acme-retail", name: "acme meta", platform: "meta", template: "meta_metrics", managedKey: "adops:acme-retail:meta_metrics", secretEnv: { "credentials.access_token": "AIRBYTE_META_ACCESS_TOKEN" } });
const DIMS = makeConnection({ tenant: "acme-retail", name: "acme dims", platform: "meta", template: "dimensions_daily", managedKey: "adops:acme-retail:dimensions_daily", secretEnv: { "credentials.access_token": "AIRBYTE_META_ACCESS_TOKEN" } });
const MSFT = makeConnection({ tenant: "acme-retail", name: "acme msft", platform: "microsoft_ads", template: "microsoft_metrics", managedKey: "adops:acme-retail:microsoft_metrics", secretEnv: { refresh_token: "AIRBYTE_MICROSOFT_REFRESH_TOKEN", client_secret: "AIRBYTE_MICROSOFT_CLIENT_SECRET" } });

function rotation(at: number, estimated = false) {
  return { rotated_at: new Date(at).toISOString(), first_seen_at: new Date(at).toISOString(), ...(estimated ? { estimated } : {}) };
}

function history(jobs: SyncJob[] = []): JobHistoryResult {
  return { ok: true, connectionId: "c", jobs };
}

function run(now: number, extra: { connections?: typeof META[]; histories?: JobHistoryResult[]; rotations?: RotationRecord; checkFailures?: { key: string; message: string; at: number }[] } = {}) {
  const connections = extra.connections ?? [META];
  const rotations = extra.rotations ?? { [META.managedKey]: { "credentials.access_token": rotation(ROTATED) } };
  return evaluateCredentials(makeTenant({ slug: "acme-retail", connections }), extra.histories ?? connections.map(() => history()), {
    now,
    policies: POLICIES,
    rotations,
    ...(extra.checkFailures ? { checkFailures: extra.checkFailures } : {}),
  });
}

describe("evaluateCredentials()", () => {
  it("evaluateCredentials() is ok before the warning line, expiring inside it and expired past the fixed lifetime", () => {
    const [ok] = run(ROTATED + 10 * DAY);
    assert.equal(ok?.status, "ok");
    assert.equal(ok?.severity, "ok");
    const [expiring] = run(ROTATED + 51 * DAY);
    assert.equal(expiring?.status, "expiring");
    assert.equal(expiring?.severity, "warning");
    assert.equal(expiring?.subject, "meta:credentials.access_token");
    assert.equal(expiring?.message, "Meta access_token of acme-retail expires in 9 days (rotated 2026-10-03, policy: 60 days)");
    assert.equal(expiring?.since, new Date(ROTATED + 46 * DAY).toISOString());
    assert.equal(expiring?.runbook, "expiring-credentials");
    const [expired] = run(ROTATED + 63 * DAY);
    assert.equal(expired?.status, "expired");
    assert.equal(expired?.severity, "critical");
    assert.match(expired?.message ?? "", /^Meta access_token of acme-retail expired 3 days ago/);
  });

  it("evaluateCredentials() counts an expires_unused policy from the newest successful sync, else from the rotation", () => {
    const rotations = { [MSFT.managedKey]: { refresh_token: rotation(ROTATED) } };
    const now = ROTATED + 85 * DAY;
    const [unused] = run(now, { connections: [MSFT], rotations });
    assert.equal(unused?.status, "expiring");
    assert.match(unused?.message ?? "", /expires in 5 days unused \(rotated 2026-10-03, policy: 90 days unused\)/);
    const used = run(now, { connections: [MSFT], rotations, histories: [history([makeJob({ createdAt: now - DAY })])] });
    assert.equal(used[0]?.status, "ok");
    assert.match(used[0]?.message ?? "", /expires in 89 days unused .*last used 2026-12-26/);
    assert.equal(used.length, 1, "client_secret has no policy: not judged");
  });

  it("evaluateCredentials() calls a secret expired when its newest sync failed with an auth config_error after the rotation", () => {
    const now = ROTATED + 20 * DAY;
    const refused = makeJob({ createdAt: now - 2 * 3_600_000, status: "failed", failure: { origin: "source", type: "config_error", message: "Invalid credentials: the access token has expired" } });
    const [check] = run(now, { histories: [history([refused, makeJob({ createdAt: now - 3 * DAY })])] });
    assert.equal(check?.status, "expired");
    assert.match(check?.message ?? "", new RegExp(`^Meta access_token of acme-retail was refused \\(sync job ${refused.id} failed: Invalid credentials: the access token has expired\\); rotate it`));
    assert.deepEqual((check?.details.evidence as { source: string }).source, "sync");
    // Rotated after that failure: the new secret has not been refused.
    const rotations = { [META.managedKey]: { "credentials.access_token": rotation(now - 3_600_000) } };
    assert.equal(run(now, { histories: [history([refused])], rotations })[0]?.status, "ok");
    // A failure that is not about credentials is airbyte_sync's business only.
    const reset = makeJob({ createdAt: now - 3_600_000, status: "failed", failure: { origin: "source", type: "system_error", message: "Connection reset by peer" } });
    assert.equal(run(now, { histories: [history([reset])] })[0]?.status, "ok");
  });

  it("evaluateCredentials() calls a secret expired when the provision's source check failed with an auth error", () => {
    const now = ROTATED + 20 * DAY;
    const [check] = run(now, { checkFailures: [{ key: META.managedKey, message: "Invalid credentials", at: now - DAY }] });
    assert.equal(check?.status, "expired");
    assert.match(check?.message ?? "", /the source check failed: Invalid credentials/);
  });

  it("evaluateCredentials() reports the worst of the sources sharing a platform field, and not_checked without a rotation date", () => {
    const now = ROTATED + 50 * DAY;
    const rotations = { [META.managedKey]: { "credentials.access_token": rotation(ROTATED + 40 * DAY) }, [DIMS.managedKey]: { "credentials.access_token": rotation(ROTATED, true) } };
    const [check] = run(now, { connections: [META, DIMS], rotations });
    assert.equal(check?.status, "expiring");
    assert.match(check?.message ?? "", /expires in 10 days \(rotated 2026-10-03 or earlier, policy: 60 days\)/);
    assert.equal((check?.details.sources as unknown[]).length, 2);
    const [unknown] = run(now, { rotations: {} });
    assert.equal(unknown?.status, "not_checked");
    assert.equal(unknown?.severity, "ok");
  });

  it("evaluateCredentials() skips inactive connections and platforms without a policy", () => {
    assert.deepEqual(run(ROTATED, { connections: [{ ...META, status: "inactive" }] }), []);
    assert.deepEqual(run(ROTATED, { connections: [{ ...META, platform: "tiktok" }] }), []);
  });
});

describe("isAuthFailure()", () => {
  it("isAuthFailure() recognises what connectors say when a platform refuses a credential", () => {
    for (
      const message of [
        "Invalid credentials: the access token has expired",
        "Error validating access token: Session has expired on Tuesday",
        "invalid_grant: Token has been expired or revoked.",
        "AADSTS700082: The refresh token has expired due to inactivity.",
        "401 Client Error: Unauthorized for url: https://api.linkedin.com/rest/adAccounts",
        "Access token is incorrect or has been revoked.",
        "Invalid OAuth token",
      ]
    ) assert.ok(isAuthFailure({ origin: "source", type: "config_error", message }), message);
    assert.ok(!isAuthFailure({ origin: "source", type: "config_error", message: "Stream 'ads_insights' is not in the catalog" }));
    assert.ok(!isAuthFailure({ origin: "source", type: "transient_error", message: "401 Unauthorized" }));
    assert.ok(!isAuthMessage("Connection reset by peer"));
  });
});
