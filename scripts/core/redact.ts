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

/**
 * Redacts every string inside a JSON-like value (objects, arrays), keeping its
 * shape: for documents and payloads assembled from untrusted text (Airbyte
 * failure messages, dbt errors) before they are printed, written or sent.
 * Redact before truncating: a cut secret no longer matches.
 *
 * @param value The value.
 * @param redact The redacting function (e.g. `ctx.redactor.redact`).
 * @returns A copy with every string redacted.
 * @example
 * ```ts
 * import { redactDeep } from "./redact.ts";
 * const out = redactDeep({ a: ["x-secret"] }, (t) => t.replace("secret", "***"));
 * console.assert(out.a[0] === "x-***");
 * ```
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}
