/** File access as the domain sees it. Paths are relative to the working directory or absolute. */
export interface Files {
  /** Reads a UTF-8 file; rejects when it does not exist. */
  readText(path: string): Promise<string>;
  /** Reads a UTF-8 file, or `undefined` when it does not exist. */
  tryReadText(path: string): Promise<string | undefined>;
  /** Writes a file atomically (temp file + rename), creating folders. */
  writeText(path: string, text: string): Promise<void>;
  /** Lists the entries of a folder (names only), or `[]` when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** Whether the path exists. */
  exists(path: string): Promise<boolean>;
  /** Removes a file or folder, recursively; no error when absent. */
  remove(path: string): Promise<void>;
}
