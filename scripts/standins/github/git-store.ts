import { createHash } from "node:crypto";

/** A file as the stand-in stores it in a tree. */
export interface TreeEntry {
  /** `100644` for files, `040000` for folders. */
  mode: string;
  /** `blob` or `tree`. */
  type: "blob" | "tree";
  /** The object id. */
  sha: string;
}

/** One git object held in memory. */
export type GitObject =
  | { type: "blob"; content: Uint8Array }
  | { type: "tree"; entries: Map<string, TreeEntry> }
  | { type: "commit"; tree: string; parents: string[]; message: string; date: string };

/** A change to apply on top of a base tree: set a path to a blob, or delete it (`sha: null`). */
export interface TreeChange {
  /** Slash-separated path from the repository root. */
  path: string;
  /** The blob id, or null to delete the path. */
  sha: string | null;
  /** File mode, `100644` by default. */
  mode?: string;
}

/** An in-memory git object database with refs, hashing objects the way git does. */
export interface GitStore {
  /** Stores a blob and returns its id. */
  putBlob(content: Uint8Array): string;
  /** Builds a tree from `base` (or empty) plus changes and returns its id. */
  putTree(base: string | undefined, changes: readonly TreeChange[]): string;
  /** Stores a commit and returns its id. */
  putCommit(commit: { tree: string; parents: string[]; message: string; date: string }): string;
  /** Reads any object. */
  get(sha: string): GitObject | undefined;
  /** Every file under a tree as path → entry (folders flattened away). */
  flatten(treeSha: string): Map<string, TreeEntry>;
  /** The commit a ref points at (`heads/main`). */
  getRef(ref: string): string | undefined;
  /** Points a ref at a commit, without checks. */
  setRef(ref: string, sha: string): void;
  /** Whether `ancestor` is `descendant` or one of its ancestors. */
  isAncestor(ancestor: string, descendant: string): boolean;
}

const encoder = new TextEncoder();

function hashObject(type: string, body: Uint8Array): string {
  const hash = createHash("sha1");
  hash.update(encoder.encode(`${type} ${body.byteLength}\0`));
  hash.update(body);
  return hash.digest("hex");
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * Creates an empty in-memory git store.
 *
 * @returns The store.
 * @example
 * ```ts
 * import { createGitStore } from "./git-store.ts";
 * const store = createGitStore();
 * const blob = store.putBlob(new TextEncoder().encode("hi\n"));
 * const tree = store.putTree(undefined, [{ path: "a/b.txt", sha: blob }]);
 * console.assert(store.flatten(tree).get("a/b.txt")?.sha === blob);
 * ```
 */
export function createGitStore(): GitStore {
  const objects = new Map<string, GitObject>();
  const refs = new Map<string, string>();

  function writeTree(entries: Map<string, TreeEntry>): string {
    // Git orders tree entries by name, folders compared as if they ended in "/".
    const names = [...entries.keys()].sort((a, b) => {
      const ka = entries.get(a)?.type === "tree" ? `${a}/` : a;
      const kb = entries.get(b)?.type === "tree" ? `${b}/` : b;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const parts: Uint8Array[] = [];
    for (const name of names) {
      const entry = entries.get(name) as TreeEntry;
      parts.push(encoder.encode(`${entry.mode === "040000" ? "40000" : entry.mode} ${name}\0`), hexToBytes(entry.sha));
    }
    const sha = hashObject("tree", concat(parts));
    objects.set(sha, { type: "tree", entries: new Map(names.map((n) => [n, entries.get(n) as TreeEntry])) });
    return sha;
  }

  function flatten(treeSha: string, prefix = "", out = new Map<string, TreeEntry>()): Map<string, TreeEntry> {
    const tree = objects.get(treeSha);
    if (tree?.type !== "tree") throw new Error(`Unknown tree '${treeSha}'`);
    for (const [name, entry] of tree.entries) {
      if (entry.type === "tree") flatten(entry.sha, `${prefix}${name}/`, out);
      else out.set(`${prefix}${name}`, entry);
    }
    return out;
  }

  function build(files: Map<string, TreeEntry>): string {
    const here = new Map<string, TreeEntry>();
    const sub = new Map<string, Map<string, TreeEntry>>();
    for (const [path, entry] of files) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        here.set(path, entry);
        continue;
      }
      const dir = path.slice(0, slash);
      const inner = sub.get(dir) ?? new Map<string, TreeEntry>();
      inner.set(path.slice(slash + 1), entry);
      sub.set(dir, inner);
    }
    for (const [dir, inner] of sub) here.set(dir, { mode: "040000", type: "tree", sha: build(inner) });
    return writeTree(here);
  }

  return {
    putBlob(content) {
      const sha = hashObject("blob", content);
      objects.set(sha, { type: "blob", content });
      return sha;
    },
    putTree(base, changes) {
      const files = base === undefined ? new Map<string, TreeEntry>() : flatten(base);
      for (const change of changes) {
        if (change.sha === null) {
          files.delete(change.path);
          for (const path of [...files.keys()]) if (path.startsWith(`${change.path}/`)) files.delete(path);
        } else {
          if (objects.get(change.sha)?.type !== "blob") throw new Error(`Unknown blob '${change.sha}'`);
          files.set(change.path, { mode: change.mode ?? "100644", type: "blob", sha: change.sha });
        }
      }
      return build(files);
    },
    putCommit(commit) {
      const text = [
        `tree ${commit.tree}`,
        ...commit.parents.map((p) => `parent ${p}`),
        `author adops <adops@localhost> ${Math.floor(Date.parse(commit.date) / 1000)} +0000`,
        `committer adops <adops@localhost> ${Math.floor(Date.parse(commit.date) / 1000)} +0000`,
        "",
        commit.message,
      ].join("\n");
      const sha = hashObject("commit", encoder.encode(text));
      objects.set(sha, { type: "commit", ...commit });
      return sha;
    },
    get: (sha) => objects.get(sha),
    flatten: (treeSha) => flatten(treeSha),
    getRef: (ref) => refs.get(ref),
    setRef(ref, sha) {
      refs.set(ref, sha);
    },
    isAncestor(ancestor, descendant) {
      const seen = new Set<string>();
      const queue = [descendant];
      while (queue.length > 0) {
        const sha = queue.pop() as string;
        if (sha === ancestor) return true;
        if (seen.has(sha)) continue;
        seen.add(sha);
        const commit = objects.get(sha);
        if (commit?.type === "commit") queue.push(...commit.parents);
      }
      return false;
    },
  };
}
