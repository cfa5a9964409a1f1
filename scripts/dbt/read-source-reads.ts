import type { ConfigProblem } from "../config/mod.ts";
import type { Files } from "../core/mod.ts";
import { parseSourceReads, type SourceRead } from "./staging-source-columns.ts";

async function sqlFiles(files: Files, dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const name of await files.list(dir)) {
    const path = `${dir}/${name}`;
    if (name.endsWith(".sql")) out.push(path);
    else if (!name.includes(".")) out.push(...(await sqlFiles(files, path, depth + 1).catch(() => [])));
  }
  return out;
}

/**
 * Reads every `.sql` model under a folder (the staging models) and the raw
 * columns each declares through `union_tenant_sources`.
 *
 * @param files File access.
 * @param dir The models folder, e.g. `dbt/models/staging`.
 * @returns The reads, and problems for calls whose column dict cannot be read.
 * @example
 * ```ts ignore
 * const { reads } = await readSourceReads(files, "dbt/models/staging");
 * ```
 */
export async function readSourceReads(files: Files, dir: string): Promise<{ reads: SourceRead[]; models: number; problems: ConfigProblem[] }> {
  const reads: SourceRead[] = [];
  const problems: ConfigProblem[] = [];
  const paths = (await sqlFiles(files, dir)).sort();
  for (const path of paths) {
    const parsed = parseSourceReads(path, await files.readText(path));
    reads.push(...parsed.reads);
    for (const position of parsed.unreadable) {
      problems.push({ level: "error", code: "data-contract", message: `Cannot read the column dict of this union_tenant_sources call`, hint: "Write it as {'<column>': '<type>', ...} with quoted string keys and values, so the data-contract check can read it", position });
    }
  }
  return { reads, models: paths.length, problems };
}
