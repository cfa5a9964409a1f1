import { readdir } from "node:fs/promises";
import { join } from "node:path";

const SKIP = new Set(["node_modules", "dist", ".venv", "target", ".adops", "dbt_packages", ".git"]);

/**
 * Lists files under `roots` whose names match `pattern`, sorted.
 *
 * @param roots Folders to walk.
 * @param pattern File-name pattern.
 * @returns Relative paths.
 * @example
 * ```ts ignore
 * const tests = await findFiles(["scripts"], /\.test\.ts$/);
 * ```
 */
export async function findFiles(roots: readonly string[], pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (pattern.test(entry.name)) found.push(path);
    }
  }
  for (const root of roots) await walk(root);
  return found.sort();
}
