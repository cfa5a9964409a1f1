import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGitStore, type GitStore, type TreeChange } from "./git-store.ts";

/** Options of the GitHub API stand-in. */
export interface GithubStandinOptions {
  /** `owner/repo` served. @default "acme/adops" */
  repository?: string;
  /** When set, requests must send `Authorization: token <value>` or `Bearer <value>`. */
  token?: string;
  /** Commit date written into commits (the stand-in never reads the real clock). @default "2026-11-23T12:00:00Z" */
  date?: string;
}

/** Counters a test can read. */
export interface GithubStandinStats {
  /** Requests by route name (`getRef`, `createTree`, `updateRef`, ...). */
  requests: Record<string, number>;
  /** Ref updates refused with 422 because they were not fast-forwards. */
  rejectedUpdates: number;
  /** Ref updates accepted. */
  acceptedUpdates: number;
}

/** A running GitHub REST API stand-in. */
export interface GithubStandin {
  /** Base URL to use as `GITHUB_API_URL` (no trailing slash). */
  apiUrl: string;
  /** `owner/repo`. */
  repository: string;
  /** The object store behind it. */
  store: GitStore;
  /** Request counters. */
  stats: GithubStandinStats;
  /** Commits files onto a branch directly (creating it), as another pusher would. Returns the commit id. */
  seed(branch: string, files: Record<string, string | null>, message?: string): string;
  /** Reads a file at the tip of a branch. */
  readFile(branch: string, path: string): string | undefined;
  /** Lists every file path at the tip of a branch, sorted. */
  listFiles(branch: string): string[];
  /** First-parent history of a branch, newest first. */
  log(branch: string): { sha: string; message: string; parents: string[] }[];
  /** Fault: before each of the next `count` ref updates, another pusher moves the branch first. */
  moveBranchBeforeNextUpdates(count: number): void;
  /** Stops the server. */
  close(): Promise<void>;
}

class HttpProblem extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text.replace(/\s/g, ""));
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  const text = decoder.decode(Buffer.concat(chunks));
  if (text === "") return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new HttpProblem(400, "Problems parsing JSON");
  }
}

/**
 * Starts an in-memory stand-in for the GitHub REST git data API on 127.0.0.1
 * (ephemeral port): get/update ref (422 "Update is not a fast forward" like
 * GitHub), get/create commit, create/get blob, create tree with `base_tree`,
 * get tree (recursive) and get content.
 *
 * @param options Repository, token and commit date.
 * @returns The running stand-in.
 * @example
 * ```ts ignore
 * const gh = await startGithubStandin({ token: "t0ken" });
 * gh.seed("main", { "README.md": "hi\n" });
 * await gh.close();
 * ```
 */
