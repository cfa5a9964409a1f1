import type { Files } from "../core/mod.ts";

/**
 * Every file under a folder, as paths joined to `dir`, sorted. A missing
 * folder gives `[]`.
 *
 * @param files File access.
 * @param dir The folder.
 * @returns File paths.
 * @example
 * ```ts
 * import { listFilesDeep } from "./list-files-deep.ts";
 * import { createMemoryFiles } from "./testing.ts";
 * const paths = await listFilesDeep(createMemoryFiles({ "r/a/b.json": "{}" }), "r");
 * console.assert(paths[0] === "r/a/b.json");
 * ```
 */
export async function listFilesDeep(files: Files, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await files.list(dir)) {
    const path = `${dir}/${name}`;
    // Listing a file fails on disk (ENOTDIR) and gives [] in memory: either way, read to tell.
    const inner = await files.list(path).catch(() => undefined);
    if (inner === undefined) out.push(path);
    else if (inner.length > 0) out.push(...(await listFilesDeep(files, path)));
    else if ((await files.tryReadText(path).catch(() => undefined)) !== undefined) out.push(path);
  }
  return out.sort();
}
