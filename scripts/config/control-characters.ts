import type { ConfigProblem } from "./problem.ts";
import type { YamlSource } from "./yaml-source.ts";

/** NUL and the other control characters, but tab, line feed and carriage return. */
// deno-lint-ignore no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Finds keys and string values holding NUL or other control characters (YAML
 * escapes such as `"\x00"` make them without raw bytes in the file). Never
 * quotes the value.
 *
 * @param source The parsed file.
 * @returns One problem per value.
 * @example
 * ```ts
 * import { findControlCharacters } from "./control-characters.ts";
 * import { parseYamlSource } from "./yaml-source.ts";
 * const parsed = parseYamlSource("a.yml", 'name: "acme\\x00"\n');
 * console.assert(parsed.ok && findControlCharacters(parsed.source)[0]?.position?.line === 1);
 * ```
 */
export function findControlCharacters(source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (path: (string | number)[], text: string, key: boolean) => {
    const code = text.charCodeAt(text.search(CONTROL_CHARACTER)).toString(16).toUpperCase().padStart(4, "0");
    problems.push({
      level: "error",
      code: "control-character",
      message: `The ${key ? "key" : "value"} at '${path.join(".") || "(top level)"}' holds control character U+${code}`,
      hint: "Remove it: config values are plain text",
      position: source.locate(path, { key }),
    });
  };
  function walk(value: unknown, path: (string | number)[]): void {
    if (typeof value === "string") {
      if (CONTROL_CHARACTER.test(value)) report(path, value, false);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (CONTROL_CHARACTER.test(k)) report([...path, k], k, true);
        walk(v, [...path, k]);
      }
    }
  }
  walk(source.value, []);
  return problems;
}
