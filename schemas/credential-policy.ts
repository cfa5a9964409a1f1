import * as v from "valibot";
import { PLATFORMS } from "./_shared.ts";

/** How a secret's lifetime runs out. */
export const CREDENTIAL_POLICY_KINDS = ["fixed_lifetime", "expires_unused"] as const;

/** The lifetime policy of one secret connector field. */
export const CredentialPolicySchema = v.pipe(
  v.strictObject({
    kind: v.pipe(
      v.picklist(CREDENTIAL_POLICY_KINDS),
      v.description("fixed_lifetime: expires `days` after it was issued (rotated); expires_unused: expires after `days` without a successful sync using it"),
    ),
    days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3660), v.description("Lifetime in days (from rotation, or from the last use for expires_unused)")),
    warn_days: v.pipe(v.number(), v.integer(), v.minValue(0), v.description("credential_expiring warns this many days before the expiry (must be less than days)")),
  }),
  v.description("A secret's lifetime policy: health warns warn_days before it runs out (credential_expiring)"),
);

/** Secret connector fields (dotted path, as in the templates' `source.secrets`) and their policies. */
const FieldPolicies = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "Must be a dotted connector field like credentials.access_token")), CredentialPolicySchema),
  v.description("Secret connector fields of this platform's templates (e.g. credentials.refresh_token) and their lifetime policies"),
);

/** `credentials:` of platform.yml: per platform id, per secret field, the lifetime policy. */
export const CredentialPoliciesSchema = v.pipe(
  v.record(v.picklist(PLATFORMS, `Must be a platform id: ${PLATFORMS.join(", ")}`), FieldPolicies),
  v.description("Lifetime policy of each platform's secrets, keyed by platform id then secret field; fields without a policy are not judged"),
);

/** One secret field's lifetime policy. */
export type CredentialPolicy = v.InferOutput<typeof CredentialPolicySchema>;

/** Lifetime policies by platform id, then secret field. */
export type CredentialPolicies = Partial<v.InferOutput<typeof CredentialPoliciesSchema>>;
