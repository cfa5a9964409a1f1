import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { SourcePosition } from "../core/mod.ts";
import type { ConfigProblem } from "./problem.ts";

/** A parsed YAML file that can say where any path is. */
export interface YamlSource {
  /** The file path, as shown to users. */
  file: string;
  /** The plain value. */
  value: unknown;
  /**
   * The position of the value at `path`; with `key: true`, of the key itself.
   * Falls back to the nearest existing parent.
   */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): SourcePosition;
}

/**
 * Parses YAML keeping positions. Syntax errors come back as problems with
 * their line and column; duplicate keys are errors too.
 *
 * @param file Path shown in messages.
 * @param text The YAML text.
 * @returns The source, or the syntax problems.
 * @example
 * ```ts
 * import { parseYamlSource } from "./yaml-source.ts";
 * const result = parseYamlSource("a.yml", "a:\n  b: 1\n");
 * console.assert(result.ok && result.source.locate(["a", "b"]).line === 2);
 * ```
 */
export function parseYamlSource(
  file: string,
  text: string,
): { ok: true; source: YamlSource } | { ok: false; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        level: "error",
        code: "yaml-syntax",
        message: `YAML syntax error: ${error.message.split("\n")[0]?.replace(/\.$/, "") ?? "invalid YAML"}`,
        hint: "Check indentation (spaces, not tabs), colons after keys, and quotes around values with ':' or '#'",
        position: at(error.pos[0]),
      })),
    };
  }
  let value: unknown;
  try {
    // yaml caps alias expansion (maxAliasCount): an alias bomb throws instead of eating memory.
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return {
      ok: false,
      problems: [{
        level: "error",
        code: "yaml-aliases",
        message: `YAML aliases expand too far: ${error instanceof Error ? error.message.replace(/\.$/, "") : String(error)}`,
        hint: "Write the values out instead of nesting aliases (*name) of aliases",
        position: at(0),
      }],
    };
  }
  return { ok: true, source: { file, value, locate: (path, options) => locate(doc, path, options?.key ?? false, at) } };
}

function locate(
  doc: Document,
  path: readonly (string | number)[],
  wantKey: boolean,
  at: (offset: number) => SourcePosition,
): SourcePosition {
  let node: unknown = doc.contents;
  let best: SourcePosition = at(rangeStart(node) ?? 0);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) return best;
      const keyStart = rangeStart(pair.key);
      if (last && wantKey && keyStart !== undefined) return at(keyStart);
      node = pair.value;
      const start = rangeStart(node) ?? keyStart;
      if (start !== undefined) best = at(start);
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      const start = rangeStart(node);
      if (start === undefined) return best;
      best = at(start);
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range?.[0];
}
