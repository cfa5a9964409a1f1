import type { Files } from "../core/mod.ts";
import type { FileChange } from "./commit-files.ts";

/**
 * Applies file changes to a local folder: writes atomically, deletes, and
 * removes day folders left empty.
 *
 * @param files File access.
 * @param changes What to write (content) or delete (null).
 * @returns Nothing.
 * @example
 * ```ts
 * import { applyFileChanges } from "./apply-file-changes.ts";
 * import { createMemoryFiles } from "./testing.ts";
 * const files = createMemoryFiles({ "a.txt": "a" });
 * await applyFileChanges(files, [{ path: "a.txt", content: null }, { path: "b.txt", content: "b" }]);
 * console.assert(files.data.has("b.txt") && !files.data.has("a.txt"));
 * ```
 */
export async function applyFileChanges(files: Files, changes: readonly FileChange[]): Promise<void> {
  const dirs = new Set<string>();
  for (const change of changes) {
    if (change.content === null) {
      await files.remove(change.path);
      dirs.add(change.path.slice(0, change.path.lastIndexOf("/")));
    } else await files.writeText(change.path, change.content);
  }
  for (const dir of [...dirs].sort().reverse()) {
    if (dir !== "" && (await files.list(dir)).length === 0) await files.remove(dir);
  }
}
