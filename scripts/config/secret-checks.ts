import type { ConfigProblem } from "./problem.ts";
import type { YamlSource } from "./yaml-source.ts";

/** Token shapes that must never sit in a config file. */
const TOKEN_SHAPES: readonly [string, RegExp][] = [
  ["Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["Slack webhook URL", /hooks\.slack\.com\/(services|workflows|triggers)\//],
  ["GitHub token", /\b(ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/],
  ["Meta access token", /\bEAA[A-Za-z0-9]{30,}/],
  ["Google OAuth token", /\bya29\.[A-Za-z0-9_-]{20,}|\b1\/\/0[A-Za-z0-9_-]{20,}/],
  ["AWS access key", /\bAKIA[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["JSON Web Token", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ["API secret", /\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}/],
];

/** Values that mark a secret as not really set (verify_production_readiness). */
const PLACEHOLDER = /^(changeme|change-me|change_me|xxx+|todo|tbd|placeholder|dummy|secret|password|your[_-].*|<.*>|\$\{.*\}|\*+)$/i;

/**
 * Which kind of token a string looks like, if any.
 *
 * @param value Any string.
 * @returns The token kind, or undefined.
 * @example
 * ```ts
 * import { tokenShape } from "./secret-checks.ts";
 * console.assert(tokenShape("xoxb-1234567890-abcdefghij") === "Slack token");
 * ```
 */
export function tokenShape(value: string): string | undefined {
  return TOKEN_SHAPES.find(([, re]) => re.test(value))?.[0];
}

/**
 * Whether a secret's value is a placeholder (`changeme`, `<...>`, `xxx`, `your_token`).
 *
 * @param value The value.
 * @returns True for placeholders.
 * @example
 * ```ts
 * import { isPlaceholder } from "./secret-checks.ts";
 * console.assert(isPlaceholder("<token>") && !isPlaceholder("s3cr3t-9d8f7"));
 * ```
 */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/**
 * Finds literal secrets anywhere in a file: every string that has a known
 * token shape. The value is never quoted back.
 *
 * @param source The parsed file.
 * @returns One error per literal secret.
 */
export function findInlineSecrets(source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  function walk(value: unknown, path: (string | number)[]): void {
    if (typeof value === "string") {
      const kind = tokenShape(value);
      if (kind !== undefined) {
        problems.push({
          level: "error",
          code: "inline-secret",
          message: `A ${kind} is written in the file at '${path.join(".")}' (the value is not shown)`,
          hint: "Remove it, rotate it (it may be in git history), and reference an environment variable by name instead",
          position: source.locate(path),
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const kind = tokenShape(k);
        if (kind !== undefined) {
          problems.push({ level: "error", code: "inline-secret", message: `A ${kind} is written as a key in the file (the value is not shown)`, hint: "Remove it and rotate it", position: source.locate([...path, k], { key: true }) });
        }
        walk(v, [...path, k]);
      }
    }
  }
  walk(source.value, []);
  return problems;
}

/** A secret env var the config needs, and who needs it. */
export interface RequiredSecret {
  /** The variable name. */
  name: string;
  /** Who needs it, for the message (e.g. "template meta_metrics (tenants acme, beta)"). */
  neededBy: string;
}

/**
 * Checks that required secret env vars are set: a warning when unset (an
 * error with `production`), and with `production` also an error for
 * placeholder values. Messages name the variable, never its value.
 *
 * @param required The secrets config needs.
 * @param options Environment and whether this is a production readiness check.
 * @returns The problems.
 * @example
 * ```ts
 * import { checkSecretEnv } from "./secret-checks.ts";
 * const p = checkSecretEnv([{ name: "X_TOKEN", neededBy: "test" }], { env: {}, production: false });
 * console.assert(p[0]?.level === "warning");
 * ```
 */
export function checkSecretEnv(
  required: readonly RequiredSecret[],
  options: { env: Readonly<Record<string, string | undefined>>; production: boolean },
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const secret of required) {
    const value = options.env[secret.name];
    if (value === undefined || value === "") {
      problems.push({
        level: options.production ? "error" : "warning",
        code: "missing-secret",
        message: `Secret env var ${secret.name} is not set (needed by ${secret.neededBy})`,
        hint: `Set ${secret.name} (a repository or environment secret in GitHub Actions)${options.production ? "" : "; --production makes this an error"}`,
      });
    } else if (options.production && isPlaceholder(value)) {
      problems.push({
        level: "error",
        code: "placeholder-secret",
        message: `Secret env var ${secret.name} holds a placeholder, not a real value (needed by ${secret.neededBy})`,
        hint: `Set ${secret.name} to the real credential`,
      });
    }
  }
  return problems;
}
