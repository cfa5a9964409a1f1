import { createHash } from "node:crypto";

/**
 * The id git gives a blob holding `text` (UTF-8), so unchanged files can be
 * skipped without asking the server.
 *
 * @param text The file content.
 * @returns The 40-hex-digit blob id.
 * @example
 * ```ts
 * import { gitBlobSha } from "./git-blob-sha.ts";
 * console.assert(gitBlobSha("") === "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
 * ```
 */
export function gitBlobSha(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}
