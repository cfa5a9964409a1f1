import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Files } from "../core/mod.ts";

let counter = 0;

/**
 * The real file system, rooted at `cwd`.
 *
 * @param cwd The folder relative paths are resolved against.
 * @returns The file access.
 * @example
 * ```ts
 * import { createNodeFiles } from "./files.ts";
 * const files = createNodeFiles(".");
 * console.assert(await files.exists("package.json"));
 * ```
 */
export function createNodeFiles(cwd: string): Files {
  const abs = (p: string) => (p.startsWith("/") ? p : join(cwd, p));
  return {
    readText: (path) => readFile(abs(path), "utf8"),
    async tryReadText(path) {
      try {
        return await readFile(abs(path), "utf8");
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async writeText(path, text) {
      const target = abs(path);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}-${counter++}`;
      await writeFile(temp, text, "utf8");
      await rename(temp, target);
    },
    async list(dir) {
      try {
        return (await readdir(abs(dir))).sort();
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return [];
        throw error;
      }
    },
    async exists(path) {
      try {
        await stat(abs(path));
        return true;
      } catch {
        return false;
      }
    },
    remove: (path) => rm(abs(path), { recursive: true, force: true }),
  };
}
