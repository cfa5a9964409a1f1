import type { PlatformConfig, TemplateConfig } from "../../schemas/mod.ts";
import type { ConfigProblem } from "./problem.ts";
import { didYouMean } from "./schema-problems.ts";
import type { YamlSource } from "./yaml-source.ts";

/**
 * Semantic checks of platform.yml's `credentials:` the schema cannot express:
 * `warn_days` must be less than `days` (an error: the check would warn from the
 * first day), and each field should be a secret of a template of that platform
 * (a warning: a policy nothing uses is likely a typo of the field's path).
 *
 * @param platform The parsed platform config.
 * @param source Its YAML source, for positions.
 * @param templates The templates (their platform and `source.secrets`).
 * @returns The problems.
 * @example
 * ```ts
 * import { checkCredentialPolicies } from "./credential-checks.ts";
 * import { parseYamlSource } from "./yaml-source.ts";
 * const text = "credentials:\n  meta:\n    credentials.access_token: { kind: fixed_lifetime, days: 60, warn_days: 60 }\n";
 * const parsed = parseYamlSource("platform.yml", text);
 * if (!parsed.ok) throw new Error("bad YAML");
 * const platform = parsed.source.value as never;
 * const problems = checkCredentialPolicies(platform, parsed.source, []);
 * console.assert(problems.some((p) => p.code === "credential-policy" && p.position?.line === 3));
 * ```
 */
export function checkCredentialPolicies(
  platform: PlatformConfig,
  source: YamlSource,
  templates: readonly TemplateConfig[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [id, fields] of Object.entries(platform.credentials ?? {})) {
    const secrets = [...new Set(templates.filter((t) => t.platform === id).flatMap((t) => Object.keys(t.source.secrets ?? {})))].sort();
    for (const [field, policy] of Object.entries(fields ?? {})) {
      if (policy.warn_days >= policy.days) {
        problems.push({
          level: "error",
          code: "credential-policy",
          message: `credentials.${id}.${field}: warn_days ${policy.warn_days} is not less than days ${policy.days}`,
          hint: `Warn fewer days ahead than the lifetime, e.g. warn_days: ${Math.max(0, Math.min(14, policy.days - 1))}`,
          position: source.locate(["credentials", id, field, "warn_days"]),
        });
      }
      if (templates.length > 0 && !secrets.includes(field)) {
        const guess = didYouMean(field, secrets);
        problems.push({
          level: "warning",
          code: "credential-policy",
          message: `credentials.${id}.${field}: no ${id} template has a secret '${field}'; the policy is never used`,
          hint: `${guess ? `Did you mean '${guess}'? ` : ""}Secret fields of ${id} templates: ${secrets.join(", ") || "none"}`,
          position: source.locate(["credentials", id, field], { key: true }),
        });
      }
    }
  }
  return problems;
}
