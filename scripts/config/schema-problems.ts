import * as v from "valibot";
import type { ConfigProblem } from "./problem.ts";
import type { YamlSource } from "./yaml-source.ts";

type AnySchema = v.GenericSchema & {
  pipe?: readonly unknown[];
  entries?: Record<string, AnySchema>;
  wrapped?: AnySchema;
  item?: AnySchema;
  value?: AnySchema;
  options?: readonly unknown[];
};

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s !== undefined; i++) {
    if (Array.isArray(s.pipe) && s.pipe[0] !== s) s = s.pipe[0] as AnySchema;
    else if (s.wrapped !== undefined) s = s.wrapped;
    else break;
  }
  return s;
}

/**
 * The schema at a path inside an object schema (through pipes, optionals,
 * records and arrays).
 *
 * @param schema The root schema.
 * @param path Keys and indexes.
 * @returns The schema there, when it can be found.
 */
export function schemaAt(schema: AnySchema, path: readonly (string | number)[]): AnySchema | undefined {
  let s = unwrap(schema);
  for (const key of path) {
    if (s === undefined) return undefined;
    if (s.entries !== undefined) s = unwrap(s.entries[String(key)]);
    else if (s.item !== undefined) s = unwrap(s.item);
    else if (s.value !== undefined && typeof key === "string") s = unwrap(s.value);
    else return undefined;
  }
  return s;
}

/**
 * The Levenshtein distance between two strings.
 *
 * @param a One string.
 * @param b The other.
 * @returns The number of single-character edits between them.
 * @example
 * ```ts
 * import { editDistance } from "./schema-problems.ts";
 * console.assert(editDistance("kitten", "sitting") === 3);
 * ```
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The closest candidate to `word`, when it is close enough to be a typo.
 *
 * @param word What the user wrote.
 * @param candidates What is allowed.
 * @returns The suggestion, or undefined.
 * @example
 * ```ts
 * import { didYouMean } from "./schema-problems.ts";
 * console.assert(didYouMean("timezon", ["timezone", "slug"]) === "timezone");
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = editDistance(word.toLowerCase(), c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * The candidates closest to `word` by edit distance (case-insensitive), best
 * first; a candidate containing `word` (or contained in it) counts as close.
 *
 * @param word What the user wrote.
 * @param candidates What exists.
 * @param count How many to return.
 * @returns Up to `count` names.
 * @example
 * ```ts
 * import { closestNames } from "./schema-problems.ts";
 * console.assert(closestNames("ads_insight", ["ads", "ads_insights", "campaigns"], 1)[0] === "ads_insights");
 * ```
 */
export function closestNames(word: string, candidates: Iterable<string>, count = 3): string[] {
  const w = word.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => {
      const l = c.toLowerCase();
      const d = editDistance(w, l);
      return { c, score: l.includes(w) || w.includes(l) ? Math.min(d, Math.abs(l.length - w.length) / 2) : d };
    })
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, count)
    .map((x) => x.c);
}

/** Dotted display of a path: `platforms[0].retry.max_attempts`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc === "" ? k : `${acc}.${k}`), "");
}

function isSecretPath(path: readonly (string | number)[]): boolean {
  return path.some((k) => k === "secrets") || (typeof path.at(-1) === "string" && String(path.at(-1)).endsWith("_env"));
}

function show(value: unknown): string {
  // A short excerpt only: a value can be a whole mis-encoded file.
  if (typeof value === "string") return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

/**
 * Validates a YAML source against a valibot schema and turns every issue into
 * a problem with file, line, column, the offending value and a fix hint.
 * Values in secret fields are never quoted.
 *
 * @param source The parsed file.
 * @param schema The schema for this kind of file.
 * @param kind A noun for messages, e.g. `tenant file`.
 * @returns The typed value when valid, and the problems.
 * @example
 * ```ts ignore
 * const { value, problems } = checkAgainstSchema(source, TenantConfigSchema, "tenant file");
 * ```
 */
export function checkAgainstSchema<S extends v.GenericSchema>(
  source: YamlSource,
  schema: S,
  kind: string,
): { value: v.InferOutput<S> | undefined; problems: ConfigProblem[] } {
  const result = v.safeParse(schema, source.value, { abortEarly: false });
  if (result.success) return { value: result.output, problems: [] };
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.issues) {
    const path = (issue.path ?? []).map((p) => p.key as string | number);
    const where = formatPath(path) || "(top level)";
    let problem: ConfigProblem;
    if (issue.kind === "schema" && issue.expected === "never" && path.length > 0) {
      const key = String(path.at(-1));
      const parent = schemaAt(schema as AnySchema, path.slice(0, -1));
      const allowed = Object.keys(parent?.entries ?? {}).filter((k) => k !== "$schema");
      const guess = didYouMean(key, allowed);
      problem = {
        level: "error",
        code: "unknown-key",
        message: `Unknown key '${key}' in ${kind}${path.length > 1 ? ` at '${formatPath(path.slice(0, -1))}'` : ""}`,
        hint: guess ? `Did you mean '${guess}'? Allowed keys: ${allowed.join(", ")}` : `Remove it; allowed keys: ${allowed.join(", ")}`,
        position: source.locate(path, { key: true }),
      };
    } else if (issue.input === undefined && issue.kind === "schema" && path.length > 0) {
      const key = String(path.at(-1));
      problem = {
        level: "error",
        code: "missing-key",
        message: `Missing required key '${where}' in ${kind}`,
        hint: `Add '${key}:' (${issue.expected ?? "see the JSON Schema"})`,
        position: source.locate(path.slice(0, -1), { key: true }),
      };
    } else if (isSecretPath(path)) {
      problem = {
        level: "error",
        code: "inline-secret",
        message: `'${where}' must name an environment variable, not hold a value (the value is not shown)`,
        hint: "Put the secret in an environment variable (a GitHub secret in CI) and write its NAME here, e.g. AIRBYTE_META_ACCESS_TOKEN",
        position: source.locate(path),
      };
    } else {
      const expected = issue.expected ? ` (expected ${issue.expected})` : "";
      const message = issue.message.replace(/^Invalid [a-z ]+: /i, "").replace(/ but received .*$/, "");
      problem = {
        level: "error",
        code: "schema",
        message: `Invalid value ${show(issue.input)} for '${where}' in ${kind}: ${message}`,
        hint: `Fix the value${expected}; the JSON Schema in schemas/ documents every field`,
        position: source.locate(path),
      };
    }
    const key = `${problem.code}:${problem.position?.line}:${problem.position?.column}:${where}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return { value: undefined, problems };
}
