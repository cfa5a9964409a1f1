import type { SourcePosition } from "../core/mod.ts";

/** One raw column a staging model declares it reads. */
export interface DeclaredColumn {
  /** The column as the destination names it (surrounding double quotes removed). */
  name: string;
  /** True when written as a quoted identifier (`'"AccountId"'`): its case must match exactly. */
  quoted: boolean;
  /** The declared SQL type. */
  type: string;
  /** Where the key is written. */
  position: SourcePosition;
}

/** One `union_tenant_sources('<platform>', '<stream>', {...})` call of a staging model. */
export interface SourceRead {
  platform: string;
  stream: string;
  /** Where the call is. */
  position: SourcePosition;
  columns: DeclaredColumn[];
}

const CALL = /union_tenant_sources\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*,\s*\{/g;
const ENTRY = /\s*(['"])((?:(?!\1).)*)\1\s*:\s*(['"])((?:(?!\3).)*)\3\s*,?/y;

/**
 * The raw columns each `union_tenant_sources(platform, stream, {column: type})`
 * call of a dbt model reads: the macro's dict keys, each with its file:line:col.
 * This is the staging models' explicit declaration of what they read from a raw
 * stream, so the data-contract check needs no SQL parser. Jinja comments are
 * skipped; a dict that cannot be read is reported, not guessed.
 *
 * @param file The model's path, as shown in messages.
 * @param text The model's SQL.
 * @returns The calls, and the calls whose dict could not be read.
 * @example
 * ```ts
 * import { parseSourceReads } from "./staging-source-columns.ts";
 * const { reads } = parseSourceReads("m.sql", "{{ union_tenant_sources('meta', 'ads_insights', {\n  'spend': 'decimal',\n}) }}");
 * console.assert(reads[0]?.columns[0]?.name === "spend" && reads[0]?.columns[0]?.position.line === 2);
 * ```
 */
export function parseSourceReads(file: string, text: string): { reads: SourceRead[]; unreadable: SourcePosition[] } {
  // Blank Jinja comments, keeping offsets and lines.
  const code = text.replace(/\{#[\s\S]*?#\}/g, (c) => c.replace(/[^\n]/g, " "));
  const at = (offset: number): SourcePosition => {
    const before = code.slice(0, offset);
    return { file, line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const reads: SourceRead[] = [];
  const unreadable: SourcePosition[] = [];
  for (const call of code.matchAll(CALL)) {
    const start = call.index ?? 0;
    let offset = start + call[0].length;
    const columns: DeclaredColumn[] = [];
    let ok = false;
    for (;;) {
      const close = /\s*\}/y;
      close.lastIndex = offset;
      if (close.test(code)) {
        ok = true;
        break;
      }
      ENTRY.lastIndex = offset;
      const entry = ENTRY.exec(code);
      if (entry === null) break;
      const key = entry[2] ?? "";
      const keyOffset = offset + entry[0].indexOf(entry[1] ?? "'");
      const quoted = /^".*"$/.test(key);
      columns.push({ name: quoted ? key.slice(1, -1) : key, quoted, type: entry[4] ?? "", position: at(keyOffset) });
      offset = ENTRY.lastIndex;
    }
    if (!ok) unreadable.push(at(start));
    reads.push({ platform: call[2] ?? "", stream: call[4] ?? "", position: at(start), columns });
  }
  return { reads, unreadable };
}
