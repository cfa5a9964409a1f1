// Test helper: a temporary copy of the shipped config/ to mutate per case.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temp folder holding `config/`, with edit helpers. */
export interface ConfigCopy {
  /** The temp folder (use as cwd). */
  dir: string;
  /** Reads a file under config/. */
  read(path: string): Promise<string>;
  /** Writes a file under config/. */
  write(path: string, text: string): Promise<void>;
  /** Replaces text in a file under config/ (throws when absent). */
  edit(path: string, from: string, to: string): Promise<void>;
  /** Removes the folder. */
  remove(): Promise<void>;
}

/**
 * Copies the repository's config/ into a new temp folder.
 *
 * @returns The copy.
 */
export async function copyShippedConfig(): Promise<ConfigCopy> {
  const dir = await mkdtemp(join(tmpdir(), "adops-config-"));
  await cp("config", join(dir, "config"), { recursive: true });
  const abs = (p: string) => join(dir, "config", p);
  return {
    dir,
    read: (p) => readFile(abs(p), "utf8"),
    write: (p, t) => writeFile(abs(p), t),
    async edit(p, from, to) {
      const text = await readFile(abs(p), "utf8");
      if (!text.includes(from)) throw new Error(`Fixture edit: '${from}' not in ${p}`);
      await writeFile(abs(p), text.replace(from, to));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The 1-based line of the first line of `text` containing `needle`.
 *
 * @param text File text.
 * @param needle What to find.
 * @returns The line number.
 */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not found`);
  return index + 1;
}