export async function startGithubStandin(options: GithubStandinOptions = {}): Promise<GithubStandin> {
  const repository = options.repository ?? "acme/adops";
  const date = options.date ?? "2026-11-23T12:00:00Z";
  const store = createGitStore();
  const stats: GithubStandinStats = { requests: {}, rejectedUpdates: 0, acceptedUpdates: 0 };
  let pendingMoves = 0;
  let foreign = 0;

  function seed(branch: string, files: Record<string, string | null>, message = "Seed"): string {
    const head = store.getRef(`heads/${branch}`);
    const base = head === undefined ? undefined : (store.get(head) as { tree: string }).tree;
    const changes: TreeChange[] = Object.entries(files).map(([path, text]) => ({
      path,
      sha: text === null ? null : store.putBlob(encoder.encode(text)),
    }));
    const tree = store.putTree(base, changes);
    const sha = store.putCommit({ tree, parents: head === undefined ? [] : [head], message, date });
    store.setRef(`heads/${branch}`, sha);
    return sha;
  }

  function treeOf(commitSha: string): string {
    const commit = store.get(commitSha);
    if (commit?.type !== "commit") throw new HttpProblem(404, "Not Found");
    return commit.tree;
  }

  function headOf(ref: string): string {
    const sha = store.getRef(ref);
    if (sha === undefined) throw new HttpProblem(404, "Not Found");
    return sha;
  }

  function count(route: string): void {
    stats.requests[route] = (stats.requests[route] ?? 0) + 1;
  }

  async function route(req: IncomingMessage, url: URL): Promise<[number, unknown]> {
    const prefix = `/repos/${repository}/`;
    if (!url.pathname.startsWith(prefix)) throw new HttpProblem(404, "Not Found");
    const rest = decodeURIComponent(url.pathname.slice(prefix.length));
    const method = req.method ?? "GET";
    let m: RegExpMatchArray | null;

    if (method === "GET" && (m = rest.match(/^git\/ref\/(.+)$/))) {
      count("getRef");
      const ref = m[1] as string;
      return [200, { ref: `refs/${ref}`, object: { sha: headOf(ref), type: "commit" } }];
    }
    if (method === "PATCH" && (m = rest.match(/^git\/refs\/(.+)$/))) {
      count("updateRef");
      const ref = m[1] as string;
      const body = await readBody(req);
      const sha = String(body.sha ?? "");
      if (store.get(sha)?.type !== "commit") throw new HttpProblem(422, "Object does not exist");
      if (pendingMoves > 0) {
        pendingMoves -= 1;
        const branch = ref.replace(/^heads\//, "");
        seed(branch, { [`.standin/foreign-${++foreign}.txt`]: `${foreign}\n` }, `Foreign push ${foreign}`);
      }
      const head = headOf(ref);
      if (body.force !== true && !store.isAncestor(head, sha)) {
        stats.rejectedUpdates += 1;
        throw new HttpProblem(422, "Update is not a fast forward");
      }
      store.setRef(ref, sha);
      stats.acceptedUpdates += 1;
      return [200, { ref: `refs/${ref}`, object: { sha, type: "commit" } }];
    }
    if (method === "GET" && (m = rest.match(/^git\/commits\/([0-9a-f]{40})$/))) {
      count("getCommit");
      const commit = store.get(m[1] as string);
      if (commit?.type !== "commit") throw new HttpProblem(404, "Not Found");
      return [200, { sha: m[1], tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message }];
    }
    if (method === "POST" && rest === "git/commits") {
      count("createCommit");
      const body = await readBody(req);
      const tree = String(body.tree ?? "");
      const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
      if (store.get(tree)?.type !== "tree") throw new HttpProblem(422, "Tree SHA does not exist");
      for (const p of parents) if (store.get(p)?.type !== "commit") throw new HttpProblem(422, "Parent SHA does not exist");
      const sha = store.putCommit({ tree, parents, message: String(body.message ?? ""), date });
      return [201, { sha, tree: { sha: tree }, parents: parents.map((p) => ({ sha: p })), message: body.message }];
    }
    if (method === "POST" && rest === "git/blobs") {
      count("createBlob");
      const body = await readBody(req);
      if (typeof body.content !== "string") throw new HttpProblem(422, "Invalid request: content is required");
      const bytes = body.encoding === "base64" ? fromBase64(body.content) : encoder.encode(body.content);
      return [201, { sha: store.putBlob(bytes) }];
    }
    if (method === "GET" && (m = rest.match(/^git\/blobs\/([0-9a-f]{40})$/))) {
      count("getBlob");
      const blob = store.get(m[1] as string);
      if (blob?.type !== "blob") throw new HttpProblem(404, "Not Found");
      return [200, { sha: m[1], size: blob.content.byteLength, encoding: "base64", content: toBase64(blob.content) }];
    }
    if (method === "POST" && rest === "git/trees") {
      count("createTree");
      const body = await readBody(req);
      const base = typeof body.base_tree === "string" ? body.base_tree : undefined;
      if (base !== undefined && store.get(base)?.type !== "tree") throw new HttpProblem(422, "base_tree is not a valid tree");
      const entries = Array.isArray(body.tree) ? (body.tree as Record<string, unknown>[]) : [];
      const changes: TreeChange[] = entries.map((e) => {
        const path = String(e.path ?? "");
        if (typeof e.content === "string") return { path, sha: store.putBlob(encoder.encode(e.content)) };
        if (e.sha === null) return { path, sha: null };
        return { path, sha: String(e.sha), mode: String(e.mode ?? "100644") };
      });
      let sha: string;
      try {
        sha = store.putTree(base, changes);
      } catch (error) {
        throw new HttpProblem(422, (error as Error).message);
      }
      return [201, { sha, truncated: false }];
    }
    if (method === "GET" && (m = rest.match(/^git\/trees\/([0-9a-f]{40})$/))) {
      count("getTree");
      const tree = store.get(m[1] as string);
      if (tree?.type !== "tree") throw new HttpProblem(404, "Not Found");
      const files = url.searchParams.has("recursive")
        ? [...store.flatten(m[1] as string)].map(([path, e]) => ({ path, ...e }))
        : [...tree.entries].map(([path, e]) => ({ path, ...e }));
      return [200, { sha: m[1], tree: files, truncated: false }];
    }
    if (method === "GET" && (m = rest.match(/^contents\/(.*)$/))) {
      count("getContent");
      const path = (m[1] as string).replace(/\/$/, "");
      const ref = url.searchParams.get("ref") ?? "main";
      const commit = /^[0-9a-f]{40}$/.test(ref) ? ref : headOf(`heads/${ref.replace(/^refs\/heads\//, "")}`);
      const files = store.flatten(treeOf(commit));
      const entry = files.get(path);
      if (entry !== undefined) {
        const blob = store.get(entry.sha) as { content: Uint8Array };
        return [200, { type: "file", encoding: "base64", path, name: path.split("/").pop(), sha: entry.sha, size: blob.content.byteLength, content: toBase64(blob.content) }];
      }
      const children = new Map<string, string>();
      for (const p of files.keys()) {
        if (path !== "" && !p.startsWith(`${path}/`)) continue;
        const name = (path === "" ? p : p.slice(path.length + 1)).split("/")[0] as string;
        children.set(name, p.slice(path.length + (path === "" ? 0 : 1)).includes("/") ? "dir" : "file");
      }
      if (children.size === 0) throw new HttpProblem(404, "Not Found");
      return [200, [...children].sort().map(([name, type]) => ({ type, name, path: path === "" ? name : `${path}/${name}` }))];
    }
    throw new HttpProblem(404, "Not Found");
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let status = 500;
    let payload: unknown;
    try {
      if (options.token !== undefined) {
        const auth = req.headers.authorization ?? "";
        if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) throw new HttpProblem(401, "Bad credentials");
      }
      [status, payload] = await route(req, new URL(req.url ?? "/", "http://127.0.0.1"));
    } catch (error) {
      status = error instanceof HttpProblem ? error.status : 500;
      payload = { message: error instanceof Error ? error.message : "Internal error", documentation_url: "https://docs.github.com/rest", status: String(status) };
    }
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(payload));
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    repository,
    store,
    stats,
    seed,
    readFile(branch, path) {
      const head = store.getRef(`heads/${branch}`);
      if (head === undefined) return undefined;
      const entry = store.flatten(treeOf(head)).get(path);
      return entry === undefined ? undefined : decoder.decode((store.get(entry.sha) as { content: Uint8Array }).content);
    },
    listFiles(branch) {
      const head = store.getRef(`heads/${branch}`);
      return head === undefined ? [] : [...store.flatten(treeOf(head)).keys()].sort();
    },
    log(branch) {
      const out: { sha: string; message: string; parents: string[] }[] = [];
      let sha = store.getRef(`heads/${branch}`);
      while (sha !== undefined) {
        const commit = store.get(sha);
        if (commit?.type !== "commit") break;
        out.push({ sha, message: commit.message, parents: commit.parents });
        sha = commit.parents[0];
      }
      return out;
    },
    moveBranchBeforeNextUpdates(n) {
      pendingMoves = n;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
