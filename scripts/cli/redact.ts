/** Environment variable names whose values are treated as secrets. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|WEBHOOK|AUTH_HEADER|CREDENTIAL|DSN)/i;

/** Replaces secret values in text before it leaves the process. */
export interface Redactor {
  /** Returns `text` with every known secret replaced by `***`. */
  redact(text: string): string;
  /** Registers one more secret value (for example a token fetched at run time). */
  add(secret: string): void;
}

/**
 * Whether an environment variable name holds a secret by its name.
 *
 * @param name The variable name.
 * @returns True for names like `AIRBYTE_META_ACCESS_TOKEN` or `SLACK_WEBHOOK_URL`.
 * @example
 * ```ts
 * import { isSecretEnvName } from "./redact.ts";
 * console.assert(isSecretEnvName("SLACK_WEBHOOK_URL"));
 * ```
 */
export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Builds a redactor from the environment: every variable whose name looks
 * secret contributes its value (values shorter than 4 characters are ignored,
 * they would mask ordinary words).
 *
 * @param env The environment.
 * @param extraNames More variable names to treat as secret (from config).
 * @returns The redactor.
 * @example
 * ```ts
 * import { createRedactor } from "./redact.ts";
 * const r = createRedactor({ MY_TOKEN: "abcd1234" });
 * console.assert(r.redact("token=abcd1234") === "token=***");
 * ```
 */
export function createRedactor(
  env: Readonly<Record<string, string | undefined>>,
  extraNames: Iterable<string> = [],
): Redactor {
  const secrets = new Set<string>();
  const names = new Set(extraNames);
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (isSecretEnvName(name) || names.has(name))) secrets.add(value);
  }
  let ordered: string[] | undefined;
  return {
    add(secret) {
      if (secret.length >= 4) {
        secrets.add(secret);
        ordered = undefined;
      }
    },
    redact(text) {
      ordered ??= [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
      let out = text;
      for (const secret of ordered) {
        if (out.includes(secret)) out = out.split(secret).join("***");
      }
      return out;
    },
  };
}
